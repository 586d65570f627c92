import { XsnnError } from '../config/XsnnError.js';

/**
 * A sparse weight matrix in compressed sparse row layout. For a network's
 * input→excitatory synapses, rows are inputs (784 for MNIST) and columns are
 * neurons; stored entries are the surviving (unpruned) synapses, including any
 * whose weight is exactly 0.
 *
 * Row `i` holds entries `rowPtr[i] … rowPtr[i+1]-1`, with column indices
 * `colIdx[k]` strictly increasing inside a row and weights `values[k]`.
 */
export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Length `rows + 1`, `rowPtr[0] = 0`, non-decreasing, `rowPtr[rows] = nnz`. */
  readonly rowPtr: Int32Array;
  /** Length nnz. */
  readonly colIdx: Int32Array;
  /** Length nnz. */
  readonly values: Float32Array;
}

/** Number of stored entries. */
export function nnz(m: CsrMatrix): number {
  return m.rowPtr[m.rows] ?? 0;
}

/**
 * Builds a CSR matrix from a dense row-major `rows × cols` array, keeping the
 * entries where `keep[i*cols+j]` is non-zero (default: where the value is non-zero).
 */
export function csrFromDense(dense: ArrayLike<number>, rows: number, cols: number, keep?: ArrayLike<number>): CsrMatrix {
  if (dense.length !== rows * cols) throw new XsnnError(`csrFromDense: expected ${rows}x${cols}=${rows * cols} values, got ${dense.length}`);
  const rowPtr = new Int32Array(rows + 1);
  let count = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const idx = i * cols + j;
      if (keep !== undefined ? keep[idx] !== 0 : dense[idx] !== 0) count++;
    }
    rowPtr[i + 1] = count;
  }
  const colIdx = new Int32Array(count);
  const values = new Float32Array(count);
  let k = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const idx = i * cols + j;
      if (keep !== undefined ? keep[idx] !== 0 : dense[idx] !== 0) {
        colIdx[k] = j;
        values[k] = dense[idx]!;
        k++;
      }
    }
  }
  return { rows, cols, rowPtr, colIdx, values };
}

/** Expands a CSR matrix into a dense row-major Float32Array (absent entries are 0). */
export function csrToDense(m: CsrMatrix): Float32Array {
  const out = new Float32Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++) {
    for (let k = m.rowPtr[i]!; k < m.rowPtr[i + 1]!; k++) out[i * m.cols + m.colIdx[k]!] = m.values[k]!;
  }
  return out;
}

/**
 * Checks the CSR invariants (lengths, monotone row pointers, sorted in-range
 * column indices, finite values); throws an {@link XsnnError} naming `what`.
 */
export function assertCsr(m: CsrMatrix, what = 'matrix'): void {
  const fail = (p: string): never => {
    throw new XsnnError(`${what}: ${p}`);
  };
  if (!Number.isInteger(m.rows) || m.rows < 0 || !Number.isInteger(m.cols) || m.cols < 0) fail(`bad shape ${m.rows}x${m.cols}`);
  if (m.rowPtr.length !== m.rows + 1 || m.rowPtr[0] !== 0) fail('rowPtr must have rows+1 entries starting at 0');
  const n = m.rowPtr[m.rows]!;
  if (m.colIdx.length !== n || m.values.length !== n) fail(`colIdx/values must have ${n} entries`);
  for (let i = 0; i < m.rows; i++) {
    const a = m.rowPtr[i]!;
    const b = m.rowPtr[i + 1]!;
    if (b < a) fail(`rowPtr decreases at row ${i}`);
    for (let k = a; k < b; k++) {
      const c = m.colIdx[k]!;
      if (c < 0 || c >= m.cols) fail(`column index ${c} out of range at row ${i}`);
      if (k > a && c <= m.colIdx[k - 1]!) fail(`column indices not strictly increasing in row ${i}`);
      if (!Number.isFinite(m.values[k]!)) fail(`non-finite weight ${m.values[k]} at (${i}, ${c})`);
    }
  }
}
