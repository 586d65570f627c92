import type { CsrMatrix } from '../../core/CsrMatrix.js';
import type { ResolvedMapOptions } from '../MapOptions.js';
import { transposeCsr } from './transposeCsr.js';

/**
 * A view of the problem in which "rows" are grouped into bands and each band's
 * used "columns" are chunked into tiles. The row frame bands the inputs (bands
 * of ≤ R inputs, tiles of ≤ C neurons); the column frame bands the neurons of Wᵀ
 * (bands of ≤ C neurons, tiles of ≤ R inputs). Tiles always hold ≤ R inputs and
 * ≤ C neurons in W's terms.
 */
export interface BandFrame {
  readonly name: 'row' | 'column';
  /** The matrix whose rows are banded (W or Wᵀ). */
  readonly a: CsrMatrix;
  /** Its transpose (to find the rows using a column). */
  readonly at: CsrMatrix;
  /** Rows per band at most. */
  readonly bandRows: number;
  /** Columns per tile at most. */
  readonly tileWidth: number;
  /** A band must fit one tile (no column splitting in W's terms). */
  readonly capped: boolean;
  /** Entry index in W of each entry of `a` (undefined for the row frame: identity). */
  readonly orig: Int32Array | undefined;
  /** Row degrees of `a`. */
  readonly deg: Int32Array;
  /** Column degrees of `a`. */
  readonly colDeg: Int32Array;
}

/** Everything an algorithm needs, computed once per mapping call. */
export interface MappingProblem {
  readonly w: CsrMatrix;
  readonly options: ResolvedMapOptions;
  readonly nnz: number;
  readonly rowFrame: BandFrame;
  readonly columnFrame: BandFrame;
  /** Results shared between algorithms of one call (e.g. greedy bands reused as a refinement start). */
  readonly cache: Map<string, unknown>;
}

function degrees(m: CsrMatrix): Int32Array {
  const d = new Int32Array(m.rows);
  for (let i = 0; i < m.rows; i++) d[i] = m.rowPtr[i + 1]! - m.rowPtr[i]!;
  return d;
}

/** Builds the two frames (one transpose, O(nnz)). */
export function makeMappingProblem(w: CsrMatrix, options: ResolvedMapOptions): MappingProblem {
  const t = transposeCsr(w);
  const rowDeg = degrees(w);
  const colDeg = degrees(t.matrix);
  return {
    w,
    options,
    nnz: w.rowPtr[w.rows]!,
    cache: new Map(),
    rowFrame: { name: 'row', a: w, at: t.matrix, bandRows: options.tileRows, tileWidth: options.tileCols, capped: false, orig: undefined, deg: rowDeg, colDeg },
    columnFrame: {
      name: 'column',
      a: t.matrix,
      at: w,
      bandRows: options.tileCols,
      tileWidth: options.tileRows,
      capped: !options.splitColumns,
      orig: t.orig,
      deg: colDeg,
      colDeg: rowDeg,
    },
  };
}
