import { describe, expect, it } from 'vitest';
import { csrToDense } from '../../src/core/CsrMatrix.js';
import { digitReceptiveFields, prunePerNeuron } from '../../src/testing/index.js';

describe('prunePerNeuron', () => {
  it('keeps the largest ⌈(1-p)·rows⌉ weights of each column and never a zero', () => {
    // 4 inputs × 2 neurons; column 1 has only one non-zero weight.
    const dense = [0.1, 0, 0.4, 0, 0.3, 0.9, 0.2, 0];
    const w = prunePerNeuron(dense, { rows: 4, cols: 2, prunedFraction: 0.5 });
    expect(Array.from(csrToDense(w))).toEqual([0, 0, 0.4000000059604645, 0, 0.30000001192092896, 0.8999999761581421, 0, 0]);
  });

  it('rejects a fraction outside [0, 1]', () => {
    expect(() => prunePerNeuron([1], { rows: 1, cols: 1, prunedFraction: 1.5 })).toThrow(/prunedFraction must be in \[0, 1\]/);
  });
});

describe('digitReceptiveFields (synthetic stand-in for trained weights)', () => {
  it('gives 784 x neurons, about 196 synapses per neuron at 75%, the same for the same seed', () => {
    const a = digitReceptiveFields({ neurons: 20, prunedFraction: 0.75, seed: 5 });
    const b = digitReceptiveFields({ neurons: 20, prunedFraction: 0.75, seed: 5 });
    expect([a.rows, a.cols, a.rowPtr[a.rows]]).toEqual([784, 20, 20 * 196]);
    expect(b).toEqual(a);
  });

  it('has dead border pixels at 90% pruning', () => {
    const w = digitReceptiveFields({ neurons: 50, prunedFraction: 0.9, seed: 5 });
    let deadBorder = 0;
    for (let i = 0; i < 784; i++) {
      const y = Math.floor(i / 28);
      const x = i % 28;
      if ((y < 3 || y > 24 || x < 3 || x > 24) && w.rowPtr[i + 1] === w.rowPtr[i]) deadBorder++;
    }
    expect(deadBorder).toBeGreaterThan(250);
  });
});
