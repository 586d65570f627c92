import { Rng } from '../core/Rng.js';
import type { CsrMatrix } from '../core/CsrMatrix.js';
import type { Mapping, MappedTile } from './Mapping.js';

/** One way a mapping fails its weights. */
export interface MappingViolation {
  /** `shape` | `format` | `capacity` | `cover` | `split` | `function` | `metric`. */
  readonly code: 'shape' | 'format' | 'capacity' | 'cover' | 'split' | 'function' | 'metric';
  /** Tile index, when the problem is in one tile. */
  readonly tile?: number;
  readonly message: string;
}

/** Options of {@link verifyMapping}. */
export interface VerifyMappingOptions {
  /**
   * Random input vectors for the function check.
   * @defaultValue `3`
   */
  readonly trials?: number;
  /**
   * Seed of those vectors.
   * @defaultValue `0`
   */
  readonly seed?: number;
  /**
   * Input rates the mapping's energy proxy was computed with.
   * @defaultValue all 1 (uniform)
   */
  readonly inputRates?: ArrayLike<number>;
  /**
   * Stop after this many violations.
   * @defaultValue `100`
   */
  readonly maxViolations?: number;
}

/**
 * Checks a mapping against its weights, independently of the code that built
 * it (plain loops over W's CSR; no shared helpers), and returns every
 * violation found (empty = valid):
 * - shape: the recorded rows, cols and nnz match the weights;
 * - format and capacity: every tile non-empty, ≤ R rows and ≤ C columns, indices
 *   strictly increasing and in range, local CSR well-formed;
 * - cover: the multiset of placed (i, j, w) equals W's stored entries;
 * - split: with splitColumns=false no neuron appears in two tiles;
 * - function: for random x, Σ_tiles (tile partial products) equals Wᵀx;
 * - metric: K, naive K, the lower bounds, K/LB, utilisation, Σλ, Σμ, the energy
 *   proxy and traffic recomputed from scratch equal the recorded ones, with
 *   Σ_t |rows_t| = Σ_i λ_i and Σ_t |cols_t| = Σ_j μ_j counted both ways, and
 *   max(LB_row, LB_col) ≤ K.
 *
 * Never throws for a bad mapping: every problem is a returned violation.
 */
export function verifyMapping(mapping: Mapping, weights: CsrMatrix, options: VerifyMappingOptions = {}): MappingViolation[] {
  const log = new ViolationLog(options.maxViolations ?? 100);
  if (!checkShape(mapping, weights, log)) return log.out;
  const rate = (i: number): number => (options.inputRates === undefined ? 1 : options.inputRates[i]!);
  const tally = checkTiles(mapping, weights, rate, log);
  checkCover(weights, tally.placed, log);
  if (!mapping.options.splitColumns) checkNoSplit(tally.tilesOfColumn, log);
  checkFunction(mapping, weights, options.trials ?? 3, options.seed ?? 0, log);
  checkMetrics(mapping, weights, tally, log);
  return log.out;
}

/** Violations found so far, at most `max`. */
class ViolationLog {
  readonly out: MappingViolation[] = [];
  constructor(private readonly max: number) {}
  add(v: MappingViolation): void {
    if (this.out.length < this.max) this.out.push(v);
  }
  get full(): boolean {
    return this.out.length >= this.max;
  }
}

/** What the tile walk counted, for the cover, split and metric checks. */
interface TileTally {
  /** How often each stored entry of W was placed. */
  readonly placed: Int32Array;
  /** Tiles per input row (λ_i) and per neuron (μ_j). */
  readonly lambda: Float64Array;
  readonly mu: Float64Array;
  readonly tilesOfColumn: Int32Array;
  readonly sumRowsByTile: number;
  readonly sumColsByTile: number;
  /** Σ_t |cols_t|·Σ_{i∈rows_t} ρ_i. */
  readonly energy: number;
}

/** The recorded rows, cols and nnz match the weights (nothing else is checked when they do not). */
function checkShape(mapping: Mapping, weights: CsrMatrix, log: ViolationLog): boolean {
  const m = weights.rows;
  const n = weights.cols;
  const nz = weights.rowPtr[m]!;
  if (mapping.rows === m && mapping.cols === n && mapping.nnz === nz) return true;
  log.add({ code: 'shape', message: `mapping is for ${mapping.rows}x${mapping.cols} with ${mapping.nnz} synapses, weights are ${m}x${n} with ${nz}` });
  return false;
}

/** Index of stored entry (i, j) in W's CSR by binary search in row i; −1 if absent. */
function findEntry(weights: CsrMatrix, i: number, j: number): number {
  let lo = weights.rowPtr[i]!;
  let hi = weights.rowPtr[i + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = weights.colIdx[mid]!;
    if (c === j) return mid;
    if (c < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Format and capacity of every tile, and each placed synapse against W; returns the tallies. */
function checkTiles(mapping: Mapping, weights: CsrMatrix, rate: (i: number) => number, log: ViolationLog): TileTally {
  const m = weights.rows;
  const n = weights.cols;
  const placed = new Int32Array(weights.rowPtr[m]!);
  const lambda = new Float64Array(m);
  const mu = new Float64Array(n);
  const tilesOfColumn = new Int32Array(n);
  let sumRowsByTile = 0;
  let sumColsByTile = 0;
  let energy = 0;
  mapping.tiles.forEach((t, ti) => {
    if (!checkTileFormat(mapping, t, ti, m, n, log)) return;
    let rates = 0;
    for (let a = 0; a < t.rows.length; a++) {
      const i = t.rows[a]!;
      if (i >= 0 && i < m) {
        lambda[i]!++;
        rates += rate(i);
      }
      checkTileRow(t, ti, a, weights, placed, log);
    }
    for (let c = 0; c < t.cols.length; c++) {
      const j = t.cols[c]!;
      if (j >= 0 && j < n) {
        mu[j]!++;
        tilesOfColumn[j]!++;
      }
    }
    sumRowsByTile += t.rows.length;
    sumColsByTile += t.cols.length;
    energy += rates * t.cols.length;
  });
  return { placed, lambda, mu, tilesOfColumn, sumRowsByTile, sumColsByTile, energy };
}

/** Capacity, non-emptiness and local CSR shape of tile ti; false when its arrays are too inconsistent to walk. */
function checkTileFormat(mapping: Mapping, t: MappedTile, ti: number, m: number, n: number, log: ViolationLog): boolean {
  const R = mapping.options.tileRows;
  const C = mapping.options.tileCols;
  const nr = t.rows.length;
  const nc = t.cols.length;
  if (nr > R || nc > C) log.add({ code: 'capacity', tile: ti, message: `tile ${ti} holds ${nr} rows x ${nc} columns, more than ${R}x${C}` });
  const held = t.rowPtr[nr] ?? 0;
  if (held === 0) log.add({ code: 'capacity', tile: ti, message: `tile ${ti} holds no synapse` });
  if (t.rowPtr.length !== nr + 1 || t.rowPtr[0] !== 0 || t.colIdx.length !== held || t.values.length !== held) {
    log.add({ code: 'format', tile: ti, message: `tile ${ti}: local CSR arrays have inconsistent lengths` });
    return false;
  }
  for (let a = 0; a < nr; a++) {
    if (!(t.rows[a]! >= 0 && t.rows[a]! < m) || (a > 0 && t.rows[a]! <= t.rows[a - 1]!))
      log.add({ code: 'format', tile: ti, message: `tile ${ti}: row list not strictly increasing in [0, ${m})` });
    if (t.rowPtr[a + 1]! < t.rowPtr[a]!) log.add({ code: 'format', tile: ti, message: `tile ${ti}: rowPtr decreases at local row ${a}` });
  }
  for (let c = 0; c < nc; c++) {
    if (!(t.cols[c]! >= 0 && t.cols[c]! < n) || (c > 0 && t.cols[c]! <= t.cols[c - 1]!))
      log.add({ code: 'format', tile: ti, message: `tile ${ti}: column list not strictly increasing in [0, ${n})` });
  }
  return true;
}

/** Each synapse of tile ti's local row a is a synapse of W with W's weight; counts it in `placed`. */
function checkTileRow(t: MappedTile, ti: number, a: number, weights: CsrMatrix, placed: Int32Array, log: ViolationLog): void {
  const m = weights.rows;
  const i = t.rows[a]!;
  for (let k = t.rowPtr[a]!; k < t.rowPtr[a + 1]!; k++) {
    const c = t.colIdx[k]!;
    const j = t.cols[c];
    if (j === undefined || !(c >= 0)) {
      log.add({ code: 'format', tile: ti, message: `tile ${ti}: local column ${c} out of range` });
      continue;
    }
    const e = i >= 0 && i < m ? findEntry(weights, i, j) : -1;
    if (e < 0) log.add({ code: 'cover', tile: ti, message: `tile ${ti} holds (${i}, ${j}), which is not a synapse of W` });
    else {
      placed[e]!++;
      const want = weights.values[e]!;
      if (!Object.is(Math.fround(want), Math.fround(t.values[k]!)) && !(want === 0 && t.values[k] === 0)) {
        log.add({ code: 'cover', tile: ti, message: `tile ${ti} holds (${i}, ${j}) with weight ${t.values[k]}, W has ${want}` });
      }
    }
  }
}

/** Every stored entry of W placed exactly once. */
function checkCover(weights: CsrMatrix, placed: Int32Array, log: ViolationLog): void {
  for (let i = 0; i < weights.rows && !log.full; i++) {
    for (let k = weights.rowPtr[i]!; k < weights.rowPtr[i + 1]!; k++) {
      if (placed[k] !== 1) log.add({ code: 'cover', message: `synapse (${i}, ${weights.colIdx[k]}) placed ${placed[k]} times, expected once` });
    }
  }
}

/** With splitColumns=false, no neuron in two tiles. */
function checkNoSplit(tilesOfColumn: Int32Array, log: ViolationLog): void {
  for (let j = 0; j < tilesOfColumn.length; j++)
    if (tilesOfColumn[j]! > 1) log.add({ code: 'split', message: `neuron ${j} is split over ${tilesOfColumn[j]} tiles although splitColumns is false` });
}

/** Function: for random x, y = Wᵀx against Σ over tiles of the tile's partial products (one violation per trial at most). */
function checkFunction(mapping: Mapping, weights: CsrMatrix, trials: number, seed: number, log: ViolationLog): void {
  const m = weights.rows;
  const n = weights.cols;
  const rng = new Rng(seed, 0xf00d);
  for (let trial = 0; trial < trials; trial++) {
    const x = new Float64Array(m);
    for (let i = 0; i < m; i++) x[i] = rng.uniform() < 0.2 ? 0 : rng.normal();
    const ref = new Float64Array(n);
    const scale = new Float64Array(n);
    for (let i = 0; i < m; i++) {
      for (let k = weights.rowPtr[i]!; k < weights.rowPtr[i + 1]!; k++) {
        ref[weights.colIdx[k]!]! += weights.values[k]! * x[i]!;
        scale[weights.colIdx[k]!]! += Math.abs(weights.values[k]! * x[i]!);
      }
    }
    const y = tileProducts(mapping, x, n);
    for (let j = 0; j < n; j++) {
      if (!(Math.abs(y[j]! - ref[j]!) <= 1e-9 * (scale[j]! + 1e-300) + 1e-300)) {
        log.add({ code: 'function', message: `trial ${trial}: neuron ${j} sums ${y[j]} over its tiles, Wᵀx gives ${ref[j]}` });
        break;
      }
    }
  }
}

/** Σ over tiles of each tile's partial products for input x (out-of-range indices skipped). */
function tileProducts(mapping: Mapping, x: Float64Array, n: number): Float64Array {
  const y = new Float64Array(n);
  for (const t of mapping.tiles) {
    const partial = new Float64Array(t.cols.length);
    for (let a = 0; a < t.rows.length; a++) {
      const xi = x[t.rows[a]!] ?? 0;
      for (let k = t.rowPtr[a]!; k < (t.rowPtr[a + 1] ?? 0); k++) {
        const c = t.colIdx[k]!;
        if (c >= 0 && c < partial.length) partial[c]! += t.values[k]! * xi;
      }
    }
    for (let c = 0; c < t.cols.length; c++) {
      const j = t.cols[c]!;
      if (j >= 0 && j < n) y[j]! += partial[c]!;
    }
  }
  return y;
}

/** The lower bounds and naive K recomputed from W alone. */
function recomputeBounds(weights: CsrMatrix, R: number, C: number): { naive: number; lbNnz: number; lbRow: number; lbCol: number } {
  const m = weights.rows;
  const n = weights.cols;
  const rowDeg = new Float64Array(m);
  const colDeg = new Float64Array(n);
  const blocks = new Set<number>();
  const blockCols = Math.ceil(n / C);
  for (let i = 0; i < m; i++) {
    for (let k = weights.rowPtr[i]!; k < weights.rowPtr[i + 1]!; k++) {
      const j = weights.colIdx[k]!;
      rowDeg[i]!++;
      colDeg[j]!++;
      blocks.add(Math.floor(i / R) * blockCols + Math.floor(j / C));
    }
  }
  let rowSlots = 0;
  for (let i = 0; i < m; i++) rowSlots += Math.ceil(rowDeg[i]! / C);
  let colSlots = 0;
  for (let j = 0; j < n; j++) colSlots += Math.ceil(colDeg[j]! / R);
  return { naive: blocks.size, lbNnz: Math.ceil(weights.rowPtr[m]! / (R * C)), lbRow: Math.ceil(rowSlots / R), lbCol: Math.ceil(colSlots / C) };
}

/** Every recorded metric equals its recomputation; Σλ and Σμ agree both ways; K is not below the bound. */
function checkMetrics(mapping: Mapping, weights: CsrMatrix, tally: TileTally, log: ViolationLog): void {
  const R = mapping.options.tileRows;
  const C = mapping.options.tileCols;
  const nz = weights.rowPtr[weights.rows]!;
  const K = mapping.tiles.length;
  let sumLambda = 0;
  for (let i = 0; i < weights.rows; i++) sumLambda += tally.lambda[i]!;
  let sumMu = 0;
  for (let j = 0; j < weights.cols; j++) sumMu += tally.mu[j]!;
  const { naive, lbNnz, lbRow, lbCol } = recomputeBounds(weights, R, C);
  const lbMax = Math.max(lbNnz, lbRow, lbCol);
  const met = mapping.metrics;
  const same = (name: string, got: number, want: number): void => {
    const ok = Number.isInteger(want) ? got === want : Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
    if (!ok) log.add({ code: 'metric', message: `metrics.${name} is ${got}, recomputed ${want}` });
  };
  same('tiles', met.tiles, K);
  same('naiveTiles', met.naiveTiles, naive);
  same('lowerBound.nnz', met.lowerBound.nnz, lbNnz);
  same('lowerBound.row', met.lowerBound.row, lbRow);
  same('lowerBound.col', met.lowerBound.col, lbCol);
  same('lowerBound.max', met.lowerBound.max, lbMax);
  same('tilesPerLowerBound', met.tilesPerLowerBound, lbMax === 0 ? 1 : K / lbMax);
  same('tilesPerNaive', met.tilesPerNaive, naive === 0 ? 1 : K / naive);
  same('utilisation', met.utilisation, K === 0 ? 0 : nz / (K * R * C));
  same('sumLambda', met.sumLambda, sumLambda);
  same('sumMu', met.sumMu, sumMu);
  same('rowReadEnergy', met.rowReadEnergy, tally.energy);
  same('traffic', met.traffic, sumLambda + sumMu);
  if (sumLambda !== tally.sumRowsByTile) log.add({ code: 'metric', message: `Σλ_i = ${sumLambda} but Σ_t |rows_t| = ${tally.sumRowsByTile}` });
  if (sumMu !== tally.sumColsByTile) log.add({ code: 'metric', message: `Σμ_j = ${sumMu} but Σ_t |cols_t| = ${tally.sumColsByTile}` });
  if (K < Math.max(lbRow, lbCol, lbNnz)) log.add({ code: 'metric', message: `K = ${K} is below the lower bound ${lbMax}: the mapping cannot be valid` });
}
