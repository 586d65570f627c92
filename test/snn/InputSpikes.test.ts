import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/Rng.js';
import { InputSpikes } from '../../src/snn/index.js';

describe('InputSpikes.generate (Poisson input)', () => {
  it('fires each input with probability p per step: the mean count matches p·steps, zero pixels never fire', () => {
    const pixels = Uint8Array.from([0, 255, 128, 0, 10]);
    const scale = (1 / 8) * 2 * 0.5e-3; // pixel/8 Hz × intensity 2 × dt 0.5 ms
    const steps = 700;
    const totals = new Float64Array(5);
    const trials = 400;
    const spk = new InputSpikes();
    for (let t = 0; t < trials; t++) {
      spk.generate(pixels, 0, 5, scale, steps, new Rng(1, t));
      for (let q = 0; q < spk.count; q++) totals[spk.inputs[q]!]!++;
      for (let s = 0; s < steps; s++) for (let q = spk.stepPtr[s]!; q < spk.stepPtr[s + 1]!; q++) expect(spk.inputs[q]).toBeLessThan(5);
    }
    for (let i = 0; i < 5; i++) {
      const p = pixels[i]! * scale;
      const mean = p * steps * trials;
      const sd = Math.sqrt(steps * trials * p * (1 - p));
      expect(Math.abs(totals[i]! - mean)).toBeLessThanOrEqual(5 * sd + 1e-9);
    }
    expect(totals[0]).toBe(0);
    expect(totals[3]).toBe(0);
  });

  it('at most one spike per input per step, buckets sorted by input', () => {
    const pixels = new Uint8Array(50).fill(255);
    const spk = new InputSpikes().generate(pixels, 0, 50, 0.4, 100, new Rng(2));
    for (let s = 0; s < 100; s++) {
      for (let q = spk.stepPtr[s]! + 1; q < spk.stepPtr[s + 1]!; q++) expect(spk.inputs[q]!).toBeGreaterThan(spk.inputs[q - 1]!);
    }
  });

  it('p ≥ 1 fires every step', () => {
    const spk = new InputSpikes().generate(Uint8Array.from([255]), 0, 1, 1, 30, new Rng(3));
    expect(spk.count).toBe(30);
  });
});
