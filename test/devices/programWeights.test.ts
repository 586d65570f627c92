import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/Rng.js';
import { XsnnError } from '../../src/config/index.js';
import {
  applyReadNoise,
  cellBits,
  cellsPerWeight,
  CellFault,
  conductanceToWeight,
  deviceLevels,
  loadDevice,
  nearestLevel,
  programWeights,
  readNoiseSigmaS,
} from '../../src/devices/index.js';
import { rowMatrix, withNonIdealities } from './deviceLaws.js';

const hfox = loadDevice('rram-hfox-32nm');

describe('deviceLevels and nearestLevel', () => {
  it('spaces linear levels evenly from G_min to G_max', () => {
    const l = deviceLevels(hfox);
    expect(l.length).toBe(128);
    expect(l[0]).toBe(hfox.gMinS);
    expect(l[127]).toBe(hfox.gMaxS);
    expect(l[64]! - l[63]!).toBeCloseTo((hfox.gMaxS - hfox.gMinS) / 127, 15);
  });

  it('crowds nonlinear levels towards G_max (NeuroSim write nonlinearity)', () => {
    const l = deviceLevels({ ...hfox, writeNonlinearity: 0.5 }, 9);
    expect(l[0]).toBeCloseTo(hfox.gMinS, 15);
    expect(l[8]).toBe(hfox.gMaxS);
    for (let k = 2; k < l.length; k++) expect(l[k]! - l[k - 1]!).toBeLessThan(l[k - 1]! - l[k - 2]!);
  });

  it('rounds to the nearest level, ties upwards, ends clamp', () => {
    const l = [0, 1, 2, 4];
    expect(nearestLevel(l, -3)).toBe(0);
    expect(nearestLevel(l, 0.49)).toBe(0);
    expect(nearestLevel(l, 0.5)).toBe(1);
    expect(nearestLevel(l, 2.9)).toBe(2);
    expect(nearestLevel(l, 3)).toBe(3);
    expect(nearestLevel(l, 9)).toBe(3);
  });

  it('refuses discrete levels of a continuous device', () => {
    expect(() => deviceLevels(loadDevice('ideal'))).toThrow(/continuous/);
  });
});

describe('cellsPerWeight (bit-slicing)', () => {
  it('follows NeuroSim: ceil(weightBits / cellBits), at least 1', () => {
    expect(cellBits(hfox)).toBe(7);
    expect(cellsPerWeight(7, hfox)).toBe(1);
    expect(cellsPerWeight(8, hfox)).toBe(2);
    expect(cellsPerWeight(4, hfox)).toBe(1);
    expect(cellBits(loadDevice('rram-agsi-32nm'))).toBe(6);
    expect(cellsPerWeight(8, loadDevice('sram-8t-22nm'))).toBe(8);
    expect(cellsPerWeight(16, loadDevice('ideal'))).toBe(1);
    expect(() => cellsPerWeight(0, hfox)).toThrow(XsnnError);
  });

  it('programs each slice and reads back the quantised weight exactly without variation', () => {
    const ideal = withNonIdealities(loadDevice('stt-mram-32nm'), {});
    const ws = Float32Array.from([0, 1, 0.5, 0.25, 0.123, 0.999]);
    const p = programWeights({ weights: rowMatrix(ws), device: ideal, wMax: 1, seed: 1, weightBits: 8 });
    expect(p.cellsPerWeight).toBe(8);
    expect(p.sliceLevels).toBe(2);
    // 0.5 → q = round(0.5·255) = 128 = 0b10000000: only the most significant slice at G_max
    expect(Array.from(p.levelIndex.subarray(2 * 8, 3 * 8))).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    const back = conductanceToWeight(p);
    for (let k = 0; k < ws.length; k++) expect(back[k]).toBeCloseTo(Math.round(ws[k]! * 255) / 255, 5);
    const hf = withNonIdealities(hfox, {});
    const p2 = programWeights({ weights: rowMatrix(ws), device: hf, wMax: 1, seed: 1, weightBits: 10 });
    expect(p2.cellsPerWeight).toBe(2);
    const back2 = conductanceToWeight(p2);
    for (let k = 0; k < ws.length; k++) expect(back2[k]).toBeCloseTo(Math.round(ws[k]! * 1023) / 1023, 5);
  });
});

describe('programWeights', () => {
  it('draws stuck-at faults at the configured rates and pins them to G_min / G_max', () => {
    const n = 20000;
    const ws = new Float32Array(n).fill(0.5);
    const d = withNonIdealities(hfox, { hrs: 0.05, lrs: 0.02 });
    const p = programWeights({ weights: rowMatrix(ws), device: d, wMax: 1, seed: 11 });
    let hrs = 0;
    let lrs = 0;
    for (let k = 0; k < n; k++) {
      if (p.fault[k] === CellFault.StuckAtHrs) {
        hrs++;
        expect(p.conductanceS[k]).toBe(Math.fround(hfox.gMinS));
      } else if (p.fault[k] === CellFault.StuckAtLrs) {
        lrs++;
        expect(p.conductanceS[k]).toBe(Math.fround(hfox.gMaxS));
      } else expect(p.conductanceS[k]).toBe(p.targetConductanceS[k]);
    }
    // binomial: 5 σ bounds
    expect(Math.abs(hrs / n - 0.05)).toBeLessThan(5 * Math.sqrt((0.05 * 0.95) / n));
    expect(Math.abs(lrs / n - 0.02)).toBeLessThan(5 * Math.sqrt((0.02 * 0.98) / n));
  });

  it('spreads gaussian device-to-device variation with σ·(G_max − G_min)', () => {
    const n = 20000;
    const ws = new Float32Array(n).fill(0.5);
    const d = withNonIdealities(hfox, { d2d: 0.05 });
    const p = programWeights({ weights: rowMatrix(ws), device: d, wMax: 1, seed: 5 });
    let s = 0;
    let s2 = 0;
    for (let k = 0; k < n; k++) {
      const e = p.conductanceS[k]! - p.targetConductanceS[k]!;
      s += e;
      s2 += e * e;
    }
    const sd = Math.sqrt(s2 / n - (s / n) ** 2);
    const expected = 0.05 * (hfox.gMaxS - hfox.gMinS);
    expect(Math.abs(sd / expected - 1)).toBeLessThan(0.05);
    expect(Math.abs(s / n)).toBeLessThan((5 * expected) / Math.sqrt(n));
  });

  it('rejects NaN, negative or too large weights and a bad wMax, naming the function', () => {
    expect(() => programWeights({ weights: rowMatrix([0.2, Number.NaN]), device: hfox, wMax: 1, seed: 1 })).toThrow(/programWeights: weight 1 is NaN/);
    expect(() => programWeights({ weights: rowMatrix([-0.5]), device: hfox, wMax: 1, seed: 1 })).toThrow(/differential pair/);
    expect(() => programWeights({ weights: rowMatrix([2]), device: hfox, wMax: 1, seed: 1 })).toThrow(XsnnError);
    expect(() => programWeights({ weights: rowMatrix([0.5]), device: hfox, wMax: 0, seed: 1 })).toThrow(/wMax/);
  });
});

describe('read noise', () => {
  it('copies without drawing when σ is 0 and perturbs with σ·range otherwise', () => {
    const g = new Float32Array(10000).fill(5e-6);
    const rng = new Rng(3);
    expect(Array.from(applyReadNoise(g, hfox, rng))).toEqual(Array.from(g));
    const noisy = { ...hfox, readNoiseSigma: 0.02 };
    expect(readNoiseSigmaS(noisy)).toBeCloseTo(0.02 * 9e-6, 15);
    const out = applyReadNoise(g, noisy, new Rng(3));
    let s = 0;
    let s2 = 0;
    for (const v of out) {
      s += v - 5e-6;
      s2 += (v - 5e-6) ** 2;
    }
    expect(Math.sqrt(s2 / out.length) / (0.02 * 9e-6)).toBeCloseTo(1, 1);
    expect(Math.abs(s / out.length)).toBeLessThan((5 * 0.02 * 9e-6) / Math.sqrt(out.length));
    expect(Array.from(applyReadNoise(g, noisy, new Rng(3)))).toEqual(Array.from(out));
  });
});
