import type { CsrMatrix } from '../core/CsrMatrix.js';
import type { TileSize } from '../mapping/lowerBounds.js';

/**
 * Reference count for the no-split baseline: neurons in natural order fill a
 * tile until the next neuron's inputs would exceed R rows or C columns (written
 * independently of the mapper's own `naive` algorithm). `Infinity` if a neuron
 * has more than R synapses.
 */
export function inOrderFillTiles(w: CsrMatrix, tile: TileSize): number {
  const { tileRows, tileCols } = tile;
  const colRows: number[][] = Array.from({ length: w.cols }, () => []);
  for (let i = 0; i < w.rows; i++) for (let k = w.rowPtr[i]!; k < w.rowPtr[i + 1]!; k++) colRows[w.colIdx[k]!]!.push(i);
  let tiles = 0;
  let rows = new Set<number>();
  let cols = 0;
  for (const list of colRows) {
    if (list.length === 0) continue;
    if (list.length > tileRows) return Infinity;
    const fresh = list.filter((i) => !rows.has(i)).length;
    if (tiles === 0 || cols >= tileCols || rows.size + fresh > tileRows) {
      tiles++;
      rows = new Set();
      cols = 0;
    }
    for (const i of list) rows.add(i);
    cols++;
  }
  return tiles;
}
