import { XsnnError } from '../config/XsnnError.js';
import type { CsrMatrix } from '../core/CsrMatrix.js';
import type { LowerBounds } from './Mapping.js';

/** A tile size: R word lines (inputs) × C bit lines (neurons). */
export interface TileSize {
  readonly tileRows: number;
  readonly tileCols: number;
}

function checkTile(fn: string, tileRows: number, tileCols: number): void {
  if (!Number.isInteger(tileRows) || tileRows < 1 || !Number.isInteger(tileCols) || tileCols < 1) {
    throw new XsnnError(`${fn}: tile size must be whole numbers >= 1`, { expected: 'R >= 1 and C >= 1', received: `${tileRows}x${tileCols}` });
  }
}

/**
 * The lower bounds of mapping.md on the tiles K of any mapping of `w` onto
 * R×C tiles (column splitting allowed; they hold a fortiori without it):
 *
 * LB_nnz = ⌈nnz/(RC)⌉, LB_row = ⌈Σ_i ⌈r_i/C⌉ / R⌉, LB_col = ⌈Σ_j ⌈d_j/R⌉ / C⌉,
 * with r_i the fan-out of input i and d_j the fan-in of neuron j.
 * (Row i needs ⌈r_i/C⌉ word-line slots; a tile offers R of them.)
 */
export function lowerBounds(w: CsrMatrix, tile: TileSize): LowerBounds {
  const { tileRows, tileCols } = tile;
  checkTile('lowerBounds', tileRows, tileCols);
  const nz = w.rowPtr[w.rows]!;
  const colDeg = new Int32Array(w.cols);
  let rowSlots = 0;
  for (let i = 0; i < w.rows; i++) {
    rowSlots += Math.ceil((w.rowPtr[i + 1]! - w.rowPtr[i]!) / tileCols);
  }
  for (let k = 0; k < nz; k++) colDeg[w.colIdx[k]!]!++;
  let colSlots = 0;
  for (let j = 0; j < w.cols; j++) colSlots += Math.ceil(colDeg[j]! / tileRows);
  const lbNnz = Math.ceil(nz / (tileRows * tileCols));
  const lbRow = Math.ceil(rowSlots / tileRows);
  const lbCol = Math.ceil(colSlots / tileCols);
  return { nnz: lbNnz, row: lbRow, col: lbCol, max: Math.max(lbNnz, lbRow, lbCol) };
}

/**
 * Naive K: the non-empty blocks of plain R×C blocking in natural order
 * (block (a, b) holds rows aR … aR+R-1 and columns bC … bC+C-1).
 */
export function naiveTileCount(w: CsrMatrix, tile: TileSize): number {
  const { tileRows, tileCols } = tile;
  checkTile('naiveTileCount', tileRows, tileCols);
  const blockCols = Math.ceil(w.cols / tileCols);
  const seen = new Int32Array(blockCols).fill(-1);
  let count = 0;
  for (let i = 0; i < w.rows; i++) {
    const br = Math.floor(i / tileRows);
    for (let k = w.rowPtr[i]!; k < w.rowPtr[i + 1]!; k++) {
      const bc = Math.floor(w.colIdx[k]! / tileCols);
      if (seen[bc] !== br) {
        seen[bc] = br;
        count++;
      }
    }
  }
  return count;
}
