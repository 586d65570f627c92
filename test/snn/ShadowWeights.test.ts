import { describe, expect, it } from 'vitest';
import { InputSynapses, quantizationLevels, quantizeWeights, ShadowWeights } from '../../src/snn/index.js';

const levels = quantizationLevels({ levels: 4, values: null }, 0.6)!; // 0, 0.2, 0.4, 0.6
const synOf = (w: number[]): InputSynapses =>
  InputSynapses.fromDense(Float32Array.from(w), new Uint8Array(w.length).fill(1), new Uint8Array(w.length), w.length, 1, 0);

describe('ShadowWeights', () => {
  it('the network sees quantized weights while the shadow keeps full precision', () => {
    const syn = synOf([0.23, 0.49]);
    const sh = new ShadowWeights(1, null, (s) => quantizeWeights(s.w, levels));
    sh.beforePresentation(syn);
    expect(Array.from(syn.w).sort()).toEqual([0.2, 0.4].map(Math.fround));
    expect(Array.from(sh.weights!).sort()).toEqual([0.23, 0.49].map(Math.fround));
  });

  it('updates smaller than the level spacing accumulate (nearest periodic rounding would undo them)', () => {
    const syn = synOf([0.2]);
    const sh = new ShadowWeights(1, null, (s) => quantizeWeights(s.w, levels));
    const plain = Float32Array.of(0.2);
    for (let k = 0; k < 12; k++) {
      sh.beforePresentation(syn);
      syn.w[0] = syn.w[0]! + 0.01; // STDP during the presentation
      plain[0] = plain[0]! + 0.01;
      quantizeWeights(plain, levels); // the old periodic scheme, every presentation
    }
    sh.beforePresentation(syn);
    expect(plain[0]).toBe(Math.fround(0.2)); // stalled
    expect(sh.weights![0]).toBeCloseTo(0.32, 5);
    expect(syn.w[0]).toBe(Math.fround(0.4));
    sh.fold(syn);
    expect(syn.w[0]).toBeCloseTo(0.32, 5);
    expect(sh.weights).toBeNull();
  });

  it('normalises the shadow, not the quantized copy, to the column sum', () => {
    const syn = synOf([0.1, 0.3]);
    const sh = new ShadowWeights(1, 0.8, (s) => quantizeWeights(s.w, levels));
    sh.beforePresentation(syn);
    const s = sh.weights!;
    expect(s[0]! + s[1]!).toBeCloseTo(0.8, 5);
    expect(Array.from(s).sort()).toEqual([0.2, 0.6].map(Math.fround));
  });
});
