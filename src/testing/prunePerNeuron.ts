import { XsnnError } from '../config/XsnnError.js';
import type { CsrMatrix } from '../core/CsrMatrix.js';

/** Options of {@link prunePerNeuron}. */
export interface PrunePerNeuronOptions {
  /** Inputs (rows of the dense matrix). */
  readonly rows: number;
  /** Neurons (columns). */
  readonly cols: number;
  /** Fraction of each neuron's weights removed, in [0, 1]. */
  readonly prunedFraction: number;
}

/**
 * Prunes a dense row-major `rows × cols` weight matrix per neuron (column): each
 * column keeps its ⌈(1 − prunedFraction)·rows⌉ largest weights (ties: lower row
 * first), the rest are removed; weights that are exactly 0 never survive (a
 * neuron with fewer non-zero weights keeps fewer). Returns the survivors as CSR.
 */
export function prunePerNeuron(dense: ArrayLike<number>, options: PrunePerNeuronOptions): CsrMatrix {
  const fn = 'prunePerNeuron';
  const { rows, cols, prunedFraction } = options;
  if (dense.length !== rows * cols) throw new XsnnError(`${fn}: expected ${rows}x${cols} weights, got ${dense.length}`);
  if (!(prunedFraction >= 0 && prunedFraction <= 1)) throw new XsnnError(`${fn}: prunedFraction must be in [0, 1]`, { received: String(prunedFraction) });
  const keep = Math.ceil((1 - prunedFraction) * rows - 1e-9);
  const mask = new Uint8Array(rows * cols);
  const idx = new Int32Array(rows);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) idx[i] = i;
    idx.sort((x, y) => dense[y * cols + j]! - dense[x * cols + j]! || x - y);
    for (let q = 0; q < keep; q++) if (dense[idx[q]! * cols + j] !== 0) mask[idx[q]! * cols + j] = 1;
  }
  const rowPtr = new Int32Array(rows + 1);
  let n = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) n += mask[i * cols + j]!;
    rowPtr[i + 1] = n;
  }
  const colIdx = new Int32Array(n);
  const values = new Float32Array(n);
  let k = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (mask[i * cols + j] === 1) {
        colIdx[k] = j;
        values[k] = dense[i * cols + j]!;
        k++;
      }
    }
  }
  return { rows, cols, rowPtr, colIdx, values };
}
