import type { Assignment } from './Assignment.js';
import { compactAssignment, untransposeAssignment } from './Assignment.js';
import type { BandFrame } from './MappingProblem.js';

/**
 * Turns a partition of the frame's rows into bands (`band[r]` in `0 … bands-1`,
 * or -1 for a row without entries) into tiles: each band's used columns, in
 * ascending order of `colRank` (default: index), are cut into chunks of
 * `tileWidth`; one tile per (band, chunk). Returns an assignment of W's entries.
 *
 * Tiles = Σ_b ⌈|N(b)| / tileWidth⌉ with N(b) the columns used by band b.
 */
export function bandsToAssignment(frame: BandFrame, band: Int32Array, bands: number, colRank?: Int32Array): Assignment {
  const a = frame.a;
  const members: number[][] = Array.from({ length: bands }, () => []);
  for (let r = 0; r < a.rows; r++) {
    const b = band[r]!;
    if (b >= 0) members[b]!.push(r);
    else if (a.rowPtr[r + 1]! > a.rowPtr[r]!) throw new Error(`bandsToAssignment: row ${r} has entries but no band`);
  }
  const stamp = new Int32Array(a.cols).fill(-1);
  const local = new Int32Array(a.cols);
  const tileOfA = new Int32Array(a.rowPtr[a.rows]!);
  let nextTile = 0;
  // A band's used columns, sorted numerically as keys colRank·cols + column (the order of (colRank, column)) when
  // every rank is in [0, cols) and the keys are exact doubles, else as columns compared by (colRank, column).
  const used = new Float64Array(a.cols);
  const keyed = colRank === undefined || ranksFit(colRank, a.cols);
  for (let b = 0; b < bands; b++) {
    const rows = members[b]!;
    if (rows.length > frame.bandRows) throw new Error(`bandsToAssignment: band ${b} has ${rows.length} rows > ${frame.bandRows}`);
    let n = 0;
    for (const r of rows) {
      for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) {
        const c = a.colIdx[k]!;
        if (stamp[c] !== b) {
          stamp[c] = b;
          used[n++] = keyed && colRank !== undefined ? colRank[c]! * a.cols + c : c;
        }
      }
    }
    if (n === 0) continue;
    if (keyed) used.subarray(0, n).sort();
    else used.subarray(0, n).sort((x, y) => colRank[x]! - colRank[y]! || x - y);
    for (let p = 0; p < n; p++) local[used[p]! % a.cols] = nextTile + Math.floor(p / frame.tileWidth);
    nextTile += Math.ceil(n / frame.tileWidth);
    for (const r of rows) {
      for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) tileOfA[k] = local[a.colIdx[k]!]!;
    }
  }
  if (frame.orig === undefined) return compactAssignment(tileOfA, nextTile);
  return untransposeAssignment({ tileOf: tileOfA, tiles: nextTile }, frame.orig);
}

/** Whether every rank is a whole number in [0, cols) and rank · cols + column stays an exact double. */
function ranksFit(colRank: Int32Array, cols: number): boolean {
  if (cols * cols > Number.MAX_SAFE_INTEGER) return false;
  for (let c = 0; c < cols; c++) if (colRank[c]! < 0 || colRank[c]! >= cols) return false;
  return true;
}
