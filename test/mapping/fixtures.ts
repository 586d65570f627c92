import { Rng } from '../../src/core/Rng.js';
import type { CsrMatrix } from '../../src/core/CsrMatrix.js';
import { prunePerNeuron } from '../../src/testing/index.js';

/**
 * A small structured matrix without MNIST: 64 inputs (8×8 "pixels") × 40 neurons,
 * each neuron a blob around one of 5 centres plus noise, pruned per neuron at 75 %.
 */
export function digitReceptiveFieldsSmall(seed = 1): CsrMatrix {
  const rng = new Rng(seed, 99);
  const rows = 64;
  const cols = 40;
  const dense = new Float32Array(rows * cols);
  const centres = [
    [2, 2],
    [5, 5],
    [2, 5],
    [5, 2],
    [3.5, 3.5],
  ];
  for (let j = 0; j < cols; j++) {
    const [cy, cx] = centres[j % centres.length]!;
    for (let p = 0; p < rows; p++) {
      const d2 = (Math.floor(p / 8) - cy!) ** 2 + ((p % 8) - cx!) ** 2;
      dense[p * cols + j] = Math.exp(-d2 / 3) + 0.1 * rng.uniform();
    }
  }
  return prunePerNeuron(dense, { rows, cols, prunedFraction: 0.75 });
}
