// Piscina worker of cosimResponses: rebuilds the network and its crossbar drive
// once, at load, from the pool's workerData; each task runs images [a, b) of the
// shared pixel buffer and returns the thread's running event counters of each
// drive (the network's, then its observers') and step count so far.
import { threadId } from 'node:worker_threads';
import { workerData } from 'piscina';
import type { NetworkSnapshot } from '../../../snn/networkFromCheckpoint.js';
import type { ImageChunk, SharedImages } from '../../../_internals/SharedImages.js';
import { cosimNetwork, cosimRespond, type DriveSpec } from '../cosimResponses.js';

/** The pool's `workerData`: network and drive (shared typed arrays), the images (shared) and where to write (shared). */
export interface CosimWorkerData extends SharedImages {
  readonly network: NetworkSnapshot;
  readonly drive: DriveSpec;
}

/** What a task returns: its thread's totals so far (the last task of each thread holds that thread's share). */
export interface CosimChunkResult {
  readonly thread: number;
  /** Chunks this thread has run, this one included. */
  readonly chunks: number;
  /** Per-tile event counters of each drive. */
  readonly counters: Float64Array[];
  readonly steps: number;
}

const data = workerData as CosimWorkerData;
const { net, drive, drives } = cosimNetwork(data.network, data.drive);
let chunks = 0;

/** Runs one chunk of images, writing the spike counts into the shared outputs; returns the thread's running totals. */
export default function cosimChunk({ a, b }: ImageChunk): CosimChunkResult {
  cosimRespond(net, drives, data.pixels, data.size, data.start, a, b, data.seed, data.stream, data.outCounts, data.outPres);
  return { thread: threadId, chunks: ++chunks, counters: drives.map((d) => d.tileCounters()), steps: drive.steps };
}
