import { describe, expect, it } from 'vitest';
import { makePatternDataset } from '../../src/data/index.js';
import { train } from '../../src/snn/index.js';

const data = makePatternDataset({ classes: 3, count: 40, seed: 4 });
const base = {
  source: 'unit test',
  network: { neurons: 6 },
  protocol: { normalizeSum: 50 },
  learning: { rule: 'power-law', powerLaw: { eta: 0.01 } },
  pruning: { criterion: 'per-neuron-percentile', every: 10, fraction: 0.7, ramp: { from: 0, to: 30 } },
};
const run = (quantization: Record<string, unknown>, seed = 1) =>
  train({ recipe: { ...base, quantization: { levels: 4, ...quantization } }, dataset: data, trainImages: 40, seed }).checkpoint;
const levels4 = new Set([0, 1 / 3, 2 / 3, 1].map(Math.fround));

describe('train: quantization options', () => {
  const nearest = run({});
  const stochA = run({ rounding: 'stochastic' });
  const stochB = run({ rounding: 'stochastic' });
  const stochSeed2 = run({ rounding: 'stochastic' }, 2);
  const shadowA = run({ shadow: true });
  const shadowB = run({ shadow: true });

  it('stochastic rounding and shadow weights are deterministic for a seed', () => {
    expect(stochB.weights).toEqual(stochA.weights);
    expect(shadowB.weights).toEqual(shadowA.weights);
    expect(stochSeed2.weights).not.toEqual(stochA.weights);
  });

  it('the options change training (they are not ignored)', () => {
    expect(stochA.weights).not.toEqual(nearest.weights);
    expect(shadowA.weights).not.toEqual(nearest.weights);
  });

  it('the final weights of every mode sit on the 4 levels over [0, w_max]', () => {
    for (const ck of [stochA, shadowA]) {
      for (const v of ck.weights) expect(levels4.has(v)).toBe(true);
      expect(ck.counts.levels).toBeLessThanOrEqual(4);
    }
  });

  it('range max keeps 4 global levels over [0, the largest weight]', () => {
    const ck = run({ shadow: true, range: 'max' });
    expect(new Set(ck.weights).size).toBeLessThanOrEqual(4);
    expect(ck.counts.levels).toBeLessThanOrEqual(4);
  });

  it('a recipe without the new fields resolves without them (existing checkpoints stay byte-identical)', () => {
    expect('rounding' in nearest.recipe.quantization).toBe(false);
    expect('shadow' in nearest.recipe.quantization).toBe(false);
    expect('range' in nearest.recipe.quantization).toBe(false);
    expect('preDepression' in nearest.recipe.learning.powerLaw).toBe(false);
  });
});

describe('train: power-law with pre-synaptic depression', () => {
  it('preDepression adds the dc2015 depression to the power-law rule (deterministic, and it changes the weights)', () => {
    const go = (preDepression: boolean) =>
      train({ recipe: { ...base, learning: { rule: 'power-law', powerLaw: { eta: 0.01, preDepression } } }, dataset: data, trainImages: 20 }).checkpoint
        .weights;
    const a = go(true);
    expect(go(true)).toEqual(a);
    expect(go(false)).not.toEqual(a);
  });
});
