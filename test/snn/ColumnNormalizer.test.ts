import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputSynapses } from '../../src/snn/InputSynapses.js';
import { makeNet } from './_support.js';
import { fcOptions } from '../_support/fc.js';

/** The normalisation as one pass over all synapses (the definition). */
function fullPass(w: Float32Array, col: Uint16Array, neurons: number, target: number): void {
  const sum = new Float64Array(neurons);
  for (let e = 0; e < w.length; e++) sum[col[e]!]! += w[e]!;
  for (let j = 0; j < neurons; j++) sum[j] = sum[j]! > 0 ? target / sum[j]! : 1;
  for (let e = 0; e < w.length; e++) w[e] = w[e]! * sum[col[e]!]!;
}

describe('SnnNetwork.normalize (column-wise, skipping unchanged columns)', () => {
  it('is bit-for-bit one pass over all synapses, across rounds in which random columns change', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.float({ min: 0, max: 1, noNaN: true }), { minLength: 54, maxLength: 54 }),
        fc.array(fc.array(fc.tuple(fc.nat(53), fc.float({ min: 0, max: 1, noNaN: true })), { maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 54, maxLength: 54 }),
        (neurons, nIn, w0, rounds, alive) => {
          const n = neurons * nIn;
          const mask = alive.slice(0, n).map((a) => (a ? 1 : 0));
          const delays = new Uint8Array(n).map((_, k) => k % 3);
          const net = makeNet({ raw: { network: { neurons } }, nIn, weights: w0.slice(0, n), delays: Array.from(delays), mask });
          const ref = InputSynapses.fromDense(Float32Array.from(w0.slice(0, n)), Uint8Array.from(mask), delays, nIn, neurons, net.maxDelay);
          const syn = net.synapses;
          for (const changes of rounds) {
            net.normalize(78);
            fullPass(ref.w, ref.col, neurons, 78);
            expect(Buffer.from(syn.w.buffer).equals(Buffer.from(ref.w.buffer))).toBe(true);
            // change some weights in both, marking their columns as train's STDP does
            for (const [k, v] of changes) {
              if (syn.size === 0) break;
              const e = k % syn.size;
              syn.w[e] = v;
              ref.w[e] = v;
              net.touchedColumns[syn.col[e]!] = 1;
            }
          }
        },
      ),
      fcOptions(200),
    );
  });
});
