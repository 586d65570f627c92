import { XsnnError } from '../config/XsnnError.js';
import { zodIssues } from '../config/zodIssues.js';
import type { EvaluatorContext, PointEvaluator } from './PointEvaluator.js';
import { ResultRecordSchema, type ResultRecord } from '../core/ResultRecord.js';
import type { ResultLine } from './ResultLine.js';
import type { SweepPoint } from './SweepPoint.js';

/** A point that failed, with the evaluator's message. */
export interface PointFailure {
  readonly key: string;
  readonly point: string;
  readonly message: string;
}

/** Short description of a point for messages: `sparse 64x128 rram σ=0.05`. */
export function describePoint(p: SweepPoint): string {
  return `${p.network.name} ${p.crossbar.rows}x${p.crossbar.cols} ${p.crossbar.periphery.name} ${p.device.name} σ=${p.variationSigma}`;
}

/** Checks a record against the schema and against the point it claims to describe. */
export function checkRecord(point: SweepPoint, value: unknown): ResultRecord {
  const parsed = ResultRecordSchema.safeParse(value);
  if (!parsed.success) {
    throw new XsnnError(zodIssues(parsed.error, { prefix: 'evaluator returned an invalid record: ' }), {}, { cause: parsed.error });
  }
  const r = parsed.data;
  const want: Array<[string, unknown, unknown]> = [
    ['network.name', r.network.name, point.network.name],
    ['network.checkpointHash', r.network.checkpointHash, point.network.checkpointHash],
    ['crossbar.rows', r.crossbar.rows, point.crossbar.rows],
    ['crossbar.cols', r.crossbar.cols, point.crossbar.cols],
    ['crossbar.periphery', r.crossbar.periphery, point.crossbar.periphery.name],
    ['device.name', r.device.name, point.device.name],
    ['device.presetHash', r.device.presetHash, point.device.hash],
    ['variationSigma', r.variationSigma, point.variationSigma],
    ['samples', r.samples, point.samples],
    ['seed', r.seed, point.seed],
    ['testImages', r.testImages, point.images.test],
    ['energyImages', r.energyImages, point.images.energy ?? point.images.test],
    ['labels', r.labels, point.labels ?? 'hardware'],
  ];
  for (const [field, got, expected] of want) {
    if (got !== expected)
      throw new XsnnError('evaluator returned a record for another point', { field, expected: JSON.stringify(expected), received: JSON.stringify(got) });
  }
  return r;
}

/**
 * Evaluates points one after another (they share a {@link EvaluatorContext}),
 * checks each record and hands each finished line to `onLine` (and the
 * evaluator's progress inside a point, as a fraction, to `onProgress`). A failing point
 * is reported in the result and the others still run.
 */
export async function evaluatePoints(
  points: ReadonlyArray<SweepPoint>,
  evaluator: PointEvaluator,
  context: EvaluatorContext,
  onLine: (line: ResultLine) => void,
  onProgress?: (key: string, fraction: number) => void,
): Promise<{ done: number; failures: PointFailure[] }> {
  const failures: PointFailure[] = [];
  let done = 0;
  for (const point of points) {
    const t0 = performance.now();
    try {
      const progress = onProgress !== undefined ? (d: number, t: number) => onProgress(point.key, t > 0 ? Math.min(1, d / t) : 0) : undefined;
      const record = checkRecord(point, await evaluator(point, progress !== undefined ? { ...context, progress } : context));
      const elapsedS = Math.round(performance.now() - t0) / 1000;
      onLine({ key: point.key, finishedAt: new Date().toISOString(), elapsedS, record });
      done++;
    } catch (err) {
      failures.push({ key: point.key, point: describePoint(point), message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { done, failures };
}
