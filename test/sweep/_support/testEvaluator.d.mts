import type { EvaluatorContext } from '../../../src/sweep/PointEvaluator.js';
import type { ResultRecord } from '../../../src/core/ResultRecord.js';
import type { SweepPoint } from '../../../src/sweep/SweepPoint.js';

export function recordFor(point: SweepPoint, mapping: { tiles: number; synapses: number }): ResultRecord;
export function evaluatePoint(point: SweepPoint, ctx: EvaluatorContext): Promise<ResultRecord>;
export function slowEvaluatePoint(point: SweepPoint, ctx: EvaluatorContext): Promise<ResultRecord>;
export function failingEvaluatePoint(point: SweepPoint, ctx: EvaluatorContext): Promise<ResultRecord>;
