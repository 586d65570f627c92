import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XsnnError } from '../../src/config/index.js';
import { resizeArea } from '../../src/data/index.js';
import { fcOptions } from '../_support/fc.js';

const image = fc.record({ w: fc.integer({ min: 1, max: 12 }), h: fc.integer({ min: 1, max: 12 }) }).chain(({ w, h }) =>
  fc.record({
    w: fc.constant(w),
    h: fc.constant(h),
    px: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: w * h, maxLength: w * h }).map((a) => Float32Array.from(a)),
    dw: fc.integer({ min: 1, max: 12 }),
    dh: fc.integer({ min: 1, max: 12 }),
  }),
);

describe('resizeArea', () => {
  it('is the identity at equal sizes', () => {
    fc.assert(
      fc.property(image, ({ w, h, px }) => {
        expect(Array.from(resizeArea(px, w, h, w, h))).toEqual(Array.from(px));
      }),
      fcOptions(),
    );
  });

  it('preserves the mean intensity and stays within the source range, for any sizes', () => {
    fc.assert(
      fc.property(image, ({ w, h, px, dw, dh }) => {
        const out = resizeArea(px, w, h, dw, dh);
        const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
        expect(mean(out)).toBeCloseTo(mean(px), 3);
        const lo = Math.min(...px);
        const hi = Math.max(...px);
        for (const v of out) {
          expect(v).toBeGreaterThanOrEqual(lo - 1e-3);
          expect(v).toBeLessThanOrEqual(hi + 1e-3);
        }
      }),
      fcOptions(),
    );
  });

  it('averages whole blocks at integer factors', () => {
    const src = Float32Array.from([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22]); // 4×3
    // 4×3 → 2×1: left block {0,2,8,10,16,18}, right block {4,6,12,14,20,22}.
    expect(Array.from(resizeArea(src, 4, 3, 2, 1))).toEqual([9, 13]);
  });

  it('weights partial overlaps by area (3 → 2 pixels)', () => {
    // Target pixel 0 covers source [0, 1.5): (1·a + 0.5·b) / 1.5.
    const out = resizeArea(Float32Array.from([30, 90, 150]), 3, 1, 2, 1);
    expect(out[0]).toBeCloseTo((30 + 0.5 * 90) / 1.5, 4);
    expect(out[1]).toBeCloseTo((0.5 * 90 + 150) / 1.5, 4);
  });

  it('resizes a crop rectangle', () => {
    const src = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]); // 4×2
    expect(Array.from(resizeArea(src, 4, 2, 2, 2, { x: 1, y: 0, width: 2, height: 2 }))).toEqual([2, 3, 6, 7]);
  });

  it('refuses bad sizes and crops', () => {
    expect(() => resizeArea(new Float32Array(3), 2, 2, 1, 1)).toThrow(XsnnError);
    expect(() => resizeArea(new Float32Array(4), 2, 2, 0, 1)).toThrow(/target size/);
    expect(() => resizeArea(new Float32Array(4), 2, 2, 1, 1, { x: 1, y: 0, width: 2, height: 2 })).toThrow(/not inside/);
  });
});
