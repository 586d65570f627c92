import type { CsrMatrix } from '../../core/CsrMatrix.js';

/** Wᵀ in CSR (= W in CSC) plus, for each of its entries, the entry's index in W. */
export interface Transposed {
  readonly matrix: CsrMatrix;
  /** `orig[k]` = index in W's arrays of entry `k` of Wᵀ. */
  readonly orig: Int32Array;
}

/** Transposes a CSR matrix in O(nnz) (counting sort by column; rows stay sorted). */
export function transposeCsr(w: CsrMatrix): Transposed {
  const nz = w.rowPtr[w.rows]!;
  const rowPtr = new Int32Array(w.cols + 1);
  for (let k = 0; k < nz; k++) rowPtr[w.colIdx[k]! + 1]!++;
  for (let j = 0; j < w.cols; j++) rowPtr[j + 1]! += rowPtr[j]!;
  const next = rowPtr.slice(0, w.cols);
  const colIdx = new Int32Array(nz);
  const values = new Float32Array(nz);
  const orig = new Int32Array(nz);
  for (let i = 0; i < w.rows; i++) {
    for (let k = w.rowPtr[i]!; k < w.rowPtr[i + 1]!; k++) {
      const p = next[w.colIdx[k]!]!++;
      colIdx[p] = i;
      values[p] = w.values[k]!;
      orig[p] = k;
    }
  }
  return { matrix: { rows: w.cols, cols: w.rows, rowPtr, colIdx, values }, orig };
}
