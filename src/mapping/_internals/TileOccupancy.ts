import type { MappingProblem } from './MappingProblem.js';
import type { Assignment } from './Assignment.js';

/** Row and column counters per tile, one each; past this many the search would use too much memory. */
export const MAX_OCCUPANCY_COUNTERS = 6e7;

/** Removes tile `t` from `list` (order not kept). */
function dropTile(list: number[], t: number): void {
  const q = list.indexOf(t);
  list[q] = list[list.length - 1]!;
  list.pop();
}

/**
 * The mutable state of local search: which tile holds each entry, and per tile
 * how many entries use each row and column (`rowCnt[t·m + i]`, `colCnt[t·n + j]`),
 * its line counts, its size and Σ_{i∈rows_t} ρ_i. `put` and `take` keep all of
 * them consistent in O(1) (plus the tile lists of a row or column), so a move is
 * `take(k, t1); put(k, t2)`. `work` counts entry visits for the deterministic
 * budget.
 */
export class TileOccupancy {
  readonly p: MappingProblem;
  /** Rows per tile at most (R). */
  readonly maxRows: number;
  /** Columns per tile at most (C). */
  readonly maxCols: number;
  /** Matrix rows (m) and columns (n). */
  readonly m: number;
  readonly n: number;
  /** Tile ids `0 … tiles-1` (K, fixed; dissolved tiles stay as dead ids). */
  readonly tiles: number;
  readonly tileOf: Int32Array;
  readonly rowCnt: Uint16Array | Int32Array;
  readonly colCnt: Uint16Array | Int32Array;
  readonly nRows: Int32Array;
  readonly nCols: Int32Array;
  readonly size: Int32Array;
  readonly alive: Uint8Array;
  /** Σ_{i∈rows_t} ρ_i per tile. */
  readonly rate: Float64Array;
  /** Row of each entry (CSR order). */
  readonly rowOf: Int32Array;
  /** Tiles using each row / column. */
  readonly rowTiles: number[][];
  readonly colTiles: number[][];
  /** Entry visits so far (the budget's unit). */
  work = 0;
  private readonly rates: Float64Array | readonly number[] | undefined;

  /** Copies `start` and fills every counter from it (O(nnz)). */
  constructor(p: MappingProblem, start: Assignment) {
    const { w, options } = p;
    this.p = p;
    this.maxRows = options.tileRows;
    this.maxCols = options.tileCols;
    this.m = w.rows;
    this.n = w.cols;
    const K = start.tiles;
    this.tiles = K;
    this.tileOf = Int32Array.from(start.tileOf);
    const Counter = Math.max(this.maxRows, this.maxCols) < 65535 ? Uint16Array : Int32Array;
    this.rowCnt = new Counter(K * this.m);
    this.colCnt = new Counter(K * this.n);
    this.nRows = new Int32Array(K);
    this.nCols = new Int32Array(K);
    this.size = new Int32Array(K);
    this.alive = new Uint8Array(K).fill(1);
    this.rates = options.inputRates;
    this.rate = new Float64Array(K);
    this.rowOf = new Int32Array(p.nnz);
    this.rowTiles = Array.from({ length: this.m }, () => []);
    this.colTiles = Array.from({ length: this.n }, () => []);
    for (let i = 0; i < this.m; i++) {
      for (let k = w.rowPtr[i]!; k < w.rowPtr[i + 1]!; k++) {
        this.rowOf[k] = i;
        this.put(k, this.tileOf[k]!);
      }
    }
  }

  /** Whether the counters of K tiles fit {@link MAX_OCCUPANCY_COUNTERS}. */
  static fits(p: MappingProblem, tiles: number): boolean {
    return tiles * (p.w.rows + p.w.cols) <= MAX_OCCUPANCY_COUNTERS;
  }

  /** Input rate ρ_i (1 when rates are uniform). */
  rho(i: number): number {
    return this.rates === undefined ? 1 : this.rates[i]!;
  }

  /** Column (neuron) of entry k. */
  colOf(k: number): number {
    return this.p.w.colIdx[k]!;
  }

  /** Places entry k in tile t. */
  put(k: number, t: number): void {
    const i = this.rowOf[k]!;
    const j = this.p.w.colIdx[k]!;
    if (this.rowCnt[t * this.m + i]!++ === 0) {
      this.nRows[t]!++;
      this.rowTiles[i]!.push(t);
      this.rate[t]! += this.rho(i);
    }
    if (this.colCnt[t * this.n + j]!++ === 0) {
      this.nCols[t]!++;
      this.colTiles[j]!.push(t);
    }
    this.size[t]!++;
    this.tileOf[k] = t;
  }

  /** Removes entry k from tile t (its `tileOf` is set by the next `put`). */
  take(k: number, t: number): void {
    const i = this.rowOf[k]!;
    const j = this.p.w.colIdx[k]!;
    if (--this.rowCnt[t * this.m + i]! === 0) {
      this.nRows[t]!--;
      dropTile(this.rowTiles[i]!, t);
      this.rate[t]! -= this.rho(i);
    }
    if (--this.colCnt[t * this.n + j]! === 0) {
      this.nCols[t]!--;
      dropTile(this.colTiles[j]!, t);
    }
    this.size[t]!--;
  }

  /** Moves entry k from tile `from` to tile `to`. */
  move(k: number, from: number, to: number): void {
    this.take(k, from);
    this.put(k, to);
  }

  /** Entries of each tile, in entry order. */
  entriesOf(): number[][] {
    const e: number[][] = Array.from({ length: this.tiles }, () => []);
    for (let k = 0; k < this.p.nnz; k++) e[this.tileOf[k]!]!.push(k);
    return e;
  }
}
