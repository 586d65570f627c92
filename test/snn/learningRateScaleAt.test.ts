import { describe, expect, it } from 'vitest';
import { makePatternDataset } from '../../src/data/index.js';
import { learningRateScaleAt, parseRecipe, train } from '../../src/snn/index.js';

const data = makePatternDataset({ classes: 3, count: 30, seed: 4 });
const base = { source: 'unit test', network: { neurons: 6 }, protocol: { normalizeSum: 50 } };
const learning = (rule: string, etaSchedule?: Record<string, number>) => ({ rule, ...(etaSchedule !== undefined ? { etaSchedule } : {}) });
const weights = (rule: string, trainImages: number, etaSchedule?: Record<string, number>) =>
  train({ recipe: { ...base, learning: learning(rule, etaSchedule) }, dataset: data, trainImages }).checkpoint.weights;

describe('learningRateScaleAt', () => {
  const L = (etaSchedule?: Record<string, number>) => parseRecipe({ ...base, learning: learning('power-law', etaSchedule) }).learning;

  it('is 1 without a schedule and before `from`, `factor` from `to` on, linear in between', () => {
    expect(learningRateScaleAt(L(), 5000)).toBe(1);
    const l = L({ from: 100, to: 300, factor: 0.2 });
    expect(learningRateScaleAt(l, 0)).toBe(1);
    expect(learningRateScaleAt(l, 100)).toBe(1);
    expect(learningRateScaleAt(l, 200)).toBeCloseTo(0.6, 12);
    expect(learningRateScaleAt(l, 300)).toBe(0.2);
    expect(learningRateScaleAt(l, 10_000)).toBe(0.2);
  });

  it('steps to `factor` at `from` when `to` equals `from`', () => {
    const l = L({ from: 50, to: 50, factor: 0 });
    expect(learningRateScaleAt(l, 49)).toBe(1);
    expect(learningRateScaleAt(l, 50)).toBe(0);
  });

  it('is rejected by the recipe schema when `to` < `from` or the factor is negative', () => {
    expect(() => parseRecipe({ ...base, learning: learning('power-law', { from: 10, to: 5, factor: 0.5 }) })).toThrow(/etaSchedule/);
    expect(() => parseRecipe({ ...base, learning: learning('power-law', { from: 0, to: 5, factor: -1 }) })).toThrow(/factor/);
  });

  it('is absent from a resolved recipe that does not write it (existing checkpoints stay byte-identical)', () => {
    expect('etaSchedule' in L()).toBe(false);
  });
});

describe('train with learning.etaSchedule', () => {
  for (const rule of ['dc2015', 'power-law']) {
    it(`${rule}: a factor of 1 changes nothing, a factor of 0.3 changes the weights`, () => {
      const plain = weights(rule, 20);
      expect(weights(rule, 20, { from: 0, to: 10, factor: 1 })).toEqual(plain);
      expect(weights(rule, 20, { from: 0, to: 10, factor: 0.3 })).not.toEqual(plain);
    });

    it(`${rule}: a factor of 0 from image 10 on freezes learning (only normalisation acts on the weights)`, () => {
      const frozen = weights(rule, 20, { from: 10, to: 10, factor: 0 });
      const ten = weights(rule, 10);
      // the 10-image checkpoint is not normalised after its last update; normalise it per neuron
      const N = 6;
      const nIn = ten.length / N;
      const sums = new Float64Array(N);
      for (let i = 0; i < nIn; i++) for (let j = 0; j < N; j++) sums[j]! += ten[i * N + j]!;
      let maxDiff = 0;
      for (let i = 0; i < nIn; i++) for (let j = 0; j < N; j++) maxDiff = Math.max(maxDiff, Math.abs(frozen[i * N + j]! - (ten[i * N + j]! * 50) / sums[j]!));
      expect(maxDiff).toBeLessThan(1e-5);
      expect(frozen).not.toEqual(weights(rule, 20));
    });
  }
});
