// Types of the test double testEvaluator.mjs (plain JS so that sweep workers can import it by path).
import type { ResultRecord } from '../../../src/core/ResultRecord.js';
import type { PointEvaluator } from '../../../src/sweep/PointEvaluator.js';
import type { SweepPoint } from '../../../src/sweep/SweepPoint.js';

/** The shared mapping figures the double reads. */
export interface TestMapping {
  readonly tiles: number;
  readonly synapses: number;
}

/** A schema-valid record for `point` whose numbers depend only on the point. */
export function recordFor(point: SweepPoint, mapping: TestMapping): ResultRecord;

/** The double as a point evaluator. */
export const evaluatePoint: PointEvaluator;

/** {@link evaluatePoint} after XSNN_TEST_DELAY_MS (default 60 ms) per point. */
export const slowEvaluatePoint: PointEvaluator;

/** Fails on points with σ > 0.15. */
export const failingEvaluatePoint: PointEvaluator;
