import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveSeed, Rng } from '../../src/core/Rng.js';
import { fcOptions } from '../_support/fc.js';

const draws = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.uniform());

describe('Rng', () => {
  it('gives the same stream for the same seed and streams', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 3 }), (seed, streams) => {
        const a = new Rng(seed, ...streams);
        const b = new Rng(seed, ...streams);
        expect(draws(b, 20)).toEqual(draws(a, 20));
        expect([b.int(10), b.normal(), b.normal(), b.normal()]).toEqual([a.int(10), a.normal(), a.normal(), a.normal()]);
      }),
      fcOptions(),
    );
  });

  it('gives different streams for different seeds and for different stream ids', () => {
    const first = new Set<string>();
    for (let seed = 0; seed < 50; seed++) first.add(draws(new Rng(seed), 3).join());
    for (let s = 0; s < 50; s++) first.add(draws(new Rng(1, s), 3).join());
    for (let s = 0; s < 50; s++) first.add(draws(new Rng(1, 7, s), 3).join());
    expect(first.size).toBe(150);
    expect(draws(new Rng(1, 2, 3), 5)).not.toEqual(draws(new Rng(1, 3, 2), 5));
  });

  it('deriveSeed is a deterministic 32-bit mix that separates nearby inputs', () => {
    expect(deriveSeed(42, 1, 2)).toBe(deriveSeed(42, 1, 2));
    const seen = new Set<number>();
    for (let seed = 0; seed < 30; seed++) for (let s = 0; s < 30; s++) seen.add(deriveSeed(seed, s));
    expect(seen.size).toBe(900);
    for (const v of seen) expect(Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31).toBe(true);
  });

  it('draws uniform numbers in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = new Rng(12345);
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      sum += u;
      sq += u * u;
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    const mean = sum / n;
    // Standard error of the mean is sqrt(1/12/n) ≈ 6.5e-4; allow ~6 standard errors.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.004);
    expect(Math.abs(sq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('draws integers in [0, n) with every value about equally often', () => {
    const rng = new Rng(7);
    const counts = new Array<number>(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[rng.int(10)]!++;
    // Chi-square with 9 degrees of freedom: 40 is far beyond the 99.99th percentile (~33.7).
    const chi2 = counts.reduce((s: number, c: number) => s + (c - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(40);
  });

  it('draws standard normal deviates: mean 0, variance 1, symmetric tails', () => {
    const rng = new Rng(99);
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    let beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sq += z * z;
      if (Math.abs(z) > 2) beyond2++;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.015);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.02);
    expect(Math.abs(beyond2 / n - 0.0455)).toBeLessThan(0.004);
  });

  it('shuffles in place into a permutation, reproducibly', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 50 }), fc.integer(), (arr, seed) => {
        const a = arr.slice();
        const b = arr.slice();
        expect(new Rng(seed).shuffle(a)).toBe(a);
        new Rng(seed).shuffle(b);
        expect(a).toEqual(b);
        expect(a.slice().sort()).toEqual(arr.slice().sort());
      }),
      fcOptions(),
    );
    const typed = Uint8Array.from({ length: 20 }, (_, i) => i);
    new Rng(3).shuffle(typed);
    expect(Array.from(typed).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(Array.from(typed)).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
