import { availableParallelism } from 'node:os';
import { runImageChunks, workerScriptAvailable } from '../core/runImageChunks.js';
import { XsnnError } from '../config/XsnnError.js';
import type { Dataset } from '../data/Dataset.js';
import { inputSize } from '../data/Dataset.js';
import type { NetworkSnapshot } from '../snn/networkFromCheckpoint.js';
// the SNN's own input streams (also exported as SNN_STREAMS; imported directly to keep worker start-up light)
import { STREAM } from '../core/streams.js';
import { addTileCounters, newTileCounters } from './tileCounters.js';
import type { DriveTraffic } from './DriveTraffic.js';
import type { CosimChunkResult, CosimWorkerData } from './_internals/CosimWorkerData.js';
import { cosimRespond } from './_internals/cosimRespond.js';
import { cosimNetwork, type DriveSpec } from './cosimNetwork.js';
import { shareArrays } from './_internals/shareArrays.js';

/** Options of {@link cosimResponses}. */
export interface CosimResponsesOptions {
  readonly network: NetworkSnapshot;
  readonly drive: DriveSpec;
  readonly dataset: Dataset;
  /** Random stream of the Poisson input, as in `computeResponses`. Default `test`. */
  readonly phase?: 'label' | 'test';
  /** Seed of the Poisson input (image k: `new Rng(seed, STREAM[phase], k)`, as `xsnn eval`). */
  readonly seed: number;
  /** Index of the dataset's first image in its split: image k draws `new Rng(seed, stream, imageOffset + k)`. Default 0. */
  readonly imageOffset?: number;
  /** Worker threads (default: all cores). Results do not depend on it. */
  readonly threads?: number;
  /** Called with the number of images done. */
  readonly onProgress?: (done: number) => void;
}

/** Spike counts of co-simulated inference plus the hardware events. */
export interface CosimResponses {
  /** `images × neurons` spike counts (presentation window of the accepted presentation). */
  readonly counts: Uint16Array;
  readonly presentations: Uint16Array;
  /** Per-tile event counters (`TILE_COUNTER_FIELDS`), summed over the images. */
  readonly counters: Float64Array;
  /** The same counters for each of `drive.observers`, in order. */
  readonly observerCounters: ReadonlyArray<Float64Array>;
  /** With `drive.options.recordTraffic` (run in this thread): the drive's and then each observer's traffic. */
  readonly traffic?: ReadonlyArray<DriveTraffic>;
  /** Simulated steps, every presentation included. */
  readonly steps: number;
  readonly seconds: number;
  readonly threads: number;
}

const WORKER_URL = new URL('./_internals/cosimWorker.js', import.meta.url);

function workersAvailable(): boolean {
  return workerScriptAvailable(WORKER_URL, import.meta.url);
}

/**
 * Co-simulated test-mode responses of a dataset on a Piscina pool of `threads`
 * worker threads (default: every core; one, in this thread, when the compiled
 * worker is not available or there are fewer than 64 images). Each thread
 * rebuilds the network and the drive once from the pool's `workerData`, whose
 * typed arrays are shared with the threads through SharedArrayBuffers, not
 * copied (pass arrays that are already shared, e.g. from `shareArrays`, to skip
 * even the one copy). The images go to the pool in chunks; each chunk writes
 * its spike counts into the shared outputs and returns its thread's running
 * event counters, the latest of each thread being summed at the end. Images are
 * independent (state reset, per-image input and read-noise streams), so counts
 * and event counters do not depend on the thread count. The pool is destroyed
 * before the promise settles; an error in a thread rejects it.
 */
export async function cosimResponses(o: CosimResponsesOptions): Promise<CosimResponses> {
  const t0 = performance.now();
  const ds = o.dataset;
  const size = inputSize(ds);
  checkShapes(o, size);
  const count = ds.count;
  const stream = STREAM[o.phase ?? 'test'];
  const offset = o.imageOffset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw new XsnnError(`cosimResponses: imageOffset must be a whole number >= 0, got ${offset}`);
  let threads = o.threads ?? availableParallelism();
  // a recorded traffic is the in-order sequence of steps of one drive: one thread
  if (!workersAvailable() || count < 64 || o.drive.options.recordTraffic === true) threads = 1;
  threads = Math.max(1, Math.min(threads, Math.ceil(count / 32)));
  const pixels = ds.pixels.subarray(0, count * size);
  const run: ImagesRun = { t0, count, size, stream, offset, pixels };
  if (threads === 1) return respondInThisThread(o, run);
  return respondOnPool(o, run, threads);
}

/** What both paths share: start time, images, their size, input stream and offset, and their pixels. */
interface ImagesRun {
  readonly t0: number;
  readonly count: number;
  readonly size: number;
  readonly stream: number;
  readonly offset: number;
  readonly pixels: Uint8Array;
}

/** Fails unless the dataset, the network and the drive agree on inputs and neurons. */
function checkShapes(o: CosimResponsesOptions, size: number): void {
  if (size !== o.network.nInputs) throw new XsnnError(`cosimResponses: dataset images have ${size} inputs, the network ${o.network.nInputs}`);
  if (o.drive.layout.nInputs !== o.network.nInputs || o.drive.layout.neurons !== o.network.neurons) {
    throw new XsnnError(
      `cosimResponses: the drive is ${o.drive.layout.nInputs}x${o.drive.layout.neurons}, the network ${o.network.nInputs}x${o.network.neurons}`,
    );
  }
}

/** The one-thread path: the images in blocks of 50, in this thread. */
function respondInThisThread(o: CosimResponsesOptions, run: ImagesRun): CosimResponses {
  const { t0, count, size, stream, offset, pixels } = run;
  const N = o.network.neurons;
  const { net, drive, drives } = cosimNetwork(o.network, o.drive);
  const counts = new Uint16Array(count * N);
  const pres = new Uint16Array(count);
  for (let a = 0; a < count; a += 50) {
    const b = Math.min(count, a + 50);
    cosimRespond({ net, drives, pixels, size, start: offset, from: a, to: b, seed: o.seed, stream, counts, presentations: pres });
    o.onProgress?.(b);
  }
  const observerCounters = drives.slice(1).map((d) => d.tileCounters());
  return {
    counts,
    presentations: pres,
    counters: drive.tileCounters(),
    observerCounters,
    ...(o.drive.options.recordTraffic === true ? { traffic: drives.map((d) => d.traffic()) } : {}),
    steps: drive.steps,
    seconds: (performance.now() - t0) / 1000,
    threads: 1,
  };
}

/** The pool's `workerData`: the network, the drive and the pixels shared, and the shared outputs. */
function poolWorkerData(o: CosimResponsesOptions, run: ImagesRun, outCounts: Uint16Array, outPres: Uint16Array): CosimWorkerData {
  const { size, stream, offset, pixels } = run;
  const shared = new Uint8Array(new SharedArrayBuffer(pixels.length));
  shared.set(pixels);
  const n = o.network;
  return {
    network: {
      recipe: n.recipe,
      nInputs: n.nInputs,
      neurons: n.neurons,
      maxDelay: n.maxDelay,
      weights: shareArrays(n.weights),
      mask: shareArrays(n.mask),
      delays: shareArrays(n.delays),
      theta: n.theta,
    },
    drive: shareArrays(o.drive),
    pixels: shared,
    size,
    start: offset,
    seed: o.seed,
    stream,
    outCounts,
    outPres,
  };
}

/** The pool path: chunks of images on `threads` workers, each thread's latest running counters summed in thread order. */
async function respondOnPool(o: CosimResponsesOptions, run: ImagesRun, threads: number): Promise<CosimResponses> {
  const { t0, count } = run;
  const N = o.network.neurons;
  const outCounts = new Uint16Array(new SharedArrayBuffer(count * N * 2));
  const outPres = new Uint16Array(new SharedArrayBuffer(count * 2));
  const workerData = poolWorkerData(o, run, outCounts, outPres);
  const counters = newTileCounters(o.drive.layout.tiles);
  const observerCounters = (o.drive.observers ?? []).map((x) => newTileCounters(x.layout.tiles));
  let steps = 0;
  const chunk = Math.max(8, Math.min(50, Math.ceil(count / (threads * 8))));
  let done = 0;
  // each thread's latest running totals (a thread runs its chunks one after another)
  const totals = new Map<number, CosimChunkResult>();
  await runImageChunks<CosimChunkResult>({
    worker: WORKER_URL,
    workerData,
    threads,
    count,
    chunk,
    onChunk: (r, a, b) => {
      if ((totals.get(r.thread)?.chunks ?? 0) < r.chunks) totals.set(r.thread, r);
      done += b - a;
      o.onProgress?.(done);
    },
  });
  for (const [, r] of [...totals].sort(([x], [y]) => x - y)) {
    addTileCounters(counters, r.counters[0]!);
    observerCounters.forEach((c, x) => addTileCounters(c, r.counters[x + 1]!));
    steps += r.steps;
  }
  return { counts: outCounts, presentations: outPres, counters, observerCounters, steps, seconds: (performance.now() - t0) / 1000, threads };
}
