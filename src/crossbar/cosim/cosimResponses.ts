import { availableParallelism } from 'node:os';
import { Rng } from '../../_internals/Rng.js';
import { runImageChunks, workerScriptAvailable } from '../../_internals/runImageChunks.js';
import { XsnnError } from '../../config/XsnnError.js';
import type { Dataset } from '../../data/Dataset.js';
import { inputSize } from '../../data/Dataset.js';
import { networkFromCheckpoint, type NetworkSnapshot } from '../../snn/networkFromCheckpoint.js';
import type { SnnNetwork } from '../../snn/SnnNetwork.js';
import type { InputDrive } from '../../snn/InputDrive.js';
import type { InputSpikes } from '../../snn/InputSpikes.js';
// the SNN's own input streams (also exported as SNN_STREAMS; imported directly to keep worker start-up light)
import { STREAM } from '../../snn/_internals/streams.js';
import { CrossbarDrive, type CrossbarDriveOptions } from './CrossbarDrive.js';
import type { DriveLayout } from './DriveLayout.js';
import type { DriveWeights } from './DriveWeights.js';
import { addTileCounters, TILE_COUNTER_STRIDE } from './tileCounters.js';
import type { CosimChunkResult, CosimWorkerData } from './_internals/cosimWorker.js';
import { shareArrays } from './_internals/shareArrays.js';

/** Everything needed to rebuild a {@link CrossbarDrive} (plain typed arrays; sent to worker threads as is). */
export interface DriveSpec {
  readonly layout: DriveLayout;
  readonly weights: DriveWeights;
  readonly options: CrossbarDriveOptions;
  /**
   * Other layouts of the same programmed network (e.g. other tile sizes), whose
   * events are counted on the same spike traffic without driving the network
   * (`CrossbarDrive.count`). Only for a linear drive, where the network's input
   * does not depend on the tiling. Default none.
   */
  readonly observers?: ReadonlyArray<{ readonly layout: DriveLayout; readonly weights: DriveWeights }>;
}

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
  /** Simulated steps, every presentation included. */
  readonly steps: number;
  readonly seconds: number;
  readonly threads: number;
}

/**
 * Builds a test-mode network whose input drive is the crossbar; `drives` are
 * that drive followed by one counting-only drive per `spec.observers` entry.
 */
export function cosimNetwork(network: NetworkSnapshot, spec: DriveSpec): { net: SnnNetwork; drive: CrossbarDrive; drives: CrossbarDrive[] } {
  const net = networkFromCheckpoint(network);
  const d = new CrossbarDrive(spec.layout, spec.weights, spec.options);
  const observers = (spec.observers ?? []).map((o) => new CrossbarDrive(o.layout, o.weights, spec.options));
  if (observers.length > 0 && spec.weights.mode !== 'linear') throw new XsnnError('cosimNetwork: observer layouts need a linear drive (a tiled drive\'s input depends on its tiles)');
  net.drive = observers.length === 0 ? d : new ObservedDrive(d, observers);
  return { net, drive: d, drives: [d, ...observers] };
}

/**
 * Runs images `[a, b)` of `pixels` (image k at `(k − a)·size`, global index
 * `start + k`) through a co-simulated network, in this thread: each image starts
 * from rest with `new Rng(seed, stream, start + k)` exactly as `xsnn eval` does
 * (`SnnNetwork.inferImage`), and each accepted presentation's output spikes are
 * counted as routed from their neuron's home tile.
 */
export function cosimRespond(net: SnnNetwork, drive: CrossbarDrive | ReadonlyArray<CrossbarDrive>, pixels: Uint8Array, size: number, start: number, a: number, b: number, seed: number, stream: number, counts: Uint16Array, presentations: Uint16Array): void {
  const N = net.neurons;
  const drives = drive instanceof CrossbarDrive ? [drive] : drive;
  for (let k = a; k < b; k++) {
    for (const d of drives) d.beginImage(stream, start + k);
    const r = net.inferImage(pixels, k * size, new Rng(seed, stream, start + k));
    const o = k * N;
    for (let j = 0; j < N; j++) counts[o + j] = r.counts[j]!;
    for (const d of drives) d.addOutputSpikes(r.counts);
    presentations[k] = Math.min(65535, r.presentations);
  }
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
  if (size !== o.network.nInputs) throw new XsnnError(`cosimResponses: dataset images have ${size} inputs, the network ${o.network.nInputs}`);
  if (o.drive.layout.nInputs !== o.network.nInputs || o.drive.layout.neurons !== o.network.neurons) {
    throw new XsnnError(`cosimResponses: the drive is ${o.drive.layout.nInputs}x${o.drive.layout.neurons}, the network ${o.network.nInputs}x${o.network.neurons}`);
  }
  const count = ds.count;
  const N = o.network.neurons;
  const stream = STREAM[o.phase ?? 'test'];
  const offset = o.imageOffset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw new XsnnError(`cosimResponses: imageOffset must be a whole number >= 0, got ${offset}`);
  let threads = o.threads ?? availableParallelism();
  if (!workersAvailable() || count < 64) threads = 1;
  threads = Math.max(1, Math.min(threads, Math.ceil(count / 32)));
  const pixels = ds.pixels.subarray(0, count * size);
  if (threads === 1) {
    const { net, drive, drives } = cosimNetwork(o.network, o.drive);
    const counts = new Uint16Array(count * N);
    const pres = new Uint16Array(count);
    for (let a = 0; a < count; a += 50) {
      const b = Math.min(count, a + 50);
      cosimRespond(net, drives, pixels, size, offset, a, b, o.seed, stream, counts, pres);
      o.onProgress?.(b);
    }
    const observerCounters = drives.slice(1).map((d) => d.tileCounters());
    return { counts, presentations: pres, counters: drive.tileCounters(), observerCounters, steps: drive.steps, seconds: (performance.now() - t0) / 1000, threads: 1 };
  }
  const shared = new Uint8Array(new SharedArrayBuffer(pixels.length));
  shared.set(pixels);
  const outCounts = new Uint16Array(new SharedArrayBuffer(count * N * 2));
  const outPres = new Uint16Array(new SharedArrayBuffer(count * 2));
  const n = o.network;
  const workerData: CosimWorkerData = {
    network: { recipe: n.recipe, nInputs: n.nInputs, neurons: N, maxDelay: n.maxDelay, weights: shareArrays(n.weights), mask: shareArrays(n.mask), delays: shareArrays(n.delays), theta: n.theta },
    drive: shareArrays(o.drive),
    pixels: shared, size, start: offset, seed: o.seed, stream, outCounts, outPres,
  };
  const counters = new Float64Array(o.drive.layout.tiles * TILE_COUNTER_STRIDE);
  const observerCounters = (o.drive.observers ?? []).map((x) => new Float64Array(x.layout.tiles * TILE_COUNTER_STRIDE));
  let steps = 0;
  const chunk = Math.max(8, Math.min(50, Math.ceil(count / (threads * 8))));
  let done = 0;
  // each thread's latest running totals (a thread runs its chunks one after another)
  const totals = new Map<number, CosimChunkResult>();
  await runImageChunks<CosimChunkResult>({
    worker: WORKER_URL, workerData, threads, count, chunk,
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

/** The network's input drive when observers count along: the primary drive feeds the network, each observer only counts. */
class ObservedDrive implements InputDrive {
  constructor(
    private readonly primary: CrossbarDrive,
    private readonly observers: ReadonlyArray<CrossbarDrive>,
  ) {}

  deliver(spikes: InputSpikes, step: number, ge: Float64Array): void {
    this.primary.deliver(spikes, step, ge);
    for (const o of this.observers) o.count(spikes, step);
  }
}
