import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XsnnError } from '../../src/config/index.js';
import { dogFilter, dogToOnOff } from '../../src/data/index.js';
import { fcOptions } from '../_support/fc.js';

const image = fc.record({ w: fc.integer({ min: 1, max: 10 }), h: fc.integer({ min: 1, max: 10 }) }).chain(({ w, h }) =>
  fc.record({
    w: fc.constant(w),
    h: fc.constant(h),
    px: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: w * h, maxLength: w * h }).map((a) => Float32Array.from(a)),
  }),
);
const sigmas = fc
  .record({ sigmaCenter: fc.double({ min: 0.3, max: 2, noNaN: true }), extra: fc.double({ min: 0.2, max: 3, noNaN: true }) })
  .map(({ sigmaCenter, extra }) => ({ sigmaCenter, sigmaSurround: sigmaCenter + extra }));

describe('dogFilter', () => {
  it('gives zero on a uniform image, borders included', () => {
    fc.assert(
      fc.property(image, sigmas, fc.integer({ min: 0, max: 255 }), ({ w, h }, s, v) => {
        const out = dogFilter(new Float32Array(w * h).fill(v), w, h, s);
        for (const d of out) expect(Math.abs(d)).toBeLessThan(1e-3);
      }),
      fcOptions(),
    );
  });

  it('is linear and flips sign on the negative image', () => {
    fc.assert(
      fc.property(image, sigmas, ({ w, h, px }, s) => {
        const d = dogFilter(px, w, h, s);
        const inv = dogFilter(
          px.map((v) => 255 - v),
          w,
          h,
          s,
        );
        const doubled = dogFilter(
          px.map((v) => 2 * v),
          w,
          h,
          s,
        );
        for (let i = 0; i < d.length; i++) {
          expect(inv[i]).toBeCloseTo(-d[i]!, 2);
          expect(doubled[i]).toBeCloseTo(2 * d[i]!, 2);
        }
      }),
      fcOptions(),
    );
  });

  it('answers a bright dot with an ON centre and an OFF surround', () => {
    const w = 15;
    const px = new Float32Array(w * w);
    px[7 * w + 7] = 255;
    const d = dogFilter(px, w, w, { sigmaCenter: 1, sigmaSurround: 2 });
    expect(d[7 * w + 7]).toBeGreaterThan(0);
    expect(d[7 * w + 10]).toBeLessThan(0);
    const onoff = new Uint8Array(2 * w * w);
    dogToOnOff(d, undefined, onoff);
    expect(onoff[7 * w + 7]).toBe(255);
    expect(onoff[w * w + 7 * w + 10]).toBeGreaterThan(0);
  });

  it('refuses bad settings', () => {
    const px = new Float32Array(4);
    expect(() => dogFilter(px, 2, 2, { sigmaCenter: 0, sigmaSurround: 1 })).toThrow(XsnnError);
    expect(() => dogFilter(px, 2, 2, { sigmaCenter: 1, sigmaSurround: 1 })).toThrow(/sigmaSurround/);
    expect(() => dogFilter(px, 2, 2, { sigmaCenter: 1, sigmaSurround: 2, radius: 0 })).toThrow(/radius/);
    expect(() => dogFilter(px, 3, 2, { sigmaCenter: 1, sigmaSurround: 2 })).toThrow(/expected 3x2/);
  });
});

describe('dogToOnOff', () => {
  it('puts positive responses in ON, negative in OFF, never both, largest |DoG| at 255', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 40 }), (vals) => {
        const dog = Float32Array.from(vals);
        const n = dog.length;
        const out = new Uint8Array(2 * n + 3).fill(7);
        dogToOnOff(dog, undefined, out, 3);
        expect(Array.from(out.subarray(0, 3))).toEqual([7, 7, 7]);
        const max = Math.max(...dog.map(Math.abs));
        for (let i = 0; i < n; i++) {
          const on = out[3 + i]!;
          const off = out[3 + n + i]!;
          expect(on === 0 || off === 0).toBe(true);
          if (max > 1e-3) {
            expect(on).toBe(dog[i]! > 0 ? Math.round((255 * dog[i]!) / max) : 0);
            expect(off).toBe(dog[i]! < 0 ? Math.round((-255 * dog[i]!) / max) : 0);
          } else {
            expect(on + off).toBe(0);
          }
        }
        if (max > 1e-3) expect(Math.max(...out.subarray(3))).toBe(255);
      }),
      fcOptions(),
    );
  });

  it('with a fixed gain clamps at 255', () => {
    const out = new Uint8Array(6);
    dogToOnOff(Float32Array.from([10, -300, 0.2]), 2, out);
    expect(Array.from(out)).toEqual([20, 0, 0, 0, 255, 0]);
    expect(() => dogToOnOff(Float32Array.from([1]), -1, new Uint8Array(2))).toThrow(/gain/);
  });
});
