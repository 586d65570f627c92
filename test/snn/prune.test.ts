import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pruneFractionAt, pruneSynapses } from '../../src/snn/index.js';
import { recipeOf } from './_support.js';
import { fcOptions } from '../_support/fc.js';

const shape = fc.record({ nIn: fc.integer({ min: 1, max: 12 }), N: fc.integer({ min: 1, max: 6 }) });
const case_ = shape.chain(({ nIn, N }) =>
  fc.record({
    nIn: fc.constant(nIn),
    N: fc.constant(N),
    // few distinct values so ties happen
    weights: fc.array(fc.oneof(fc.constantFrom(0, 0.25, 0.5), fc.float({ min: 0, max: 1, noNaN: true })), { minLength: nIn * N, maxLength: nIn * N }),
    mask: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: nIn * N, maxLength: nIn * N }),
    fraction: fc.double({ min: 0, max: 1, noNaN: true }),
    threshold: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
);

/** Laws every criterion obeys: nothing revived, return value = newly pruned count. */
function commonLaws(before: Uint8Array, after: Uint8Array, n: number): void {
  let newly = 0;
  for (let k = 0; k < before.length; k++) {
    if (before[k] === 0) expect(after[k]).toBe(0);
    if (before[k] === 1 && after[k] === 0) newly++;
  }
  expect(n).toBe(newly);
}

describe('pruneSynapses', () => {
  it('absolute: prunes exactly the alive synapses below the threshold, never revives one', () => {
    fc.assert(
      fc.property(case_, ({ nIn, N, weights, mask, threshold }) => {
        const m = Uint8Array.from(mask);
        const n = pruneSynapses({ weights, mask: m, nInputs: nIn, neurons: N, criterion: 'absolute', threshold });
        commonLaws(Uint8Array.from(mask), m, n);
        for (let k = 0; k < m.length; k++) if (mask[k] === 1) expect(m[k]).toBe(weights[k]! < threshold ? 0 : 1);
      }),
      fcOptions(),
    );
  });

  it('global percentile: ⌊f·total⌋ pruned overall (or more if already), newly pruned never heavier than survivors', () => {
    fc.assert(
      fc.property(case_, ({ nIn, N, weights, mask, fraction }) => {
        const m = Uint8Array.from(mask);
        const n = pruneSynapses({ weights, mask: m, nInputs: nIn, neurons: N, criterion: 'global-percentile', fraction });
        commonLaws(Uint8Array.from(mask), m, n);
        const dead0 = mask.filter((x) => x === 0).length;
        const dead = m.filter((x) => x === 0).length;
        expect(dead).toBe(Math.max(dead0, Math.floor(fraction * nIn * N)));
        let maxNew = -Infinity;
        let minAlive = Infinity;
        for (let k = 0; k < m.length; k++) {
          if (mask[k] === 1 && m[k] === 0) maxNew = Math.max(maxNew, weights[k]!);
          if (m[k] === 1) minAlive = Math.min(minAlive, weights[k]!);
        }
        expect(maxNew).toBeLessThanOrEqual(minAlive);
      }),
      fcOptions(),
    );
  });

  it('per-neuron percentile: each column reaches ⌊f·nInputs⌋ pruned, newly pruned never heavier than that column’s survivors', () => {
    fc.assert(
      fc.property(case_, ({ nIn, N, weights, mask, fraction }) => {
        const m = Uint8Array.from(mask);
        const n = pruneSynapses({ weights, mask: m, nInputs: nIn, neurons: N, criterion: 'per-neuron-percentile', fraction });
        commonLaws(Uint8Array.from(mask), m, n);
        for (let j = 0; j < N; j++) {
          let dead0 = 0;
          let dead = 0;
          let maxNew = -Infinity;
          let minAlive = Infinity;
          for (let i = 0; i < nIn; i++) {
            const k = i * N + j;
            if (mask[k] === 0) dead0++;
            if (m[k] === 0) dead++;
            if (mask[k] === 1 && m[k] === 0) maxNew = Math.max(maxNew, weights[k]!);
            if (m[k] === 1) minAlive = Math.min(minAlive, weights[k]!);
          }
          expect(dead).toBe(Math.max(dead0, Math.floor(fraction * nIn)));
          expect(maxNew).toBeLessThanOrEqual(minAlive);
        }
      }),
      fcOptions(),
    );
  });

  it('repeated pruning at a fixed fraction is a no-op', () => {
    const weights = Array.from({ length: 40 }, (_, k) => ((k * 37) % 11) / 10);
    const m = new Uint8Array(40).fill(1);
    pruneSynapses({ weights, mask: m, nInputs: 8, neurons: 5, criterion: 'per-neuron-percentile', fraction: 0.5 });
    const again = pruneSynapses({ weights, mask: m, nInputs: 8, neurons: 5, criterion: 'per-neuron-percentile', fraction: 0.5 });
    expect(again).toBe(0);
  });
});

describe('pruneFractionAt', () => {
  it('ramps linearly from 0 at ramp.from to the fraction at ramp.to', () => {
    const spec = recipeOf({ pruning: { criterion: 'global-percentile', fraction: 0.8, ramp: { from: 1000, to: 5000 } } }).pruning;
    expect(pruneFractionAt(spec, 500)).toBe(0);
    expect(pruneFractionAt(spec, 3000)).toBeCloseTo(0.4, 12);
    expect(pruneFractionAt(spec, 9000)).toBe(0.8);
    const flat = recipeOf({ pruning: { criterion: 'global-percentile', fraction: 0.6 } }).pruning;
    expect(pruneFractionAt(flat, 1)).toBe(0.6);
  });
});
