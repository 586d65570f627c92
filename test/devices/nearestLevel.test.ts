import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestLevel, WEIGHT_BITS, isValidWeightBits } from '../../src/devices/index.js';
import { quantizeWeights } from '../../src/snn/index.js';
import { fcOptions } from '../_support/fc.js';

/** Brute force: the index minimising |level − value|; among equal distances the higher (up) or lower (down) one. */
function bruteNearest(levels: readonly number[], value: number, ties: 'up' | 'down'): number {
  let best = 0;
  for (let k = 1; k < levels.length; k++) {
    const d = Math.abs(levels[k]! - value);
    const b = Math.abs(levels[best]! - value);
    if (d < b || (d === b && ties === 'up')) best = k;
  }
  return best;
}

const ascendingLevels = fc
  .uniqueArray(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 12 })
  .map((xs) => xs.sort((a, b) => a - b).map((x) => x / 4));

describe('nearestLevel', () => {
  it('is the brute-force argmin of |level − value| for both tie rules', () => {
    fc.assert(
      fc.property(ascendingLevels, fc.integer({ min: -60, max: 60 }), (levels, v) => {
        const value = v / 8; // hits midpoints of quarter-spaced levels exactly
        expect(nearestLevel(levels, value)).toBe(bruteNearest(levels, value, 'up'));
        expect(nearestLevel(levels, value, 'down')).toBe(bruteNearest(levels, value, 'down'));
      }),
      fcOptions(300),
    );
  });

  it('ties up by default and down when asked; ends and NaN clamp', () => {
    const levels = [0, 1, 2];
    expect(nearestLevel(levels, 0.5)).toBe(1);
    expect(nearestLevel(levels, 0.5, 'down')).toBe(0);
    expect(nearestLevel(levels, -3)).toBe(0);
    expect(nearestLevel(levels, 7)).toBe(2);
    expect(nearestLevel(levels, Number.NaN)).toBe(0);
  });

  it('quantizeWeights rounds halfway weights down (the checkpoint rule)', () => {
    const w = Float32Array.from([0.5, 1.5, 1.25, -1, 9, Number.NaN]);
    quantizeWeights(w, Float64Array.from([0, 1, 2]));
    expect([...w]).toEqual([0, 1, 1, 0, 2, 0]);
  });
});

describe('WEIGHT_BITS', () => {
  it('accepts whole numbers in 1..24 only', () => {
    expect(WEIGHT_BITS).toEqual({ min: 1, max: 24 });
    expect([0, 1, 8, 24, 25, 2.5, Number.NaN].map(isValidWeightBits)).toEqual([false, true, true, true, false, false, false]);
  });
});
