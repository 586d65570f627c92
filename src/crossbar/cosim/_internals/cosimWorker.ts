// Worker thread of cosimResponses: rebuilds the network and its crossbar drive
// from the typed arrays it was sent, runs images [a, b) of the shared pixel
// buffer, and on `finish` posts the event counters of each drive (the network's,
// then its observers') and the step count.
import { parentPort, workerData } from 'node:worker_threads';
import type { NetworkSnapshot } from '../../../snn/networkFromCheckpoint.js';
import { cosimNetwork, cosimRespond, type DriveSpec } from '../cosimResponses.js';

interface Data {
  network: NetworkSnapshot;
  drive: DriveSpec;
  pixels: Uint8Array;
  size: number;
  start: number;
  seed: number;
  stream: number;
  outCounts: Uint16Array;
  outPres: Uint16Array;
}

const data = workerData as Data;
const { net, drive, drives } = cosimNetwork(data.network, data.drive);
parentPort!.on('message', (msg: { a: number; b: number } | { finish: true }) => {
  if ('finish' in msg) {
    parentPort!.postMessage({ counters: drives.map((d) => d.tileCounters()), steps: drive.steps });
    return;
  }
  cosimRespond(net, drives, data.pixels, data.size, data.start, msg.a, msg.b, data.seed, data.stream, data.outCounts, data.outPres);
  parentPort!.postMessage(msg);
});
