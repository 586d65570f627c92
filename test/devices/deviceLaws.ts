import fc from 'fast-check';
import { expect } from 'vitest';
import { csrFromDense, type CsrMatrix } from '../../src/core/CsrMatrix.js';
import { conductanceToWeight, deviceLevels, nearestLevel, programWeights, type DeviceModel } from '../../src/devices/index.js';
import { fcOptions } from '../_support/fc.js';

/** The device with its non-idealities replaced (for laws that need them off or scaled). */
export function withNonIdealities(
  d: DeviceModel,
  o: { d2d?: number; c2c?: number; hrs?: number; lrs?: number; distribution?: 'gaussian' | 'lognormal' },
): DeviceModel {
  return {
    ...d,
    deviceToDevice: { distribution: o.distribution ?? d.deviceToDevice.distribution, sigma: o.d2d ?? 0 },
    writeCycleToCycleSigma: o.c2c ?? 0,
    stuckAtHrsRate: o.hrs ?? 0,
    stuckAtLrsRate: o.lrs ?? 0,
  };
}

/** A 1 × n matrix holding `values` as stored entries. */
export function rowMatrix(values: ArrayLike<number>): CsrMatrix {
  const keep = new Float32Array(values.length).fill(1);
  return csrFromDense(values, 1, values.length, keep);
}

/** Independent reference of the ideal quantiser: the nearest level in weight space, by linear scan. */
export function referenceQuantize(levels: ArrayLike<number>, gMin: number, gMax: number, w: number, wMax: number): number {
  const target = gMin + (w / wMax) * (gMax - gMin);
  let best = 0;
  for (let k = 1; k < levels.length; k++) {
    const dBest = Math.abs(levels[best]! - target);
    const dk = Math.abs(levels[k]! - target);
    if (dk < dBest || (dk === dBest && k > best)) best = k;
  }
  return levels[best]!;
}

const weightsArb = (n: number) => fc.array(fc.float({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: n });
const relErr = (g: number, ref: number, scale: number) => Math.abs(g - ref) / scale;

/**
 * The device laws every device model must satisfy (applied to every preset):
 * 1. zero variation and no faults → programming reproduces the quantised weights exactly;
 * 2. more levels never increase quantisation error (refined level grids, per weight;
 *    and the worst case is at most half a level spacing);
 * 3. without variation (faults allowed) every conductance lies in [G_min, G_max];
 * 4. more variation never reduces the mean weight error, on average over samples;
 * 5. same seed → identical programming.
 */
export function checkDeviceLaws(device: DeviceModel, runs = 30): void {
  const wMax = 1;
  const range = device.gMaxS - device.gMinS;
  const continuous = !Number.isFinite(device.levelCount);

  // 1. exact reproduction of the quantised weights
  fc.assert(
    fc.property(weightsArb(64), fc.integer(), (ws, seed) => {
      const ideal = withNonIdealities(device, {});
      const p = programWeights({ weights: rowMatrix(ws), device: ideal, wMax, seed });
      const levels = continuous ? undefined : deviceLevels(ideal);
      for (let k = 0; k < ws.length; k++) {
        const w = Math.fround(ws[k]!);
        expect(p.conductanceS[k]).toBe(p.targetConductanceS[k]);
        const ref = levels === undefined ? ideal.gMinS + (w / wMax) * range : referenceQuantize(levels, ideal.gMinS, ideal.gMaxS, w, wMax);
        expect(relErr(p.conductanceS[k]!, ref, range)).toBeLessThan(1e-6);
      }
      const back = conductanceToWeight(p);
      for (let k = 0; k < ws.length; k++) {
        const ref = levels === undefined ? Math.fround(ws[k]!) : ((p.targetConductanceS[k]! - ideal.gMinS) / range) * wMax;
        expect(Math.abs(back[k]! - ref)).toBeLessThan(1e-5);
      }
    }),
    fcOptions(runs),
  );

  // 2. more levels never increase quantisation error
  if (device.levelListS === undefined) {
    fc.assert(
      fc.property(weightsArb(64), fc.integer({ min: 2, max: 64 }), fc.integer({ min: 2, max: 4 }), (ws, l1, factor) => {
        const coarse = deviceLevels(device, l1);
        const fine = deviceLevels(device, (l1 - 1) * factor + 1);
        for (const w of ws) {
          const t = device.gMinS + w * range;
          const eCoarse = Math.abs(coarse[nearestLevel(coarse, t)]! - t);
          const eFine = Math.abs(fine[nearestLevel(fine, t)]! - t);
          expect(eFine).toBeLessThanOrEqual(eCoarse + 1e-12 * range);
          let maxGap = 0;
          for (let k = 1; k < fine.length; k++) maxGap = Math.max(maxGap, fine[k]! - fine[k - 1]!);
          expect(eFine).toBeLessThanOrEqual(maxGap / 2 + 1e-12 * range);
        }
      }),
      fcOptions(runs),
    );
  }

  // 3. conductances stay within [G_min, G_max] without variation (faults allowed)
  fc.assert(
    fc.property(
      weightsArb(128),
      fc.integer(),
      fc.double({ min: 0, max: 0.3, noNaN: true }),
      fc.double({ min: 0, max: 0.3, noNaN: true }),
      (ws, seed, hrs, lrs) => {
        const d = withNonIdealities(device, { hrs, lrs });
        const p = programWeights({ weights: rowMatrix(ws), device: d, wMax, seed });
        for (const g of p.conductanceS) {
          expect(g).toBeGreaterThanOrEqual(Math.fround(device.gMinS) * (1 - 1e-7));
          expect(g).toBeLessThanOrEqual(Math.fround(device.gMaxS) * (1 + 1e-7));
        }
      },
    ),
    fcOptions(runs),
  );

  // 4. more variation never reduces the mean weight error (averaged over 2000 samples)
  const n = 2000;
  fc.assert(
    fc.property(
      fc.integer(),
      fc.double({ min: 0, max: 0.1, noNaN: true }),
      fc.double({ min: 1.5, max: 4, noNaN: true }),
      fc.constantFrom<'gaussian' | 'lognormal'>('gaussian', 'lognormal'),
      fc.boolean(),
      (seed, sigma1, ratio, distribution, cycleToCycle) => {
        const sigma2 = sigma1 * ratio + 0.005;
        const ws = new Float32Array(n);
        for (let k = 0; k < n; k++) ws[k] = (k + 0.5) / n;
        const err = (sigma: number): number => {
          const d = withNonIdealities(device, cycleToCycle ? { c2c: sigma, distribution } : { d2d: sigma, distribution });
          const p = programWeights({ weights: rowMatrix(ws), device: d, wMax, seed });
          const read = conductanceToWeight(p);
          let s = 0;
          for (let k = 0; k < n; k++) s += Math.abs(read[k]! - ((p.targetConductanceS[k]! - device.gMinS) / range) * wMax);
          return s / n;
        };
        expect(err(sigma2)).toBeGreaterThanOrEqual(err(sigma1));
      },
    ),
    fcOptions(Math.max(5, Math.floor(runs / 3))),
  );

  // 5. determinism
  const ws = Float32Array.from({ length: 200 }, (_, k) => (k % 17) / 16);
  const noisy = withNonIdealities(device, { d2d: 0.05, c2c: 0.02, hrs: 0.01, lrs: 0.01 });
  const a = programWeights({ weights: rowMatrix(ws), device: noisy, wMax, seed: 7, stream: 3 });
  const b = programWeights({ weights: rowMatrix(ws), device: noisy, wMax, seed: 7, stream: 3 });
  const c = programWeights({ weights: rowMatrix(ws), device: noisy, wMax, seed: 7, stream: 4 });
  expect(Buffer.from(a.conductanceS.buffer)).toEqual(Buffer.from(b.conductanceS.buffer));
  expect(Buffer.from(a.conductanceS.buffer)).not.toEqual(Buffer.from(c.conductanceS.buffer));
}
