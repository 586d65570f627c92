import type { MessagePort } from 'node:worker_threads';
import { evaluatePoints, type PointFailure } from './evaluatePoints.js';
import { importEvaluator, type EvaluatorRef, type PointEvaluator } from './PointEvaluator.js';
import { createSharedWork, type SharedWork } from './SharedWork.js';
import type { SweepPoint } from './SweepPoint.js';

/** A task for one worker thread: points that share work, and where to send lines. */
export interface SweepWorkerTask {
  readonly points: ReadonlyArray<SweepPoint>;
  readonly evaluator: EvaluatorRef;
  readonly cacheDir: string | null;
  /** Each finished line is posted here as it completes. */
  readonly port: MessagePort;
}

/** What a worker posts about a point in progress (besides its finished lines). */
export interface SweepProgressMessage {
  /** The point's key. */
  readonly progress: string;
  /** Fraction of the point's evaluation done, 0..1. */
  readonly fraction: number;
}

const evaluators = new Map<string, Promise<PointEvaluator>>();
const caches = new Map<string, SharedWork>();

/**
 * Piscina worker entry (runs in a worker thread): evaluates a task's points,
 * posting each result line on the task's port. The shared-work cache lives as
 * long as the thread, so later tasks on the same thread reuse it.
 */
export default async function runSweepTask(task: SweepWorkerTask): Promise<{ done: number; failures: PointFailure[] }> {
  const refKey = `${task.evaluator.module}#${task.evaluator.export}`;
  let ev = evaluators.get(refKey);
  if (ev === undefined) {
    ev = importEvaluator(task.evaluator);
    evaluators.set(refKey, ev);
  }
  const cacheKey = task.cacheDir ?? '';
  let shared = caches.get(cacheKey);
  if (shared === undefined) {
    shared = createSharedWork({ cacheDir: task.cacheDir });
    caches.set(cacheKey, shared);
  }
  const evaluator = await ev;
  // The main thread closes the port once it has received `done` lines; progress messages (at most 5 a second) are not lines.
  let last = 0;
  const onProgress = (key: string, fraction: number): void => {
    const now = Date.now();
    if (now - last < 200) return;
    last = now;
    task.port.postMessage({ progress: key, fraction } satisfies SweepProgressMessage);
  };
  return evaluatePoints(task.points, evaluator, { shared, cacheDir: task.cacheDir }, (line) => task.port.postMessage(line), onProgress);
}
