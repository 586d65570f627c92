// Hardware model throughput: programming a 784x6400 matrix (Diehl & Cook 6400-neuron
// input layer, ~5M synapses) with variation and faults, and energy/area evaluation.
import { programWeights, loadDevice, conductanceToWeight } from '../../dist/devices/index.js';
import { loadCrossbar } from '../../dist/crossbar/index.js';
import { areaOf, eventEnergies, energyFromCounts, zeroEventCounts } from '../../dist/energy/index.js';
import { csrFromDense } from '../../dist/core/CsrMatrix.js';

export default async function () {
  const rows = 784;
  const cols = 6400;
  const dense = new Float32Array(rows * cols);
  for (let i = 0; i < dense.length; i++) dense[i] = ((i * 2654435761) >>> 0) / 2 ** 32;
  const w = csrFromDense(dense, rows, cols);
  const device = { ...loadDevice('rram-hfox-32nm'), deviceToDevice: { distribution: 'lognormal', sigma: 0.03 } };
  let t0 = performance.now();
  const p = programWeights({ weights: w, device, wMax: 1, seed: 1 });
  let ms = performance.now() - t0;
  console.log(
    `programWeights: ${p.nnz} synapses in ${ms.toFixed(0)} ms (${(((p.nnz / ms) * 1e3) / 1e6).toFixed(1)} M cells/s), heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
  );
  t0 = performance.now();
  const back = conductanceToWeight(p);
  ms = performance.now() - t0;
  console.log(`conductanceToWeight: ${back.length} weights in ${ms.toFixed(0)} ms`);
  const xb = loadCrossbar('rram-128x128-adc5');
  t0 = performance.now();
  let sink = 0;
  for (let k = 0; k < 1000; k++) {
    const e = eventEnergies(xb.device, xb, { tiles: 1 + (k % 400) });
    sink += energyFromCounts({ ...zeroEventCounts(), rowActivations: k, columnSenses: k, inferences: 1 }, e).totalJ;
    sink += areaOf({ tiles: 1 + (k % 400) }, xb.device, xb).totalM2;
  }
  ms = performance.now() - t0;
  console.log(`eventEnergies + energyFromCounts + areaOf: ${(ms / 1000).toFixed(3)} ms per evaluation (checksum ${sink.toExponential(3)})`);
}
