// Piscina worker of computeResponses: builds the network once, at load, from the
// pool's workerData; each task runs images [a, b) of the shared pixel buffer in
// test mode and writes their spike counts into the shared outputs.
import { workerData } from 'piscina';
import { networkFromCheckpoint } from '../networkFromCheckpoint.js';
import type { ImageChunk } from '../../core/SharedImages.js';
import { respondImages } from './respondImages.js';
import type { ResponseWorkerData } from './ResponseWorkerData.js';

const data = workerData as ResponseWorkerData;
const net = networkFromCheckpoint(data);

/** Runs one chunk of images, writing its results into the shared outputs. */
export default function respondChunk({ a, b }: ImageChunk): void {
  respondImages({
    net,
    pixels: data.pixels,
    pixelOffset: a * data.size,
    size: data.size,
    start: data.start + a,
    end: data.start + b,
    seed: data.seed,
    stream: data.stream,
    counts: data.outCounts,
    presentations: data.outPres,
    outOffset: a,
  });
}
