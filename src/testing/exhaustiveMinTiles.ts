import type { CsrMatrix } from '../core/CsrMatrix.js';
import type { TileSize } from '../mapping/lowerBounds.js';

/** Options of {@link exhaustiveMinTiles}. */
export interface ExhaustiveOptions extends TileSize {
  /** Whether columns may be split (default true). */
  readonly splitColumns?: boolean;
  /**
   * Refuse problems with more units (synapses, or columns without splitting).
   * @defaultValue 12
   */
  readonly maxUnits?: number;
}

/**
 * The optimal tile count K* of a tiny problem, by branch and bound over every
 * assignment of synapses (or, without splitting, of whole columns) to tiles,
 * new tiles opened in order to skip symmetric branches. Exponential: refuses
 * more than `maxUnits` units. `Infinity` when a column does not fit without splitting.
 */
export function exhaustiveMinTiles(w: CsrMatrix, options: ExhaustiveOptions): number {
  const { tileRows, tileCols } = options;
  const splitColumns = options.splitColumns ?? true;
  const maxUnits = options.maxUnits ?? 12;
  // A unit is a set of (row, col) cells placed together.
  const units: Array<{ rows: number[]; col: number }> = [];
  if (splitColumns) {
    for (let i = 0; i < w.rows; i++) for (let k = w.rowPtr[i]!; k < w.rowPtr[i + 1]!; k++) units.push({ rows: [i], col: w.colIdx[k]! });
  } else {
    const byCol = new Map<number, number[]>();
    for (let i = 0; i < w.rows; i++) {
      for (let k = w.rowPtr[i]!; k < w.rowPtr[i + 1]!; k++) {
        const j = w.colIdx[k]!;
        byCol.set(j, [...(byCol.get(j) ?? []), i]);
      }
    }
    for (const [col, rows] of [...byCol.entries()].sort((a, b) => a[0] - b[0])) {
      if (rows.length > tileRows) return Infinity;
      units.push({ rows, col });
    }
  }
  if (units.length > maxUnits) throw new Error(`exhaustiveMinTiles: ${units.length} units > ${maxUnits}; too large for exhaustive search`);
  const tiles: Array<{ rows: Set<number>; cols: Set<number> }> = [];
  let best = units.length; // one tile per unit always works
  const search = (u: number): void => {
    if (tiles.length >= best) return;
    if (u === units.length) {
      best = tiles.length;
      return;
    }
    const unit = units[u]!;
    for (const t of tiles) {
      const freshRows = unit.rows.filter((i) => !t.rows.has(i));
      const freshCol = t.cols.has(unit.col) ? 0 : 1;
      if (t.rows.size + freshRows.length > tileRows || t.cols.size + freshCol > tileCols) continue;
      for (const i of freshRows) t.rows.add(i);
      if (freshCol === 1) t.cols.add(unit.col);
      search(u + 1);
      for (const i of freshRows) t.rows.delete(i);
      if (freshCol === 1) t.cols.delete(unit.col);
    }
    if (tiles.length + 1 < best) {
      tiles.push({ rows: new Set(unit.rows), cols: new Set([unit.col]) });
      search(u + 1);
      tiles.pop();
    }
  };
  search(0);
  return best;
}
