import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/Rng.js';
import { quantizationLevels, quantizeSynapseWeights, stochasticRoundWeights } from '../../src/snn/index.js';
import { fcOptions } from '../_support/fc.js';

describe('stochasticRoundWeights', () => {
  it('sends each weight to one of its two adjacent levels (or the end level outside the range)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 16 }),
        fc.array(fc.float({ min: 0, max: Math.fround(1.5), noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.integer(),
        (L, ws, seed) => {
          const levels = quantizationLevels({ levels: L, values: null }, 1)!;
          const w = Float32Array.from(ws);
          stochasticRoundWeights(w, levels, new Rng(seed));
          for (let k = 0; k < w.length; k++) {
            const x = Math.fround(ws[k]!);
            expect(levels.includes(w[k]!)).toBe(true);
            if (x >= 1) expect(w[k]).toBe(1);
            else {
              let lo = 0;
              while (levels[lo + 1]! <= x) lo++;
              expect(w[k] === levels[lo] || w[k] === levels[lo + 1]).toBe(true);
              if (x === levels[lo]) expect(w[k]).toBe(x);
            }
          }
        },
      ),
      fcOptions(),
    );
  });

  it('is unbiased: the mean of many roundings of x is x', () => {
    const levels = quantizationLevels({ levels: 4, values: null }, 0.5)!;
    for (const x of [0.01, 0.05, 0.2, 0.3, 0.45]) {
      const n = 40000;
      const w = new Float32Array(n).fill(x);
      stochasticRoundWeights(w, levels, new Rng(7, x * 1000));
      let mean = 0;
      for (const v of w) mean += v / n;
      // standard error <= spacing/2/sqrt(n) ≈ 4.2e-4; 5 sigma
      expect(Math.abs(mean - Math.fround(x))).toBeLessThan(2.1e-3);
    }
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const levels = quantizationLevels({ levels: 4, values: null }, 1)!;
    const src = Float32Array.from({ length: 500 }, (_, k) => (k * 0.6180339) % 1);
    const a = src.slice();
    const b = src.slice();
    const c = src.slice();
    stochasticRoundWeights(a, levels, new Rng(3, 5, 1000));
    stochasticRoundWeights(b, levels, new Rng(3, 5, 1000));
    stochasticRoundWeights(c, levels, new Rng(4, 5, 1000));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});

describe('quantizeSynapseWeights ranges', () => {
  const w0 = [0.05, 0.13, 0.21, 0.02, 0.33, 0.6];
  const col = [0, 0, 0, 1, 1, 1];

  it('w-max (default) equals quantizationLevels over [0, w_max]', () => {
    const w = Float32Array.from(w0);
    quantizeSynapseWeights({ w, col, neurons: 2, spec: { levels: 4, values: null }, wMax: 0.6 });
    expect(Array.from(w)).toEqual([0, 0.2, 0.2, 0, 0.4, 0.6].map(Math.fround));
  });

  it('max: one set of L levels over [0, largest weight]', () => {
    const w = Float32Array.from(w0);
    quantizeSynapseWeights({ w, col, neurons: 2, spec: { levels: 4, values: null, range: 'max' }, wMax: 1 });
    expect(Array.from(w)).toEqual([0, 0.2, 0.2, 0, 0.4, 0.6].map(Math.fround));
    expect(new Set(w).size).toBeLessThanOrEqual(4);
  });

  it("per-neuron-max: L levels over [0, each neuron's largest weight]", () => {
    const w = Float32Array.from(w0);
    quantizeSynapseWeights({ w, col, neurons: 2, spec: { levels: 3, values: null, range: 'per-neuron-max' }, wMax: 1 });
    expect(Array.from(w)).toEqual([0, 0.21 / 2, 0.21, 0, 0.3, 0.6].map(Math.fround));
  });
});
