// Worker thread of computeResponses: runs images [a, b) of the shared pixel
// buffer in test mode and writes their spike counts into the shared outputs.
import { parentPort, workerData } from 'node:worker_threads';
import { networkFromCheckpoint, type NetworkSnapshot } from '../networkFromCheckpoint.js';
import { respondInProcess } from '../computeResponses.js';

interface Data extends NetworkSnapshot {
  pixels: Uint8Array;
  size: number;
  start: number;
  seed: number;
  stream: number;
  outCounts: Uint16Array;
  outPres: Uint16Array;
}

const data = workerData as Data;
const net = networkFromCheckpoint(data);
parentPort!.on('message', (msg: { a: number; b: number }) => {
  respondInProcess(net, data.pixels, msg.a * data.size, data.size, data.start + msg.a, data.start + msg.b, data.seed, data.stream, data.outCounts, data.outPres, msg.a);
  parentPort!.postMessage(msg);
});
