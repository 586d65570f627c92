import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantizationLevels, quantizeWeights } from '../../src/snn/index.js';
import { fcOptions } from '../_support/fc.js';

describe('quantizeWeights', () => {
  it('is idempotent, gives at most L distinct values, each the nearest level', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 16 }), fc.array(fc.float({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 200 }), (L, ws) => {
        const levels = quantizationLevels({ levels: L, values: null }, 1)!;
        expect(levels.length).toBe(L);
        const w = Float32Array.from(ws);
        quantizeWeights(w, levels);
        expect(new Set(w).size).toBeLessThanOrEqual(L);
        for (let k = 0; k < w.length; k++) {
          const dist = Math.abs(ws[k]! - w[k]!);
          for (const lv of levels) expect(dist).toBeLessThanOrEqual(Math.abs(ws[k]! - lv) + 1e-7);
        }
        const again = w.slice();
        quantizeWeights(again, levels);
        expect(again).toEqual(w);
      }),
      fcOptions(),
    );
  });

  it('uses an explicit device level list (0 added)', () => {
    const levels = quantizationLevels({ levels: null, values: [0.1, 0.5, 0.9] }, 1)!;
    expect(Array.from(levels)).toEqual([0, Math.fround(0.1), Math.fround(0.5), Math.fround(0.9)]);
    const w = Float32Array.from([0.04, 0.06, 0.31, 0.7, 0.71, 2]);
    quantizeWeights(w, levels);
    expect(Array.from(w)).toEqual([0, 0.1, 0.5, 0.5, 0.9, 0.9].map(Math.fround));
  });

  it('returns null when quantization is off', () => {
    expect(quantizationLevels({ levels: null, values: null }, 1)).toBeNull();
  });
});
