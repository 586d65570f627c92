import type { EvaluatorRef } from './PointEvaluator.js';

/**
 * The evaluator `xsnn sweep` and `xsnn report --spec` use unless told otherwise:
 * the crossbar co-simulation's point evaluator (compiled module, package-relative
 * path resolved by the CLI). Until that module is built, the CLI says so and
 * asks for `--evaluator <module>#<export>`.
 */
export const DEFAULT_EVALUATOR: EvaluatorRef = { module: 'dist/crossbar/cosim/evaluatePoint.js', export: 'evaluatePoint' };
