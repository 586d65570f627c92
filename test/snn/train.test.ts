import { describe, expect, it } from 'vitest';
import { makePatternDataset } from '../../src/data/index.js';
import { train, type TrainProgress } from '../../src/snn/index.js';

const data = makePatternDataset({ classes: 3, count: 60, seed: 4 });

describe('train with pruning and quantization', () => {
  const progress: TrainProgress[] = [];
  const r = train({
    recipe: {
      source: 'unit test',
      network: { neurons: 8 },
      protocol: { normalizeSum: 50 },
      learning: { rule: 'power-law', powerLaw: { eta: 0.05 } },
      pruning: { criterion: 'per-neuron-percentile', every: 10, fraction: 0.7, ramp: { from: 0, to: 40 } },
      quantization: { levels: 4 },
    },
    dataset: data,
    trainImages: 60,
    progressEvery: 10,
    onProgress: (p) => progress.push(p),
  });
  const ck = r.checkpoint;

  it('the pruned fraction ramps up and never decreases (pruned synapses stay pruned)', () => {
    const fr = progress.map((p) => p.prunedFraction);
    expect(fr.length).toBe(6);
    for (let k = 1; k < fr.length; k++) expect(fr[k]!).toBeGreaterThanOrEqual(fr[k - 1]!);
    expect(fr[0]!).toBeLessThan(0.7);
    expect(r.prunedFraction).toBeGreaterThanOrEqual(0.7);
  });

  it('each neuron keeps at most 30% of its inputs; pruned weights are 0', () => {
    const nIn = 256;
    for (let j = 0; j < 8; j++) {
      let alive = 0;
      for (let i = 0; i < nIn; i++) {
        if (ck.mask[i * 8 + j] === 1) alive++;
        else expect(ck.weights[i * 8 + j]).toBe(0);
      }
      expect(alive).toBeLessThanOrEqual(Math.ceil(0.3 * nIn));
    }
  });

  it('surviving weights sit on the 4 uniform levels; at most 4 distinct values overall', () => {
    const levels = new Set([0, 1 / 3, 2 / 3, 1].map(Math.fround));
    for (let k = 0; k < ck.weights.length; k++) expect(levels.has(ck.weights[k]!)).toBe(true);
    expect(r.levels).toBeLessThanOrEqual(4);
    expect(ck.counts.levels).toBe(r.levels);
    expect(ck.counts.synapses).toBe(ck.mask.reduce((a, b) => a + b, 0));
  });
});
