import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { XsnnError } from '../config/XsnnError.js';
import type { ResultRecord } from '../core/ResultRecord.js';
import type { SharedWork } from './SharedWork.js';
import type { SweepPoint } from './SweepPoint.js';

/** What a {@link PointEvaluator} gets besides its point. */
export interface EvaluatorContext {
  /** Cache of work shared between points (see {@link SharedWork}). */
  readonly shared: SharedWork;
  /** The sweep's cache folder (`<outDir>/cache`), for evaluators that manage files themselves. */
  readonly cacheDir: string | null;
  /** Optional: how far the point's evaluation is, `done` of `total` units (e.g. images); moves the sweep's progress bar inside a point. */
  readonly progress?: (done: number, total: number) => void;
}

/**
 * Co-simulates one sweep point: checkpoint × crossbar size × device × periphery
 * × variation σ × samples → accuracy, energy and area with breakdowns, tiles.
 *
 * Contract (checked by the runner, see `checkRecord`): the record validates
 * against `ResultRecordSchema` and echoes the point's identity — `network.name`
 * and `checkpointHash`, `crossbar.rows/cols`, `crossbar.periphery` =
 * `point.crossbar.periphery.name`, `device.name` = `point.device.name`,
 * `device.presetHash` = `point.device.hash`, `variationSigma`, `samples`, `seed`,
 * `testImages` = `point.images.test`. The periphery preset is a `crossbar/`
 * preset whose rows, cols and device are replaced by the point's. Work shared
 * between points (mapping per checkpoint and size, event counts per
 * checkpoint, size and periphery) goes through `context.shared`. Must be
 * deterministic: the same point gives the same record.
 */
export type PointEvaluator = ((point: SweepPoint, context: EvaluatorContext) => Promise<ResultRecord>) & {
  /**
   * Optional: names of the shared work a point computes or reuses (e.g. the mappings of one
   * checkpoint and weight storage). Worker threads do not see each other's work in flight, so
   * the runner starts, of the tasks waiting, the one sharing the fewest names with the tasks
   * running (the first in plan order on a tie): work another thread is computing is then
   * reused from the cache, not computed twice. It only orders the tasks; records do not depend on it.
   */
  readonly sharedWork?: (point: SweepPoint) => ReadonlyArray<string>;
};

/**
 * Where worker threads find the evaluator: an ES module (absolute path, path
 * relative to the working directory, `file:` URL or package specifier) and the
 * name of its export.
 */
export interface EvaluatorRef {
  readonly module: string;
  readonly export: string;
}

/** Parses `module#export` (export defaults to `evaluatePoint`). */
export function parseEvaluatorRef(text: string): EvaluatorRef {
  const hash = text.lastIndexOf('#');
  const module = hash < 0 ? text : text.slice(0, hash);
  const name = hash < 0 ? 'evaluatePoint' : text.slice(hash + 1);
  if (module === '' || name === '')
    throw new XsnnError(`parseEvaluatorRef: bad evaluator ${JSON.stringify(text)}`, {
      expected: 'module#export, e.g. dist/crossbar/cosim/evaluatePoint.js#evaluatePoint',
    });
  return { module, export: name };
}

/** An {@link EvaluatorRef} with its module turned into an importable URL or specifier. */
export function normalizeEvaluatorRef(ref: EvaluatorRef, cwd = process.cwd()): EvaluatorRef {
  const m = ref.module;
  if (m.startsWith('file:') || m.startsWith('node:')) return ref;
  const isPath = m.startsWith('.') || isAbsolute(m) || (m.includes('/') && existsSync(resolve(cwd, m)));
  if (!isPath) return ref;
  const path = resolve(cwd, m);
  if (!existsSync(path)) throw new XsnnError('evaluator module not found', { file: path, expected: 'a built ES module exporting a PointEvaluator' });
  return { module: pathToFileURL(path).href, export: ref.export };
}

/** Imports the evaluator a ref names; a missing module or export is an `XsnnError`. */
export async function importEvaluator(ref: EvaluatorRef): Promise<PointEvaluator> {
  const norm = normalizeEvaluatorRef(ref);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(norm.module)) as Record<string, unknown>;
  } catch (err) {
    throw new XsnnError(`cannot import evaluator module ${ref.module}: ${(err as Error).message}`);
  }
  const fn = mod[ref.export];
  if (typeof fn !== 'function') {
    throw new XsnnError(`evaluator module ${ref.module} has no function export '${ref.export}'`, {
      expected: 'an exported PointEvaluator (point, context) => Promise<ResultRecord>',
    });
  }
  return fn as PointEvaluator;
}
