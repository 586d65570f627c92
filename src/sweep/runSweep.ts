import { dispatchTasks } from './_internals/dispatchTasks.js';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { writeFileAtomic } from '../core/atomicWrite.js';
import { checkOutputPath } from '../core/checkOutputPath.js';
import { ensureDir } from '../core/ensureDir.js';
import { createProgress } from '../core/progress.js';
import { packageRoot } from '../config/presets.js';
import { XsnnError } from '../config/XsnnError.js';
import { version } from '../core/version.js';
import { evaluatePoints, type PointFailure } from './evaluatePoints.js';
import { expandSweep } from './expandSweep.js';
import { loadSweepSpec, type LoadedSweepSpec } from './loadSweepSpec.js';
import { importEvaluator, normalizeEvaluatorRef, type EvaluatorRef, type PointEvaluator } from './PointEvaluator.js';
import { resolveSweep, type ResolvedSweep } from './resolveSweep.js';
import type { ResultLine } from './ResultLine.js';
import { readResultsLog, ResultsAppender } from './ResultsLog.js';
import { parseShard, selectShard, type Shard } from './Shard.js';
import { createSharedWork } from './SharedWork.js';
import { manifestPath, readSweepManifest, type SweepManifest } from './SweepManifest.js';
import type { SweepPoint } from './SweepPoint.js';
import type { SweepProgressMessage, SweepWorkerTask } from './sweepWorker.js';
import { DEFAULT_EVALUATOR } from './defaultEvaluator.js';
import { validateSweepInputs } from './validateSweepInputs.js';

/** Options of {@link runSweep}. */
export interface RunSweepOptions {
  /** Sweep definition: a `reports/` name or YAML path, a loaded one, or a resolved one. */
  readonly spec: string | LoadedSweepSpec | ResolvedSweep;
  /** Results folder: `sweep.json`, `results.jsonl`, `cache/`. */
  readonly outDir: string;
  /**
   * The point evaluator. An {@link EvaluatorRef} runs on `workers` worker
   * threads; a function runs in this thread, one point at a time.
   */
  readonly evaluator: EvaluatorRef | PointEvaluator;
  /** Worker threads (default: available cores). 0 runs a ref in this thread. */
  readonly workers?: number;
  /** Run only this share of the points (`"k/n"` or a {@link Shard}; k is 1-based, 0 means n). */
  readonly shard?: Shard | string;
  /** Folder of checkpoints trained from recipes (default `out/ckpt`). */
  readonly checkpointRoot?: string;
  /** Show a progress bar on a TTY (default true; silent anyway when stderr is not a TTY). */
  readonly progress?: boolean;
}

/** What {@link runSweep} did. */
export interface SweepRunSummary {
  readonly outDir: string;
  readonly definitionHash: string;
  /** Points in the whole sweep. */
  readonly total: number;
  /** Points in this shard. */
  readonly inShard: number;
  /** Points of this shard already in `results.jsonl` before this run. */
  readonly alreadyDone: number;
  /** Points evaluated now. */
  readonly evaluated: number;
  readonly failures: ReadonlyArray<PointFailure>;
  readonly elapsedS: number;
}

function fillDefaults(o: RunSweepOptions): Required<Omit<RunSweepOptions, 'shard' | 'checkpointRoot'>> & { shard: Shard; checkpointRoot: string } {
  const workers = o.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 0) throw new XsnnError(`runSweep: workers must be a whole number >= 0, got ${workers}`);
  if (typeof o.outDir !== 'string' || o.outDir === '') throw new XsnnError('runSweep: outDir must be a folder path');
  const shard = o.shard === undefined ? { k: 1, n: 1 } : typeof o.shard === 'string' ? parseShard(o.shard) : parseShard(`${o.shard.k}/${o.shard.n}`);
  return {
    spec: o.spec,
    outDir: o.outDir,
    evaluator: o.evaluator,
    workers,
    shard,
    checkpointRoot: o.checkpointRoot ?? 'out/ckpt',
    progress: o.progress ?? true,
  };
}

/** Builds the manifest written to `<outDir>/sweep.json`. */
export function buildManifest(sweep: ResolvedSweep, raw: Record<string, unknown>, pointCount: number): SweepManifest {
  return {
    format: 'xsnn-sweep/1',
    xsnnVersion: version,
    name: sweep.spec.name,
    definitionHash: sweep.definitionHash,
    specFile: sweep.specFile,
    definition: raw,
    seed: sweep.spec.seed,
    pointCount,
    networks: sweep.networks.map((n) => ({ ...n })),
    devices: sweep.devices.map((d) => ({ name: d.name, file: d.file, hash: d.hash, raw: d.raw })),
    periphery: sweep.periphery.map((p) => ({ name: p.name, file: p.file, hash: p.hash, raw: p.raw })),
  };
}

/** Takes `<dir>/.lock` for this process; a lock left by a dead process is taken over. */
function acquireLock(dir: string): () => void {
  const file = join(dir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8'));
      let alive = false;
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) {
        try {
          process.kill(pid, 0);
          alive = true;
        } catch (e) {
          alive = (e as NodeJS.ErrnoException).code === 'EPERM';
        }
      }
      if (alive)
        throw new XsnnError(`another sweep (pid ${pid}) is writing to this folder`, {
          file: dir,
          expected: 'one sweep per results folder; use --out <another dir> per shard',
        });
      rmSync(file, { force: true });
    }
  }
  throw new XsnnError('cannot lock the results folder', { file: dir });
}

/** Splits points into tasks: one per simulation group, split further when there are fewer groups than workers. */
function planTasks(points: ReadonlyArray<SweepPoint>, workers: number): SweepPoint[][] {
  const groups = new Map<string, SweepPoint[]>();
  for (const p of points) {
    const g = groups.get(p.groupKey);
    if (g === undefined) groups.set(p.groupKey, [p]);
    else g.push(p);
  }
  let tasks = [...groups.values()];
  while (tasks.length < workers) {
    tasks.sort((a, b) => b.length - a.length);
    const big = tasks[0]!;
    if (big.length < 2) break;
    const half = Math.ceil(big.length / 2);
    tasks = [big.slice(0, half), big.slice(half), ...tasks.slice(1)];
  }
  // biggest first keeps the pool busy until the end; among equals, alternate the networks, so that
  // workers starting together do not compute the same network's mappings at the same time
  const rank = new Map<SweepPoint[], number>();
  const seen = new Map<string, number>();
  for (const t of tasks) {
    const net = t[0]!.network.checkpointHash;
    const r = seen.get(net) ?? 0;
    seen.set(net, r + 1);
    rank.set(t, r);
  }
  return tasks.sort((a, b) => b.length - a.length || rank.get(a)! - rank.get(b)!);
}

/** The names of a task's shared work (none if the evaluator has none, or cannot name a point's: its evaluation reports that). */
function sharedWorkNames(points: ReadonlyArray<SweepPoint>, sharedWork: ((point: SweepPoint) => ReadonlyArray<string>) | undefined): string[] {
  if (sharedWork === undefined) return [];
  const names: string[] = [];
  for (const p of points) {
    try {
      names.push(...sharedWork(p));
    } catch {
      // the point's own evaluation fails with the evaluator's message
    }
  }
  return names;
}

function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  // Under a TypeScript runner this file is src/sweep/runSweep.ts; workers always load compiled code.
  const file = here.endsWith('.ts') ? join(packageRoot, 'dist', 'sweep', 'sweepWorker.js') : join(here, '..', 'sweepWorker.js');
  if (!existsSync(file)) throw new XsnnError('runSweep: compiled worker not found (run `npm run build`)', { file });
  return pathToFileURL(file).href;
}

/** A sweep ready to run: resolved, expanded, its evaluator loaded, nothing written yet. */
interface PreparedSweep {
  readonly sweep: ResolvedSweep;
  readonly raw: Record<string, unknown>;
  readonly all: SweepPoint[];
  readonly mine: SweepPoint[];
  readonly existing: SweepManifest | null;
  readonly evaluatorFn: PointEvaluator;
  readonly ref: EvaluatorRef | null;
}

/**
 * Resolves and checks everything before a file is written: the definition, the
 * results folder (another definition's is refused; a location that cannot hold a
 * folder fails here), the evaluator module, and for the co-simulation every preset
 * and checkpoint ({@link validateSweepInputs}).
 */
async function prepareSweep(o: ReturnType<typeof fillDefaults>): Promise<PreparedSweep> {
  const sweep: ResolvedSweep =
    typeof o.spec === 'string'
      ? resolveSweep(loadSweepSpec(o.spec), { checkpointRoot: o.checkpointRoot })
      : 'definitionHash' in o.spec
        ? o.spec
        : resolveSweep(o.spec, { checkpointRoot: o.checkpointRoot });
  const raw = typeof o.spec === 'object' && 'raw' in o.spec ? o.spec.raw : loadSweepSpec(sweep.specFile).raw;
  const all = expandSweep(sweep);
  const mine = selectShard(all, o.shard);
  checkOutputPath(o.outDir, 'dir', 'sweep --out');
  const existing = readSweepManifest(o.outDir);
  if (existing !== null && existing.definitionHash !== sweep.definitionHash) {
    throw new XsnnError(
      `results folder belongs to another sweep definition ('${existing.name}', hash ${existing.definitionHash.slice(0, 12)}…; this one is '${sweep.spec.name}', ${sweep.definitionHash.slice(0, 12)}…)`,
      {
        file: o.outDir,
        expected: 'an empty folder or one holding results of the same definition',
      },
    );
  }
  let evaluatorFn: PointEvaluator;
  let ref: EvaluatorRef | null = null;
  if (typeof o.evaluator === 'function') evaluatorFn = o.evaluator;
  else {
    ref = normalizeEvaluatorRef(o.evaluator);
    evaluatorFn = await importEvaluator(ref); // fail fast, before writing anything
    if (ref.export === DEFAULT_EVALUATOR.export && ref.module.replace(/\\/g, '/').endsWith(DEFAULT_EVALUATOR.module)) validateSweepInputs(sweep);
  }
  return { sweep, raw, all, mine, existing, evaluatorFn, ref };
}

/** Runs tasks on a worker pool, one simulation group per task; lines arrive through a message port as points finish. */
interface PoolRun {
  readonly workers: number;
  readonly cacheDir: string;
  readonly onLine: (line: ResultLine) => void;
  /** A point's fraction done, so the bar moves inside a point. */
  readonly onProgress: (key: string, fraction: number) => void;
  readonly isDone: (key: string) => boolean;
  /** The evaluator's names of shared work per point, if it has them (`PointEvaluator.sharedWork`). */
  readonly sharedWork?: (point: SweepPoint) => ReadonlyArray<string>;
}

async function evaluateInPool(
  todo: ReadonlyArray<SweepPoint>,
  ref: EvaluatorRef,
  { workers, cacheDir, onLine, onProgress, isDone, sharedWork }: PoolRun,
): Promise<PointFailure[]> {
  const failures: PointFailure[] = [];
  const tasks = planTasks(todo, workers);
  const slots = Math.min(workers, tasks.length);
  const pool = new Piscina<SweepWorkerTask, { done: number; failures: PointFailure[] }>({
    filename: workerFile(),
    maxThreads: slots,
    minThreads: slots,
    idleTimeout: 60_000,
  });
  const runTask = async (points: SweepPoint[]): Promise<void> => {
    const { port1, port2 } = new MessageChannel();
    let received = 0;
    let expected = -1;
    let resolveAll: () => void = () => {};
    const all = new Promise<void>((res) => (resolveAll = res));
    port1.on('message', (line: ResultLine | SweepProgressMessage) => {
      if ('progress' in line) {
        onProgress(line.progress, line.fraction);
        return;
      }
      received++;
      onLine(line);
      if (received === expected) resolveAll();
    });
    try {
      const r = await pool.run({ points, evaluator: ref, cacheDir, port: port2 }, { transferList: [port2] });
      failures.push(...r.failures);
      expected = r.done;
      if (received >= expected) resolveAll();
      await all;
    } catch (err) {
      for (const p of points) if (!isDone(p.key)) failures.push({ key: p.key, point: p.key, message: err instanceof Error ? err.message : String(err) });
    } finally {
      port1.close();
    }
  };
  try {
    await dispatchTasks(tasks, slots, runTask, (points) => sharedWorkNames(points, sharedWork));
  } finally {
    await pool.destroy();
  }
  return failures;
}

/** The error of a run whose points failed (the finished ones are saved). */
function failuresError(failures: ReadonlyArray<PointFailure>, todo: number, finished: number, outDir: string): XsnnError {
  const first = failures
    .slice(0, 3)
    .map((f) => `${f.point}: ${f.message}`)
    .join('; ');
  return new XsnnError(`${failures.length} of ${todo} sweep points failed (${finished} finished and saved; rerun to retry the rest): ${first}`, {
    file: outDir,
  });
}

/**
 * Evaluates every point of a sweep (or of one shard) that is not yet in
 * `<outDir>/results.jsonl`, appending one line per finished point.
 *
 * - The definition is validated and resolved before anything is written; a bad
 *   one is an `XsnnError` and leaves no files. With the co-simulation evaluator,
 *   every device and periphery preset and every checkpoint is validated too.
 * - `<outDir>/sweep.json` records the definition and its hash; a folder holding
 *   another definition's results is refused.
 * - Lines are appended atomically (see {@link ResultsAppender}); after a kill,
 *   rerunning evaluates only the missing points.
 * - The points of one simulation group (same network, periphery, device and σ;
 *   see `expandSweep`) go to the same worker, whose {@link SharedWork} cache
 *   computes their common work once.
 */
export async function runSweep(options: RunSweepOptions): Promise<SweepRunSummary> {
  const t0 = performance.now();
  const o = fillDefaults(options);
  const { sweep, raw, all, mine, existing, evaluatorFn, ref } = await prepareSweep(o);
  ensureDir(o.outDir);
  const release = acquireLock(o.outDir);
  try {
    if (existing === null) writeFileAtomic(manifestPath(o.outDir), `${JSON.stringify(buildManifest(sweep, raw, all.length), null, 2)}\n`);
    const logFile = join(o.outDir, 'results.jsonl');
    const log = readResultsLog(logFile);
    const done = new Set(log.lines.map((l) => l.key));
    const todo = mine.filter((p) => !done.has(p.key));
    const cacheDir = join(o.outDir, 'cache');
    const appender = ResultsAppender.open(logFile, log.validBytes);
    const bar = o.progress
      ? createProgress(todo.length, 'sweep {bar} {points}/{total} points | {percentage}% | ETA {eta_formatted} | {rate} pt/s', { points: 0 })
      : { update() {}, stop() {} };
    let finished = 0;
    // points being evaluated: the fraction done, so the bar moves inside a point
    const inFlight = new Map<string, number>();
    const showProgress = (): void => {
      let partial = 0;
      for (const f of inFlight.values()) partial += f;
      bar.update(finished + partial, { points: finished });
    };
    const onProgress = (key: string, fraction: number): void => {
      if (done.has(key)) return;
      inFlight.set(key, fraction);
      showProgress();
    };
    const onLine = (line: ResultLine): void => {
      if (done.has(line.key)) return;
      done.add(line.key);
      appender.append(line);
      finished++;
      inFlight.delete(line.key);
      showProgress();
    };
    const failures: PointFailure[] = [];
    try {
      if (todo.length > 0 && (ref === null || o.workers === 0)) {
        failures.push(...(await evaluatePoints(todo, evaluatorFn, { shared: createSharedWork({ cacheDir }), cacheDir }, onLine, onProgress)).failures);
      } else if (todo.length > 0) {
        const pool = { workers: o.workers, cacheDir, onLine, onProgress, isDone: (key: string) => done.has(key) };
        failures.push(...(await evaluateInPool(todo, ref!, evaluatorFn.sharedWork !== undefined ? { ...pool, sharedWork: evaluatorFn.sharedWork } : pool)));
      }
    } finally {
      bar.stop();
      appender.close();
    }
    if (failures.length > 0) throw failuresError(failures, todo.length, finished, o.outDir);
    return {
      outDir: o.outDir,
      definitionHash: sweep.definitionHash,
      total: all.length,
      inShard: mine.length,
      alreadyDone: mine.length - todo.length,
      evaluated: finished,
      failures,
      elapsedS: (performance.now() - t0) / 1000,
    };
  } finally {
    release();
  }
}
