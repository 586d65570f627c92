// Worker thread of cosimResponses: rebuilds the network and its crossbar drive
// from the typed arrays it was sent, runs images [a, b) of the shared pixel
// buffer, and on `finish` posts its event counters and step count.
import { parentPort, workerData } from 'node:worker_threads';
import type { NetworkSnapshot } from '../../../snn/networkFromCheckpoint.js';
import { cosimNetwork, cosimRespond, type DriveSpec } from '../cosimResponses.js';

interface Data {
  network: NetworkSnapshot;
  drive: DriveSpec;
  pixels: Uint8Array;
  size: number;
  seed: number;
  stream: number;
  outCounts: Uint16Array;
  outPres: Uint16Array;
}

const data = workerData as Data;
const { net, drive } = cosimNetwork(data.network, data.drive);
parentPort!.on('message', (msg: { a: number; b: number } | { finish: true }) => {
  if ('finish' in msg) {
    parentPort!.postMessage({ counters: drive.tileCounters(), steps: drive.steps });
    return;
  }
  cosimRespond(net, drive, data.pixels, data.size, 0, msg.a, msg.b, data.seed, data.stream, data.outCounts, data.outPres);
  parentPort!.postMessage(msg);
});
