import { describe, expect, it } from 'vitest';
import { makeNet } from './_support.js';

const one = { network: { neurons: 1 } };
const limitedOne = { network: { neurons: 1, integration: 'euler-limited' } };

describe('SnnNetwork dynamics (Brian2 forward-Euler semantics)', () => {
  it('E membrane relaxes to rest as the Euler solution v_n = v_rest + (v0 − v_rest)(1 − dt/τ)^n, close to the exponential', () => {
    const net = makeNet({ raw: one, nIn: 1, weights: [0] });
    net.resetState(false);
    net.vE[0] = -80;
    net.spikes.setEvents(200, []);
    net.run(200, false);
    const euler = -65 + (-80 + 65) * (1 - 0.5 / 100) ** 200;
    const exact = -65 + (-80 + 65) * Math.exp(-100 / 100);
    expect(net.vE[0]).toBeCloseTo(euler, 10);
    expect(Math.abs(net.vE[0] - exact)).toBeLessThan(0.02);
  });

  it('I membrane relaxes with its own τ (10 ms)', () => {
    const net = makeNet({ raw: one, nIn: 1, weights: [0] });
    net.resetState(false);
    net.vI[0] = -70;
    net.spikes.setEvents(40, []);
    net.run(40, false);
    expect(net.vI[0]).toBeCloseTo(-60 + (-70 + 60) * (1 - 0.5 / 10) ** 40, 10);
  });

  it('an input spike adds w to g_e after its delay, then g_e decays by (1 − dt/τ_ge) per step', () => {
    const net = makeNet({ raw: one, nIn: 1, weights: [0.3], delays: [4] });
    net.resetState(false);
    net.spikes.setEvents(30, [[2, 0]]);
    net.run(6, false); // steps 0..5; arrival at step 2 + 4 = 6 not yet
    expect(net.geE[0]).toBe(0);
    net.run(1, false, 6); // step 6: arrival after the state update
    expect(net.geE[0]).toBeCloseTo(0.3, 7);
    net.run(3, false, 7);
    expect(net.geE[0]).toBeCloseTo(0.3 * 0.5 ** 3, 7);
  });

  it('one Euler step with g_e uses the values at the start of the step', () => {
    const net = makeNet({ raw: one, nIn: 1, weights: [0.2], delays: [0] });
    net.resetState(false);
    net.spikes.setEvents(10, [[0, 0]]);
    net.run(1, false); // arrival at step 0
    const v0 = net.vE[0]!;
    const ge0 = net.geE[0]!;
    net.run(1, false, 1);
    expect(net.vE[0]).toBeCloseTo(v0 + (0.5 / 100) * (-65 - v0 + ge0 * (0 - v0)), 12);
  });

  it('euler-limited: a step that Euler would carry past its equilibrium (dt·G/τ > 1) ends at v∞ = (v_rest + g_e E_exc + g_i E_inh)/G', () => {
    const net = makeNet({ raw: limitedOne, nIn: 1, weights: [0] });
    net.resetState(false);
    net.spikes.setEvents(5, []);
    net.vE[0] = -65;
    net.giE[0] = 17 * 30; // 30 I spikes in one step: G = 511, a = dt·G/τ = 2.555 (forward Euler gives −248 mV, and diverges)
    net.run(1, false);
    expect(net.vE[0]).toBeCloseTo((-65 + 510 * -100) / 511, 12);
    expect(net.vE[0]).toBeGreaterThanOrEqual(-100);
  });

  /** v after one step from v0 with g_i = gi (no g_e), and forward Euler's value for it. */
  const oneStep = (raw: Record<string, unknown>, v0: number, gi: number) => {
    const net = makeNet({ raw, nIn: 1, weights: [0] });
    net.resetState(false);
    net.spikes.setEvents(5, []);
    net.vE[0] = v0;
    net.giE[0] = gi;
    net.run(1, false);
    return { v: net.vE[0], euler: v0 + (0.5 / 100) * (-65 - v0 + gi * (-100 - v0)) };
  };

  it('euler-limited is forward Euler where dt·G/τ ≤ 1 (G = 200 exactly)', () => {
    const { v, euler } = oneStep(limitedOne, -70, 199);
    expect(v).toBe(euler);
  });

  // a = 1.705 overshoots v∞; a = 2.555 diverges
  for (const spikes of [20, 30]) {
    it(`euler: a step with ${spikes} I spikes (dt·G/τ = ${((0.5 / 100) * (1 + 17 * spikes)).toFixed(3)}) is forward Euler, past v∞, as in DC1 and Brian2`, () => {
      const { v, euler } = oneStep(one, -65, 17 * spikes);
      expect(v).toBe(euler);
      expect(v).toBeLessThan(-100);
    });
  }

  it('euler-limited: however many I neurons fire together, no E membrane leaves [E_inh, E_exc] and the network falls silent again', () => {
    const n = 64;
    const net = makeNet({ raw: { network: { neurons: n, integration: 'euler-limited' } }, nIn: 1, weights: new Array<number>(n).fill(0) });
    net.resetState(false);
    net.spikes.setEvents(200, []);
    net.vI.fill(0); // every I neuron fires at step 0: 63 × 17 = 1071 of g_i on each E neuron
    net.run(1, false);
    let fired = 0;
    for (let s = 1; s < 200; s++) {
      fired += net.run(1, false, s);
      for (let j = 0; j < n; j++) {
        expect(net.vE[j]).toBeGreaterThanOrEqual(-100);
        expect(net.vE[j]).toBeLessThanOrEqual(0);
      }
    }
    expect(fired).toBe(0);
  });

  it('a spike resets v, holds it for the refractory period (5 ms = 10 steps) and drives the partner I neuron', () => {
    const net = makeNet({ raw: { network: { neurons: 2 } }, nIn: 1, weights: [0, 0] });
    net.resetState(false);
    net.spikes.setEvents(40, []);
    net.vE[0] = 10; // far above threshold: spikes at the next step
    net.run(1, false);
    expect(net.counts[0]).toBe(1);
    expect(net.vE[0]).toBe(-65);
    expect(net.geI[0]).toBeCloseTo(10.4, 12);
    expect(net.geI[1]).toBe(0);
    for (let s = 1; s < 10; s++) {
      net.vE[0] = 10; // would fire if not refractory
      net.run(1, false, s);
      expect(net.counts[0]).toBe(0);
      expect(net.vE[0]).toBe(10); // held (not integrated)
    }
    net.run(1, false, 10); // 10 steps after the spike: integrates and fires again
    expect(net.counts[0]).toBe(1);
  });

  it('the threshold is strict: v > θ − θ_offset + v_thresh', () => {
    const net = makeNet({ raw: { ...one, network: { neurons: 1, exc: { tauMembrane: '1e30 ms' } } }, nIn: 1, weights: [0] });
    net.resetState(false);
    net.spikes.setEvents(5, []);
    net.vE[0] = -52; // θ = 20 mV, offset 20 mV: threshold −52 mV exactly; τ huge so v stays
    net.run(1, false);
    expect(net.counts[0]).toBe(0);
    net.vE[0] = -51.999;
    net.run(1, false, 1);
    expect(net.counts[0]).toBe(1);
  });

  it('an I spike inhibits every E neuron except its partner', () => {
    const net = makeNet({ raw: { network: { neurons: 3 } }, nIn: 1, weights: [0, 0, 0] });
    net.resetState(false);
    net.spikes.setEvents(5, []);
    net.vI[1] = 0;
    net.run(1, false);
    expect([net.giE[0], net.giE[1], net.giE[2]]).toEqual([17, 0, 17]);
  });

  it('θ grows by θ_plus per spike and decays with τ_θ in training, and is frozen in test mode', () => {
    const net = makeNet({ raw: one, nIn: 1, weights: [0] });
    net.resetState(false);
    net.spikes.setEvents(20, []);
    net.vE[0] = 10;
    net.run(20, true);
    expect(net.theta[0]).toBeCloseTo((20 * (1 - 0.5 / 1e7) + 0.05) * (1 - 0.5 / 1e7) ** 19, 12);
    const before = net.theta[0]!;
    net.vE[0] = 10;
    net.run(20, false);
    expect(net.theta[0]).toBe(before);
  });
});

describe('STDP', () => {
  /** Forces a post spike of neuron 0 at step s (v far above threshold, not refractory). */
  function postAt(net: ReturnType<typeof makeNet>, s: number): void {
    net.vE[0] = 10;
    net.run(1, true, s);
  }
  function stepTo(net: ReturnType<typeof makeNet>, from: number, to: number): void {
    if (to > from) net.run(to - from, true, from);
  }

  it('dc2015: pre-before-post potentiates by η_post·x_pre·x_post2(before); post-before-pre depresses by η_pre·x_post1', () => {
    const net = makeNet({ raw: one, nIn: 1, weights: [0.5], delays: [0] });
    net.resetState(false);
    net.spikes.setEvents(100, [[15, 0]]);
    stepTo(net, 0, 10);
    postAt(net, 10); // first post spike: x_pre = 0, so no change; sets post traces to 1
    expect(net.synapses.w[0]).toBeCloseTo(0.5, 7);
    stepTo(net, 11, 15);
    net.run(1, true, 15); // pre arrives at 15: depression by 1e-4 · exp(−5·0.5/20)
    const afterPre = 0.5 - 1e-4 * Math.exp((-5 * 0.5) / 20);
    expect(net.synapses.w[0]).toBeCloseTo(afterPre, 7);
    stepTo(net, 16, 20);
    postAt(net, 20); // potentiation: 0.01 · exp(−5·0.5/20) · exp(−10·0.5/40)
    const dw = 0.01 * Math.exp((-5 * 0.5) / 20) * Math.exp((-10 * 0.5) / 40);
    expect(net.synapses.w[0]).toBeCloseTo(afterPre + dw, 6);
    expect(dw).toBeGreaterThan(0);
  });

  it('dc2015: the pre trace counts from the arrival (emission + delay)', () => {
    const net = makeNet({ raw: one, nIn: 1, weights: [0.5], delays: [6] });
    net.resetState(false);
    net.spikes.setEvents(100, [[2, 0]]); // arrives at step 8
    postAt(net, 0);
    stepTo(net, 1, 12);
    const w1 = net.synapses.w[0]!;
    postAt(net, 12);
    const dw = net.synapses.w[0]! - w1;
    expect(dw).toBeCloseTo(0.01 * Math.exp((-4 * 0.5) / 20) * Math.exp((-12 * 0.5) / 40), 6);
  });

  it('dc2015: weights are clipped to [0, w_max]', () => {
    const net = makeNet({ raw: { ...one, learning: { etaPost: 10 } }, nIn: 1, weights: [0.9] });
    net.resetState(false);
    net.spikes.setEvents(50, [[12, 0]]);
    postAt(net, 0);
    stepTo(net, 1, 14);
    postAt(net, 14);
    expect(net.counts[0]).toBe(1);
    expect(net.synapses.w[0]).toBe(1);
  });

  it('power-law: Δw = η(x_pre − x_tar)(w_max − w)^μ at a post spike; sign follows x_pre vs x_tar, size shrinks as w → w_max', () => {
    const raw = { network: { neurons: 1 }, learning: { rule: 'power-law', powerLaw: { eta: 0.01, xTar: 0.4, mu: 0.2 } } };
    // inputs 0,1: recent spike (x_pre high), weights 0.2 and 0.8; input 2: old spike (x_pre low); input 3: never fired
    const net = makeNet({ raw, nIn: 4, weights: [0.2, 0.8, 0.5, 0.5] });
    net.resetState(false);
    net.spikes.setEvents(100, [
      [0, 2],
      [38, 0],
      [38, 1],
    ]);
    stepTo(net, 0, 40);
    postAt(net, 40);
    const w = net.synapses.toDenseWeights();
    const xHigh = Math.exp((-2 * 0.5) / 20);
    const xLow = Math.exp((-40 * 0.5) / 20);
    expect(w[0]).toBeCloseTo(0.2 + 0.01 * (xHigh - 0.4) * 0.8 ** 0.2, 6);
    expect(w[1]).toBeCloseTo(0.8 + 0.01 * (xHigh - 0.4) * 0.2 ** 0.2, 6);
    expect(w[2]).toBeCloseTo(0.5 + 0.01 * (xLow - 0.4) * 0.5 ** 0.2, 6);
    expect(w[3]).toBeCloseTo(0.5 - 0.01 * 0.4 * 0.5 ** 0.2, 6);
    expect(w[0]! - 0.2).toBeGreaterThan(w[1]! - 0.8); // weight dependence
    expect(w[1]! - 0.8).toBeGreaterThan(0);
    expect(w[2]!).toBeLessThan(0.5);
  });

  it('preTrace add: x_pre sums every earlier arrival, Σ exp(−(n − a)·dt/τ_pre); set keeps only the latest', () => {
    const go = (preTrace: string) => {
      const raw = { network: { neurons: 1 }, learning: { rule: 'power-law', preTrace, powerLaw: { eta: 0.01, xTar: 0.4, mu: 0.2 } } };
      // input 0 (no delay) fires at 10, 20, 36; input 1 (delay 4) fires at 6 and 30, arriving at 10 and 34
      const net = makeNet({ raw, nIn: 2, weights: [0.3, 0.3], delays: [0, 4] });
      net.resetState(false);
      net.spikes.setEvents(100, [
        [6, 1],
        [10, 0],
        [20, 0],
        [30, 1],
        [36, 0],
      ]);
      stepTo(net, 0, 40);
      postAt(net, 40);
      return net.synapses.toDenseWeights();
    };
    const x = (...ages: number[]) => ages.reduce((a, k) => a + Math.exp((-k * 0.5) / 20), 0);
    const dw = (xPre: number) => 0.01 * (xPre - 0.4) * 0.7 ** 0.2;
    const add = go('add');
    expect(add[0]).toBeCloseTo(0.3 + dw(x(30, 20, 4)), 7);
    expect(add[1]).toBeCloseTo(0.3 + dw(x(30, 6)), 7);
    const set = go('set');
    expect(set[0]).toBeCloseTo(0.3 + dw(x(4)), 7);
    expect(set[1]).toBeCloseTo(0.3 + dw(x(6)), 7);
  });

  it('power-law: no change at pre spikes alone', () => {
    const net = makeNet({ raw: { ...one, learning: { rule: 'power-law' } }, nIn: 1, weights: [0.3] });
    net.resetState(false);
    net.spikes.setEvents(50, [
      [1, 0],
      [5, 0],
      [9, 0],
    ]);
    net.run(50, true);
    expect(net.counts[0]).toBe(0);
    expect(net.synapses.w[0]).toBeCloseTo(0.3, 7);
  });
});

describe('normalisation', () => {
  it('rescales each neuron’s surviving weights to sum to the target; pruned synapses are left out', () => {
    const nIn = 5;
    const weights = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
    const mask = [1, 1, 0, 1, 1, 1, 1, 0, 1, 1];
    const net = makeNet({ raw: { network: { neurons: 2 } }, nIn, weights, mask });
    net.normalize(3);
    const w = net.synapses.toDenseWeights();
    for (let j = 0; j < 2; j++) {
      let sum = 0;
      for (let i = 0; i < nIn; i++) sum += w[i * 2 + j]!;
      expect(sum).toBeCloseTo(3, 5);
    }
    expect(w[2]).toBe(0);
    expect(w[7]).toBe(0);
    // ratios preserved
    expect(w[4]! / w[0]!).toBeCloseTo(0.5 / 0.1, 5);
  });
});

describe('the retry rule', () => {
  it('presents a blank image once instead of raising the intensity forever (no retry cap by default)', async () => {
    const { Rng } = await import('../../src/core/Rng.js');
    const net = makeNet({ raw: { network: { neurons: 2 } }, nIn: 4, weights: new Array<number>(8).fill(0.5) });
    const blank = new Uint8Array(4);
    expect(net.inferImage(blank, 0, new Rng(1)).presentations).toBe(1);
    expect(net.trainImage(blank, 0, new Rng(1)).presentations).toBe(1);
  });
});
