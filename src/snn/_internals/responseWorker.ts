// Piscina worker of computeResponses: builds the network once, at load, from the
// pool's workerData; each task runs images [a, b) of the shared pixel buffer in
// test mode and writes their spike counts into the shared outputs.
import { workerData } from 'piscina';
import { networkFromCheckpoint, type NetworkSnapshot } from '../networkFromCheckpoint.js';
import { respondInProcess } from '../computeResponses.js';

/** The pool's `workerData`: the network, the images (shared) and where to write (shared). */
export interface ResponseWorkerData extends NetworkSnapshot {
  readonly pixels: Uint8Array;
  readonly size: number;
  /** Index of the first image of `pixels` (for its random stream). */
  readonly start: number;
  readonly seed: number;
  readonly stream: number;
  readonly outCounts: Uint16Array;
  readonly outPres: Uint16Array;
}

/** A task: images `[a, b)` of `pixels`. */
export interface ResponseChunk {
  readonly a: number;
  readonly b: number;
}

const data = workerData as ResponseWorkerData;
const net = networkFromCheckpoint(data);

/** Runs one chunk of images, writing its results into the shared outputs. */
export default function respondChunk({ a, b }: ResponseChunk): void {
  respondInProcess(net, data.pixels, a * data.size, data.size, data.start + a, data.start + b, data.seed, data.stream, data.outCounts, data.outPres, a);
}
