import type { Rng } from '../../core/Rng.js';
import type { CsrMatrix } from '../../core/CsrMatrix.js';

/**
 * CSR from a set of cells `i*cols+j`, with weights drawn from `rng`: mostly
 * normal deviates rounded to float32, one in ten exactly 0 (a stored synapse of
 * weight 0 must still be placed).
 */
export function buildMatrix(rows: number, cols: number, cells: Iterable<number>, rng: Rng): CsrMatrix {
  const sorted = Int32Array.from(new Set(cells)).sort();
  const rowPtr = new Int32Array(rows + 1);
  const colIdx = new Int32Array(sorted.length);
  const values = new Float32Array(sorted.length);
  for (let k = 0; k < sorted.length; k++) {
    const i = Math.floor(sorted[k]! / cols);
    rowPtr[i + 1]!++;
    colIdx[k] = sorted[k]! % cols;
    values[k] = rng.uniform() < 0.1 ? 0 : Math.fround(rng.normal());
  }
  for (let i = 0; i < rows; i++) rowPtr[i + 1]! += rowPtr[i]!;
  return { rows, cols, rowPtr, colIdx, values };
}

/** Keeps at most `maxPerColumn` synapses per column (the first ones by row), for no-split cases. */
export function clipColumns(w: CsrMatrix, maxPerColumn: number, rng: Rng): CsrMatrix {
  const seen = new Int32Array(w.cols);
  const cells: number[] = [];
  for (let i = 0; i < w.rows; i++) {
    for (let k = w.rowPtr[i]!; k < w.rowPtr[i + 1]!; k++) {
      const j = w.colIdx[k]!;
      if (seen[j]! < maxPerColumn) {
        seen[j]!++;
        cells.push(i * w.cols + j);
      }
    }
  }
  return buildMatrix(w.rows, w.cols, cells, rng);
}
