import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputSpikes } from '../../src/snn/InputSpikes.js';
import { SynapticDrive } from '../../src/snn/InputDrive.js';
import { InputSynapses } from '../../src/snn/InputSynapses.js';
import { SnnNetwork } from '../../src/snn/SnnNetwork.js';
import { recipeOf } from './_support.js';
import { fcOptions } from '../_support/fc.js';

/** A random dense network: weights, mask, delays and neuron cut points. */
const denseNet = fc
  .record({
    nIn: fc.integer({ min: 1, max: 7 }),
    neurons: fc.integer({ min: 2, max: 9 }),
    maxDelay: fc.integer({ min: 0, max: 3 }),
    seed: fc.nat(),
  })
  .chain(({ nIn, neurons, maxDelay }) =>
    fc.record({
      nIn: fc.constant(nIn),
      neurons: fc.constant(neurons),
      maxDelay: fc.constant(maxDelay),
      weights: fc.array(fc.float({ min: 0, max: 1, noNaN: true }), { minLength: nIn * neurons, maxLength: nIn * neurons }),
      mask: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: nIn * neurons, maxLength: nIn * neurons }),
      delays: fc.array(fc.integer({ min: 0, max: maxDelay }), { minLength: nIn * neurons, maxLength: nIn * neurons }),
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: neurons - 1 }), { maxLength: 3 }).map((c) => [0, ...c.sort((a, b) => a - b), neurons]),
    }),
  );

type DenseNet = typeof denseNet extends fc.Arbitrary<infer T> ? T : never;

function layouts(n: DenseNet): { plain: InputSynapses; split: InputSynapses } {
  const w = Float32Array.from(n.weights);
  const mask = Uint8Array.from(n.mask);
  const delays = Uint8Array.from(n.delays);
  return {
    plain: InputSynapses.fromDense(w, mask, delays, n.nIn, n.neurons, n.maxDelay),
    split: InputSynapses.fromDense(w, mask, delays, n.nIn, n.neurons, n.maxDelay, { blocks: n.cuts }),
  };
}

describe('InputSynapses split into neuron blocks (the layout of training on several threads)', () => {
  it('holds the same synapses, each block in its own contiguous run of entries, and its canonical order is the one-block layout', () => {
    fc.assert(
      fc.property(denseNet, (n) => {
        const { plain, split } = layouts(n);
        expect(split.blockCount).toBe(n.cuts.length - 1);
        expect(split.toDenseWeights()).toEqual(plain.toDenseWeights());
        expect(split.toMask()).toEqual(plain.toMask());
        // block b's entries hold exactly its neurons, and follow block b − 1's
        const K = n.nIn * (n.maxDelay + 1);
        for (let b = 0; b < split.blockCount; b++) {
          for (let e = split.grpPtr[b * K]!; e < split.grpPtr[(b + 1) * K]!; e++) {
            expect(split.col[e]).toBeGreaterThanOrEqual(n.cuts[b]!);
            expect(split.col[e]).toBeLessThan(n.cuts[b + 1]!);
          }
        }
        expect(split.toCanonical(split.w)).toEqual(plain.w);
        expect(split.toCanonical(split.col)).toEqual(plain.col);
        expect(split.fromCanonical(split.toCanonical(split.w))).toEqual(split.w);
        expect(plain.canonicalOrder()).toBeNull();
      }),
      fcOptions(200),
    );
  });

  it('drives every neuron with bit-for-bit the conductance of the one-block layout (the same terms in the same order)', () => {
    fc.assert(
      fc.property(denseNet, fc.array(fc.tuple(fc.nat(5), fc.nat(6)), { maxLength: 20 }), (n, events) => {
        const { plain, split } = layouts(n);
        const spikes = new InputSpikes().setEvents(
          6,
          events.map(([s, i]) => [s, i % n.nIn] as const),
        );
        const a = new Float64Array(n.neurons).fill(0.125);
        const b = new Float64Array(n.neurons).fill(0.125);
        for (let s = 0; s < 6 + n.maxDelay; s++) {
          new SynapticDrive(plain).deliver(spikes, s, a);
          new SynapticDrive(split).deliver(spikes, s, b);
          expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
        }
      }),
      fcOptions(200),
    );
  });

  it('refuses cut points that do not rise strictly from 0 to the number of neurons', () => {
    const w = new Float32Array(6);
    const one = new Uint8Array(6).fill(1);
    for (const blocks of [[0, 2], [1, 3], [0, 2, 2, 3], [0, 2.5, 3], []]) {
      expect(() => InputSynapses.fromDense(w, one, new Uint8Array(6), 2, 3, 0, { blocks })).toThrow(/blocks must rise strictly from 0 to 3/);
    }
  });

  it('is refused by a network partition whose neurons are not one of its blocks', () => {
    const recipe = recipeOf({ network: { neurons: 4 } });
    const syn = InputSynapses.fromDense(new Float32Array(8), new Uint8Array(8).fill(1), new Uint8Array(8), 2, 4, 0, { blocks: [0, 2, 4] });
    const theta = new Float64Array(4);
    expect(() => new SnnNetwork(recipe, syn, theta, { range: [2, 4] })).not.toThrow();
    expect(() => new SnnNetwork(recipe, syn, theta, { range: [1, 4] })).toThrow(/neurons \[1, 4\) are not one block of the synapses' layout \[0, 2, 4\]/);
  });
});
