// Piscina worker of computeResponses: builds the network once, at load, from the
// pool's workerData; each task runs images [a, b) of the shared pixel buffer in
// test mode and writes their spike counts into the shared outputs.
import { workerData } from 'piscina';
import { networkFromCheckpoint, type NetworkSnapshot } from '../networkFromCheckpoint.js';
import { respondInProcess } from '../computeResponses.js';
import type { ImageChunk, SharedImages } from '../../_internals/SharedImages.js';

/** The pool's `workerData`: the network, the images (shared) and where to write (shared). */
export interface ResponseWorkerData extends NetworkSnapshot, SharedImages {}

const data = workerData as ResponseWorkerData;
const net = networkFromCheckpoint(data);

/** Runs one chunk of images, writing its results into the shared outputs. */
export default function respondChunk({ a, b }: ImageChunk): void {
  respondInProcess(net, data.pixels, a * data.size, data.size, data.start + a, data.start + b, data.seed, data.stream, data.outCounts, data.outPres, a);
}
