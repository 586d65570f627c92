// Piscina worker of cosimResponses: rebuilds the network and its crossbar drive
// once, at load, from the pool's workerData; each task runs images [a, b) of the
// shared pixel buffer and returns the thread's running event counters of each
// drive (the network's, then its observers') and step count so far.
import { threadId } from 'node:worker_threads';
import { workerData } from 'piscina';
import type { ImageChunk } from '../../core/SharedImages.js';
import { cosimNetwork } from '../cosimNetwork.js';
import { cosimRespond } from './cosimRespond.js';
import type { CosimChunkResult, CosimWorkerData } from './CosimWorkerData.js';

const data = workerData as CosimWorkerData;
const { net, drive, drives } = cosimNetwork(data.network, data.drive);
let chunks = 0;

/** Runs one chunk of images, writing the spike counts into the shared outputs; returns the thread's running totals. */
export default function cosimChunk({ a, b }: ImageChunk): CosimChunkResult {
  cosimRespond({
    net,
    drives,
    pixels: data.pixels,
    size: data.size,
    start: data.start,
    from: a,
    to: b,
    seed: data.seed,
    stream: data.stream,
    counts: data.outCounts,
    presentations: data.outPres,
  });
  return { thread: threadId, chunks: ++chunks, counters: drives.map((d) => d.tileCounters()), steps: drive.steps };
}
