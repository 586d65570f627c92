import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/Rng.js';
import { InputSynapses, SnnNetwork } from '../../src/snn/index.js';
import { recipeOf } from './_support.js';

const N = 12;
const N_IN = 30;

/** Random dense weights, delays and a mask keeping about `keep` of the synapses. */
function layout(seed: number, keep: number): { weights: Float32Array; delays: Uint8Array; mask: Uint8Array } {
  const rng = new Rng(seed);
  const total = N_IN * N;
  const weights = new Float32Array(total);
  const delays = new Uint8Array(total);
  const mask = new Uint8Array(total);
  for (let e = 0; e < total; e++) {
    weights[e] = 0.2 + 0.8 * rng.uniform();
    delays[e] = Math.floor(rng.uniform() * 21);
    mask[e] = rng.uniform() < keep ? 1 : 0;
  }
  return { weights, delays, mask };
}

function images(seed: number, count: number): Uint8Array {
  const rng = new Rng(seed);
  return Uint8Array.from({ length: count * N_IN }, () => (rng.uniform() < 0.5 ? Math.floor(255 * rng.uniform()) : 0));
}

const recipe = recipeOf({ network: { neurons: N }, protocol: { minSpikes: 0, normalizeSum: 20, intensityStart: 16 } });
const theta = (): Float64Array => new Float64Array(N).fill(recipe.network.threshold.thetaInit);

function synapses(keep: number): InputSynapses {
  const { weights, delays, mask } = layout(7, keep);
  return InputSynapses.fromDense(weights, mask, delays, N_IN, N, 20);
}

function bits(a: Float32Array | Float64Array | Int32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice();
}

describe('input delivery in the WebAssembly kernel', () => {
  it('trains and infers bit for bit as the JavaScript loops (a network given more synapses than its kernel holds)', () => {
    // `inKernel` is built with the dense synapses; `inJs` with a pruned set, then given the dense ones, which its
    // kernel has no room for, so it delivers them in JavaScript
    const inKernel = new SnnNetwork(recipe, synapses(1), theta());
    const inJs = new SnnNetwork(recipe, synapses(0.3), theta());
    inJs.setSynapses(synapses(1));
    const px = images(3, 20);
    let spikes = 0;
    for (let k = 0; k < 12; k++) {
      const a = inKernel.trainImage(px, k * N_IN, new Rng(1, 2, k));
      const b = inJs.trainImage(px, k * N_IN, new Rng(1, 2, k));
      expect(bits(a.counts)).toEqual(bits(b.counts));
      spikes += a.total;
    }
    expect(spikes).toBeGreaterThan(20); // post-synaptic learning and the pre-synaptic depression were exercised
    expect(bits(inKernel.synapses.w)).toEqual(bits(inJs.synapses.w));
    expect(bits(inKernel.theta)).toEqual(bits(inJs.theta));
    for (let k = 12; k < 20; k++) {
      const a = inKernel.inferImage(px, k * N_IN, new Rng(1, 4, k));
      const b = inJs.inferImage(px, k * N_IN, new Rng(1, 4, k));
      expect(bits(a.counts)).toEqual(bits(b.counts));
    }
  });

  it('test mode sees weights rewritten in place once touchAll is called', () => {
    const net = new SnnNetwork(recipe, synapses(1), theta());
    const px = images(5, 1);
    const before = net.inferImage(px, 0, new Rng(1, 4, 0)).total;
    expect(before).toBeGreaterThan(0);
    net.synapses.w.fill(0);
    net.touchAll();
    expect(net.inferImage(px, 0, new Rng(1, 4, 0)).total).toBe(0);
  });
});
