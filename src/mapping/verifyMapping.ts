import { Rng } from '../core/Rng.js';
import type { CsrMatrix } from '../core/CsrMatrix.js';
import type { Mapping } from './Mapping.js';

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
  /** Random input vectors for the function check. Default 3. */
  readonly trials?: number;
  /** Seed of those vectors. Default 0. */
  readonly seed?: number;
  /** Input rates the mapping's energy proxy was computed with (default uniform 1). */
  readonly inputRates?: ArrayLike<number>;
  /** Stop after this many violations. Default 100. */
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
 */
export function verifyMapping(mapping: Mapping, weights: CsrMatrix, options: VerifyMappingOptions = {}): MappingViolation[] {
  const out: MappingViolation[] = [];
  const max = options.maxViolations ?? 100;
  const add = (v: MappingViolation): void => {
    if (out.length < max) out.push(v);
  };
  const m = weights.rows;
  const n = weights.cols;
  const nz = weights.rowPtr[m]!;
  if (mapping.rows !== m || mapping.cols !== n || mapping.nnz !== nz) {
    add({ code: 'shape', message: `mapping is for ${mapping.rows}x${mapping.cols} with ${mapping.nnz} synapses, weights are ${m}x${n} with ${nz}` });
    return out;
  }
  const R = mapping.options.tileRows;
  const C = mapping.options.tileCols;
  // How often each stored entry of W was placed; entries found by binary search in W's row.
  const placed = new Int32Array(nz);
  const find = (i: number, j: number): number => {
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
  };
  const lambda = new Float64Array(m);
  const mu = new Float64Array(n);
  const tilesOfColumn = new Int32Array(n);
  let sumRowsByTile = 0;
  let sumColsByTile = 0;
  let energy = 0;
  const rate = (i: number): number => (options.inputRates === undefined ? 1 : options.inputRates[i]!);
  mapping.tiles.forEach((t, ti) => {
    const nr = t.rows.length;
    const nc = t.cols.length;
    if (nr > R || nc > C) add({ code: 'capacity', tile: ti, message: `tile ${ti} holds ${nr} rows x ${nc} columns, more than ${R}x${C}` });
    const held = t.rowPtr[nr] ?? 0;
    if (held === 0) add({ code: 'capacity', tile: ti, message: `tile ${ti} holds no synapse` });
    if (t.rowPtr.length !== nr + 1 || t.rowPtr[0] !== 0 || t.colIdx.length !== held || t.values.length !== held) {
      add({ code: 'format', tile: ti, message: `tile ${ti}: local CSR arrays have inconsistent lengths` });
      return;
    }
    for (let a = 0; a < nr; a++) {
      if (!(t.rows[a]! >= 0 && t.rows[a]! < m) || (a > 0 && t.rows[a]! <= t.rows[a - 1]!))
        add({ code: 'format', tile: ti, message: `tile ${ti}: row list not strictly increasing in [0, ${m})` });
      if (t.rowPtr[a + 1]! < t.rowPtr[a]!) add({ code: 'format', tile: ti, message: `tile ${ti}: rowPtr decreases at local row ${a}` });
    }
    for (let c = 0; c < nc; c++) {
      if (!(t.cols[c]! >= 0 && t.cols[c]! < n) || (c > 0 && t.cols[c]! <= t.cols[c - 1]!))
        add({ code: 'format', tile: ti, message: `tile ${ti}: column list not strictly increasing in [0, ${n})` });
    }
    let rates = 0;
    for (let a = 0; a < nr; a++) {
      const i = t.rows[a]!;
      if (i >= 0 && i < m) {
        lambda[i]!++;
        rates += rate(i);
      }
      for (let k = t.rowPtr[a]!; k < t.rowPtr[a + 1]!; k++) {
        const c = t.colIdx[k]!;
        const j = t.cols[c];
        if (j === undefined || !(c >= 0)) {
          add({ code: 'format', tile: ti, message: `tile ${ti}: local column ${c} out of range` });
          continue;
        }
        const e = i >= 0 && i < m ? find(i, j) : -1;
        if (e < 0) add({ code: 'cover', tile: ti, message: `tile ${ti} holds (${i}, ${j}), which is not a synapse of W` });
        else {
          placed[e]!++;
          const want = weights.values[e]!;
          if (!Object.is(Math.fround(want), Math.fround(t.values[k]!)) && !(want === 0 && t.values[k] === 0)) {
            add({ code: 'cover', tile: ti, message: `tile ${ti} holds (${i}, ${j}) with weight ${t.values[k]}, W has ${want}` });
          }
        }
      }
    }
    for (let c = 0; c < nc; c++) {
      const j = t.cols[c]!;
      if (j >= 0 && j < n) {
        mu[j]!++;
        tilesOfColumn[j]!++;
      }
    }
    sumRowsByTile += nr;
    sumColsByTile += nc;
    energy += rates * nc;
  });
  for (let i = 0; i < m && out.length < max; i++) {
    for (let k = weights.rowPtr[i]!; k < weights.rowPtr[i + 1]!; k++) {
      if (placed[k] !== 1) add({ code: 'cover', message: `synapse (${i}, ${weights.colIdx[k]}) placed ${placed[k]} times, expected once` });
    }
  }
  if (!mapping.options.splitColumns) {
    for (let j = 0; j < n; j++)
      if (tilesOfColumn[j]! > 1) add({ code: 'split', message: `neuron ${j} is split over ${tilesOfColumn[j]} tiles although splitColumns is false` });
  }
  // Function: y = Wᵀx against Σ over tiles of the tile's partial products.
  const rng = new Rng(options.seed ?? 0, 0xf00d);
  for (let trial = 0; trial < (options.trials ?? 3); trial++) {
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
    for (let j = 0; j < n; j++) {
      if (!(Math.abs(y[j]! - ref[j]!) <= 1e-9 * (scale[j]! + 1e-300) + 1e-300)) {
        add({ code: 'function', message: `trial ${trial}: neuron ${j} sums ${y[j]} over its tiles, Wᵀx gives ${ref[j]}` });
        break;
      }
    }
  }
  // Metrics, recomputed from scratch.
  const K = mapping.tiles.length;
  let sumLambda = 0;
  for (let i = 0; i < m; i++) sumLambda += lambda[i]!;
  let sumMu = 0;
  for (let j = 0; j < n; j++) sumMu += mu[j]!;
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
  const lbNnz = Math.ceil(nz / (R * C));
  const lbRow = Math.ceil(rowSlots / R);
  const lbCol = Math.ceil(colSlots / C);
  const lbMax = Math.max(lbNnz, lbRow, lbCol);
  const met = mapping.metrics;
  const same = (name: string, got: number, want: number): void => {
    const ok = Number.isInteger(want) ? got === want : Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
    if (!ok) add({ code: 'metric', message: `metrics.${name} is ${got}, recomputed ${want}` });
  };
  same('tiles', met.tiles, K);
  same('naiveTiles', met.naiveTiles, blocks.size);
  same('lowerBound.nnz', met.lowerBound.nnz, lbNnz);
  same('lowerBound.row', met.lowerBound.row, lbRow);
  same('lowerBound.col', met.lowerBound.col, lbCol);
  same('lowerBound.max', met.lowerBound.max, lbMax);
  same('tilesPerLowerBound', met.tilesPerLowerBound, lbMax === 0 ? 1 : K / lbMax);
  same('tilesPerNaive', met.tilesPerNaive, blocks.size === 0 ? 1 : K / blocks.size);
  same('utilisation', met.utilisation, K === 0 ? 0 : nz / (K * R * C));
  same('sumLambda', met.sumLambda, sumLambda);
  same('sumMu', met.sumMu, sumMu);
  same('rowReadEnergy', met.rowReadEnergy, energy);
  same('traffic', met.traffic, sumLambda + sumMu);
  if (sumLambda !== sumRowsByTile) add({ code: 'metric', message: `Σλ_i = ${sumLambda} but Σ_t |rows_t| = ${sumRowsByTile}` });
  if (sumMu !== sumColsByTile) add({ code: 'metric', message: `Σμ_j = ${sumMu} but Σ_t |cols_t| = ${sumColsByTile}` });
  if (K < Math.max(lbRow, lbCol, lbNnz)) add({ code: 'metric', message: `K = ${K} is below the lower bound ${lbMax}: the mapping cannot be valid` });
  return out;
}
