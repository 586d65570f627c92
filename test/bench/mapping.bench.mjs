// Mapper/packer benchmark: `npm run bench -- mapping`. Imports the compiled dist/.
//
// Weights: SYNTHETIC digit-prototype receptive fields (digitReceptiveFields in
// xsnn/testing: each neuron = mean of a random MNIST image and its nearest
// same-class neighbours, plus noise, pruned per neuron by percentile), so the
// figures never wait for a trained network; and every trained checkpoint found in
// out/ckpt/ (from `xsnn train`, e.g. dc2015-400): as trained, and with its
// |weights| pruned per neuron at 75 % and 90 %.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { mapWeights, loadWeights } from '../../dist/mapping/index.js';
import { digitReceptiveFields, prunePerNeuron } from '../../dist/testing/index.js';
import { csrToDense } from '../../dist/data/index.js';

const fmt = (x, d = 3) => x.toFixed(d);

function row(label, w, R, C) {
  if (globalThis.gc) globalThis.gc();
  const t0 = performance.now();
  const m = mapWeights(w, { tileRows: R, tileCols: C });
  const s = (performance.now() - t0) / 1000;
  const mt = m.metrics;
  console.log(
    `${label.padEnd(34)} ${`${R}x${C}`.padStart(7)}  K ${String(mt.tiles).padStart(5)}  naive ${String(mt.naiveTiles).padStart(5)}  LB ${String(mt.lowerBound.max).padStart(5)}  K/naive ${fmt(mt.tilesPerNaive)}  K/LB ${fmt(mt.tilesPerLowerBound)}  util ${fmt(100 * mt.utilisation, 1)}%  ${fmt(s, 2)} s`,
  );
  return { m, s };
}

export default async function mappingBench() {
  // 1. Speed: 784×6400 at 75 % pruning on 64×64 (target ≤ 5 s), then sizes 32–512.
  let t0 = performance.now();
  const big = digitReceptiveFields({ neurons: 6400, prunedFraction: 0.75, seed: 1 });
  console.log(
    `synthetic 784x6400 @75% pruned per neuron: ${big.rowPtr[big.rows]} synapses (generated in ${fmt((performance.now() - t0) / 1000, 1)} s, not timed below)`,
  );
  const { m, s } = row('784x6400 @75% (target <= 5 s)', big, 64, 64);
  console.log(
    `  64x64 packer: ${fmt(s, 2)} s ${s <= 5 ? '<= 5 s: OK' : '> 5 s: TOO SLOW'}; candidates: ${m.candidates.map((c, i) => `${c.algorithm} ${c.tiles} (${fmt(m.timing.candidates[i], 2)} s)`).join(', ')}`,
  );
  for (const size of [32, 128, 256, 512]) row('784x6400 @75%', big, size, size);

  // 2. Acceptance 2 on 784×400 (synthetic): K ≤ 0.62·naive at 75 %, ≤ 0.45·naive at 90 %.
  const targets = { 0.75: 0.62, 0.9: 0.45 };
  const sources = [['synthetic dc-like', (pf) => digitReceptiveFields({ neurons: 400, prunedFraction: pf, seed: 1 })]];
  const ckpts = existsSync('out/ckpt')
    ? readdirSync('out/ckpt')
        .filter((d) => existsSync(join('out/ckpt', d, 'manifest.json')))
        .sort()
        .map((d) => join('out/ckpt', d))
    : [];
  if (ckpts.length === 0) console.log('(no trained checkpoints in out/ckpt: trained weights not measured)');
  for (const ck of ckpts) {
    {
      const trained = loadWeights(ck);
      const kept = trained.rowPtr[trained.rows] / (trained.rows * trained.cols);
      for (const size of [64, 128]) row(`${ck} as trained (${(100 * kept).toFixed(0)}% kept)`, trained, size, size);
      const dense = csrToDense(trained);
      for (let k = 0; k < dense.length; k++) dense[k] = Math.abs(dense[k]);
      sources.push([ck, (pf) => (1 - pf < kept ? prunePerNeuron(dense, { rows: trained.rows, cols: trained.cols, prunedFraction: pf }) : undefined)]);
    }
  }
  for (const [name, make] of sources) {
    for (const pf of [0.75, 0.9]) {
      const w = make(pf);
      if (w === undefined) {
        console.log(`${name}: already pruned below ${100 - pf * 100}% kept, so pruning it at ${pf * 100}% changes nothing (see "as trained")`);
        continue;
      }
      for (const size of [64, 128]) {
        const { m: mm } = row(`${name} 784x400 @${pf * 100}%`, w, size, size);
        const ok = mm.metrics.tilesPerNaive <= targets[pf];
        console.log(
          `  target K/naive <= ${targets[pf]}: ${ok ? 'met' : 'NOT met'} (best other: ${mm.candidates.filter((c) => c.algorithm !== 'localSearch').sort((a, b) => a.tiles - b.tiles)[0]?.algorithm})`,
        );
      }
    }
  }
}
