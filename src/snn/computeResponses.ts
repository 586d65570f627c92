import { availableParallelism } from 'node:os';
import { runImageChunks, workerScriptAvailable } from '../core/runImageChunks.js';
import { XsnnError } from '../config/XsnnError.js';
import type { Dataset } from '../data/Dataset.js';
import { inputSize } from '../data/Dataset.js';
import { networkFromCheckpoint, type NetworkSnapshot } from './networkFromCheckpoint.js';
import type { ResponseWorkerData } from './_internals/ResponseWorkerData.js';
import { respondImages } from './_internals/respondImages.js';
import { STREAM } from '../core/streams.js';

/** Which random stream the Poisson input of an image comes from. */
export type ResponsePhase = 'label' | 'test';

/** Options of {@link computeResponses}. */
export interface ComputeResponsesOptions {
  readonly network: NetworkSnapshot;
  readonly dataset: Dataset;
  /** First image (default 0). */
  readonly start?: number;
  /** Number of images (default: to the end of the dataset). */
  readonly count?: number;
  /** Stream of the Poisson input: image k uses `new Rng(seed, STREAM[phase], k)`. Default `test`. */
  readonly phase?: ResponsePhase;
  readonly seed: number;
  /** Worker threads (default: all cores). 1 = in this thread. Results do not depend on it. */
  readonly threads?: number;
  /** Called after each finished chunk with the number of images done. */
  readonly onProgress?: (done: number) => void;
}

/** Test-mode responses of a range of images. */
export interface Responses {
  /** Spike counts per image and E neuron, `count × neurons`. */
  readonly counts: Uint16Array;
  /** Presentations per image (1 + re-presentations). */
  readonly presentations: Uint16Array;
  readonly seconds: number;
  readonly threads: number;
}

const WORKER_URL = new URL('./_internals/responseWorker.js', import.meta.url);

/** Whether the compiled worker script is available (not when running TypeScript sources directly). */
export function workersAvailable(): boolean {
  return workerScriptAvailable(WORKER_URL, import.meta.url);
}

/**
 * Test-mode spike counts of `count` images starting at `start`, on a Piscina
 * pool of `threads` worker threads (default: every core; one, in this thread,
 * when the compiled worker is not available or there are fewer than 64 images).
 * Each thread builds the network once; the images go to the pool in chunks,
 * and the threads write the counts straight into SharedArrayBuffers. Images are
 * independent (state reset, per-image random stream), so the result is
 * identical for any thread count. The pool is destroyed before the promise
 * settles; an error in a thread rejects it.
 */
export async function computeResponses(o: ComputeResponsesOptions): Promise<Responses> {
  const t0 = performance.now();
  const ds = o.dataset;
  const start = o.start ?? 0;
  const count = o.count ?? ds.count - start;
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > ds.count) {
    throw new XsnnError(`computeResponses: images [${start}, ${start + count}) outside the dataset's ${ds.count}`);
  }
  const size = inputSize(ds);
  if (size !== o.network.nInputs) throw new XsnnError(`computeResponses: dataset images have ${size} inputs, the network ${o.network.nInputs}`);
  const stream = STREAM[o.phase ?? 'test'];
  const N = o.network.neurons;
  let threads = o.threads ?? availableParallelism();
  if (!workersAvailable() || count < 64) threads = 1;
  threads = Math.max(1, Math.min(threads, Math.ceil(count / 32)));
  const pixels = ds.pixels.subarray(start * size, (start + count) * size);
  if (threads === 1) {
    const net = networkFromCheckpoint(o.network);
    const counts = new Uint16Array(count * N);
    const pres = new Uint16Array(count);
    const chunk = 100;
    for (let a = 0; a < count; a += chunk) {
      const b = Math.min(count, a + chunk);
      respondImages({
        net,
        pixels,
        pixelOffset: a * size,
        size,
        start: start + a,
        end: start + b,
        seed: o.seed,
        stream,
        counts,
        presentations: pres,
        outOffset: a,
      });
      o.onProgress?.(b);
    }
    return { counts, presentations: pres, seconds: (performance.now() - t0) / 1000, threads: 1 };
  }
  const shared = new Uint8Array(new SharedArrayBuffer(pixels.length));
  shared.set(pixels);
  const outCounts = new Uint16Array(new SharedArrayBuffer(count * N * 2));
  const outPres = new Uint16Array(new SharedArrayBuffer(count * 2));
  const net = o.network;
  const workerData: ResponseWorkerData = {
    recipe: net.recipe,
    nInputs: net.nInputs,
    neurons: N,
    maxDelay: net.maxDelay,
    weights: net.weights,
    mask: net.mask,
    delays: net.delays,
    theta: net.theta,
    pixels: shared,
    size,
    start,
    seed: o.seed,
    stream,
    outCounts,
    outPres,
  };
  const chunk = Math.max(8, Math.min(100, Math.ceil(count / (threads * 8))));
  let done = 0;
  await runImageChunks<void>({
    worker: WORKER_URL,
    workerData,
    threads,
    count,
    chunk,
    onChunk: (_, a, b) => {
      done += b - a;
      o.onProgress?.(done);
    },
  });
  return { counts: outCounts, presentations: outPres, seconds: (performance.now() - t0) / 1000, threads };
}
