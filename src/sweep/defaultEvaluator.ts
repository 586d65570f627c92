import type { EvaluatorRef } from './PointEvaluator.js';

/**
 * The evaluator `xsnn sweep` and `xsnn report --spec` use unless told otherwise:
 * the crossbar co-simulation's point evaluator (`src/sweep/cosimEvaluator.ts`),
 * as a compiled module path relative to the package root, so worker threads can
 * import it.
 */
export const DEFAULT_EVALUATOR: EvaluatorRef = { module: 'dist/sweep/cosimEvaluator.js', export: 'evaluatePoint' };
