import type { CsrMatrix } from '../core/CsrMatrix.js';

/** W with rows and columns renamed: entry (i, j) moves to (rowPerm[i], colPerm[j]), weights kept. */
export function permuteMatrix(w: CsrMatrix, rowPerm: ArrayLike<number>, colPerm: ArrayLike<number>): CsrMatrix {
  const entries: Array<[number, number, number]> = [];
  for (let i = 0; i < w.rows; i++) for (let k = w.rowPtr[i]!; k < w.rowPtr[i + 1]!; k++) entries.push([rowPerm[i]!, colPerm[w.colIdx[k]!]!, w.values[k]!]);
  entries.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const rowPtr = new Int32Array(w.rows + 1);
  for (const [i] of entries) rowPtr[i + 1]!++;
  for (let i = 0; i < w.rows; i++) rowPtr[i + 1]! += rowPtr[i]!;
  return { rows: w.rows, cols: w.cols, rowPtr, colIdx: Int32Array.from(entries, (e) => e[1]), values: Float32Array.from(entries, (e) => e[2]) };
}

/** W without its stored entry number `k` (CSR order). */
export function deleteSynapse(w: CsrMatrix, k: number): CsrMatrix {
  const rowPtr = Int32Array.from(w.rowPtr, (p, i) => (i > 0 && w.rowPtr[i]! > k ? p - 1 : p));
  const colIdx = new Int32Array(w.colIdx.length - 1);
  colIdx.set(w.colIdx.subarray(0, k));
  colIdx.set(w.colIdx.subarray(k + 1), k);
  const values = new Float32Array(w.values.length - 1);
  values.set(w.values.subarray(0, k));
  values.set(w.values.subarray(k + 1), k);
  return { rows: w.rows, cols: w.cols, rowPtr, colIdx, values };
}
