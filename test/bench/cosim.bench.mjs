// Crossbar co-simulation benchmark: inference images/s of the N = 400 Diehl & Cook
// network co-simulated through its mapped 64x64 tiles (ideal device: same spikes as
// plain inference; RRAM: 8-bit bit-sliced, linear drive; RRAM + 5-bit ADC: tiled
// drive) against plain inference (`computeResponses`), on 1 thread and all cores.
// Target: co-simulated ideal inference at least 0.5x plain. Uses out/ckpt/dc2015-400
// when it exists, else an untrained N = 400 network from the recipe (one training
// image). Figures are printed, nothing is asserted. Imports the compiled dist/.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkpointCsr, loadCheckpoint, loadCrossbar, loadMnist, mapWeights, train } from '../../dist/index.js';
import { computeResponses } from '../../dist/snn/index.js';
import { buildDriveLayout, cosimResponses, crossbarForNetwork, programCrossbar } from '../../dist/cosim/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const IMAGES = Number(process.env.XSNN_BENCH_COSIM_IMAGES ?? 200);

function driveFor(ck, crossbarRef, device) {
  const { crossbar } = crossbarForNetwork({ crossbar: loadCrossbar(crossbarRef, { device }), checkpoint: ck });
  const t0 = performance.now();
  const mapping = mapWeights(checkpointCsr(ck), { tileRows: crossbar.rows, tileCols: crossbar.logicalCols, splitColumns: crossbar.splitColumns });
  const tMap = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const layout = buildDriveLayout({ mapping, delays: ck.delays, maxDelay: ck.maxDelay, physicalCols: crossbar.cols, cellsPerWeight: crossbar.cellsPerWeight });
  let wMax = 0;
  for (let k = 0; k < ck.weights.length; k++) if (ck.mask[k] && ck.weights[k] > wMax) wMax = ck.weights[k];
  const prog = programCrossbar({ mapping, layout, crossbar, wMax: wMax || 1, seed: 1 });
  const tProg = (performance.now() - t1) / 1000;
  return {
    drive: { layout, weights: prog.weights, options: { periphery: crossbar.periphery.kind, noiseSeed: 1 } },
    tiles: mapping.metrics.tiles,
    cpw: crossbar.cellsPerWeight,
    mode: prog.weights.mode,
    tMap,
    tProg,
  };
}

export default async function cosimBench() {
  const path = resolve(root, 'out', 'ckpt', 'dc2015-400');
  let ck;
  let which;
  if (existsSync(resolve(path, 'manifest.json'))) {
    ck = loadCheckpoint(path);
    which = `trained checkpoint ${path}`;
  } else {
    ck = train({ recipe: 'dc2015-400', trainImages: 1 }).checkpoint;
    which = 'untrained N = 400 network from snn/dc2015-400.yaml (1 training image; no trained checkpoint at out/ckpt/dc2015-400)';
  }
  const test = loadMnist({ split: 'test', limit: IMAGES });
  const cores = availableParallelism();
  console.log(`network: ${which}; ${ck.neurons} neurons, ${ck.mask.reduce((a, b) => a + b, 0)} synapses; ${IMAGES} MNIST test images; ${cores} cores`);
  const rows = [];
  const REPS = Number(process.env.XSNN_BENCH_COSIM_REPS ?? 3);
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const ideal = driveFor(ck, '64x64', 'ideal');
  for (const threads of [1, cores]) {
    // plain and ideal co-simulation alternate REPS times (the machine is shared: medians of interleaved runs)
    const pr = [];
    const cr = [];
    let same = true;
    for (let rep = 0; rep < REPS; rep++) {
      const plain = await computeResponses({ network: ck, dataset: test, phase: 'test', seed: 1, threads });
      pr.push(IMAGES / plain.seconds);
      const r = await cosimResponses({ network: ck, drive: ideal.drive, dataset: test, phase: 'test', seed: 1, threads });
      cr.push(IMAGES / r.seconds);
      same &&=
        Buffer.compare(
          Buffer.from(r.counts.buffer, r.counts.byteOffset, r.counts.byteLength),
          Buffer.from(plain.counts.buffer, plain.counts.byteOffset, plain.counts.byteLength),
        ) === 0;
    }
    const plainRate = median(pr);
    rows.push(['plain inference (SynapticDrive)', threads, plainRate, 1, `median of ${REPS}: ${pr.map((x) => x.toFixed(0)).join(', ')}`]);
    rows.push([
      'co-sim ideal device, 64x64',
      threads,
      median(cr),
      median(cr) / plainRate,
      `median of ${REPS}: ${cr.map((x) => x.toFixed(0)).join(', ')}; ${ideal.tiles} tiles, ${ideal.mode} drive; ${same ? 'spikes identical to plain' : 'SPIKES DIFFER'}`,
    ]);
    for (const [label, xb, dev] of [
      ['co-sim RRAM 8-bit sliced, 64x64', '64x64', 'rram-hfox-32nm'],
      ['co-sim RRAM + 5-bit ADC, 128x128', 'rram-128x128-adc5', 'rram-hfox-32nm'],
    ]) {
      const d = driveFor(ck, xb, dev);
      const r = await cosimResponses({ network: ck, drive: d.drive, dataset: test, phase: 'test', seed: 1, threads });
      const rate = IMAGES / r.seconds;
      rows.push([
        label,
        threads,
        rate,
        rate / plainRate,
        `one run; ${d.tiles} tiles, ${d.cpw} cell/weight, ${d.mode} drive; map ${d.tMap.toFixed(1)} s, program ${d.tProg.toFixed(2)} s`,
      ]);
    }
  }
  console.log('| run | threads | img/s | vs plain | notes |');
  console.log('|---|---:|---:|---:|---|');
  for (const [l, t, r, x, n] of rows) console.log(`| ${l} | ${t} | ${r.toFixed(1)} | ${x.toFixed(2)}x | ${n} |`);
}
