import { XsnnError } from '../config/XsnnError.js';
import type { CsrMatrix } from '../core/CsrMatrix.js';
import { compactAssignment, type Assignment } from './_internals/Assignment.js';
import { MAPPING_FORMAT_VERSION, type CandidateSummary, type MappedTile, type Mapping } from './Mapping.js';
import { resolveMapOptions, type MapOptions } from './MapOptions.js';
import { mappingMetrics } from './mappingMetrics.js';

/** Options of {@link mappingFromAssignment}: the mapping options to record, plus optional packer records. */
export interface MappingFromAssignmentOptions extends MapOptions {
  /** Candidates to record; default: one entry for `algorithm`. */
  readonly candidates?: readonly CandidateSummary[];
  /** Seconds per candidate; default 0 each. */
  readonly candidateSeconds?: readonly number[];
  /** Total mapping time in seconds; default 0. */
  readonly seconds?: number;
}

/**
 * Builds a {@link Mapping} from an assignment of W's entries to tiles: entry `k`
 * (CSR order) goes to tile `tileOf[k]`. Tiles are renumbered in order of first
 * appearance; each tile's rows and columns are those holding at least one of its
 * entries. Capacity is NOT enforced here (so a faulty user mapper still yields a
 * mapping that {@link verifyMapping} can judge). This is the easy way to turn
 * your own mapper's output into a Mapping.
 *
 * @throws {@link XsnnError} for bad map options, or a `tileOf` whose length is
 * not nnz or that holds anything but whole numbers ≥ 0.
 */
export function mappingFromAssignment(weights: CsrMatrix, tileOf: ArrayLike<number>, options: MappingFromAssignmentOptions): Mapping {
  const opts = resolveMapOptions(weights, options, FN);
  const a = checkedAssignment(weights, tileOf);
  const tiles = buildTiles(weights, a);
  const metrics = mappingMetrics(weights, tiles, opts);
  const candidates = options.candidates ?? [{ algorithm: opts.algorithm, tiles: a.tiles, rowReadEnergy: metrics.rowReadEnergy, traffic: metrics.traffic }];
  return {
    format: 'xsnn-mapping',
    version: MAPPING_FORMAT_VERSION,
    rows: weights.rows,
    cols: weights.cols,
    nnz: weights.rowPtr[weights.rows]!,
    options: {
      tileRows: opts.tileRows,
      tileCols: opts.tileCols,
      splitColumns: opts.splitColumns,
      algorithm: opts.algorithm,
      seed: opts.seed,
      energyWeight: opts.energyWeight,
      trafficWeight: opts.trafficWeight,
      inputRates: opts.inputRates === undefined ? 'uniform' : 'given',
    },
    tiles,
    metrics,
    candidates,
    timing: { seconds: options.seconds ?? 0, candidates: options.candidateSeconds ?? candidates.map(() => 0) },
  };
}

const FN = 'mappingFromAssignment';

/** Validates `tileOf` (one whole number ≥ 0 per synapse) and renumbers its tiles in order of first appearance. */
function checkedAssignment(weights: CsrMatrix, tileOf: ArrayLike<number>): Assignment {
  const nz = weights.rowPtr[weights.rows]!;
  if (tileOf.length !== nz) throw new XsnnError(`${FN}: tileOf must have one tile per synapse`, { expected: `${nz} entries`, received: `${tileOf.length}` });
  let bound = 0;
  const ids = new Int32Array(nz);
  for (let k = 0; k < nz; k++) {
    const t = tileOf[k]!;
    if (!Number.isInteger(t) || t < 0 || t >= 2 ** 31 - 1) throw new XsnnError(`${FN}: tileOf[${k}] must be a whole number >= 0`, { received: String(t) });
    ids[k] = t;
    if (t + 1 > bound) bound = t + 1;
  }
  return bound <= 4 * nz + 16 ? compactAssignment(ids, bound) : compactSparse(ids);
}

/** Entries grouped by tile (a stable counting sort, so each tile's entries stay row-major), with each entry's row. */
interface EntriesByTile {
  /** Tile t's entries are `order[start[t] … start[t+1])`. */
  readonly start: Int32Array;
  readonly order: Int32Array;
  readonly rowOf: Int32Array;
}

function entriesByTile(weights: CsrMatrix, a: Assignment): EntriesByTile {
  const K = a.tiles;
  const nz = weights.rowPtr[weights.rows]!;
  const start = new Int32Array(K + 1);
  for (let k = 0; k < nz; k++) start[a.tileOf[k]! + 1]!++;
  for (let t = 0; t < K; t++) start[t + 1]! += start[t]!;
  const fill = start.slice(0, K);
  const order = new Int32Array(nz);
  const rowOf = new Int32Array(nz);
  for (let i = 0; i < weights.rows; i++) {
    for (let k = weights.rowPtr[i]!; k < weights.rowPtr[i + 1]!; k++) {
      order[fill[a.tileOf[k]!]!++] = k;
      rowOf[k] = i;
    }
  }
  return { start, order, rowOf };
}

/** One local CSR tile per assigned tile id. */
function buildTiles(weights: CsrMatrix, a: Assignment): MappedTile[] {
  const byTile = entriesByTile(weights, a);
  const pos = new Int32Array(weights.cols);
  const stamp = new Int32Array(weights.cols).fill(-1);
  const tiles: MappedTile[] = [];
  for (let t = 0; t < a.tiles; t++) tiles.push(buildTile(weights, byTile, t, pos, stamp));
  return tiles;
}

/** Tile t's sorted columns and rows and its local CSR (`pos` and `stamp` are scratch of one slot per column). */
function buildTile(weights: CsrMatrix, byTile: EntriesByTile, t: number, pos: Int32Array, stamp: Int32Array): MappedTile {
  const { order, rowOf } = byTile;
  const s = byTile.start[t]!;
  const e = byTile.start[t + 1]!;
  const cols: number[] = [];
  let nRows = 0;
  let lastRow = -1;
  for (let q = s; q < e; q++) {
    const k = order[q]!;
    const j = weights.colIdx[k]!;
    if (stamp[j] !== t) {
      stamp[j] = t;
      cols.push(j);
    }
    if (rowOf[k] !== lastRow) {
      lastRow = rowOf[k]!;
      nRows++;
    }
  }
  cols.sort((x, y) => x - y);
  for (let c = 0; c < cols.length; c++) pos[cols[c]!] = c;
  const rows = new Int32Array(nRows);
  const rowPtr = new Int32Array(nRows + 1);
  const colIdx = new Int32Array(e - s);
  const values = new Float32Array(e - s);
  let r = -1;
  lastRow = -1;
  for (let q = s; q < e; q++) {
    const k = order[q]!;
    if (rowOf[k] !== lastRow) {
      lastRow = rowOf[k]!;
      r++;
      rows[r] = lastRow;
      rowPtr[r] = q - s;
    }
    colIdx[q - s] = pos[weights.colIdx[k]!]!;
    values[q - s] = weights.values[k]!;
  }
  rowPtr[nRows] = e - s;
  return { rows, cols: Int32Array.from(cols), rowPtr, colIdx, values };
}

function compactSparse(ids: Int32Array): { tileOf: Int32Array; tiles: number } {
  const rename = new Map<number, number>();
  const out = new Int32Array(ids.length);
  for (let k = 0; k < ids.length; k++) {
    let r = rename.get(ids[k]!);
    if (r === undefined) {
      r = rename.size;
      rename.set(ids[k]!, r);
    }
    out[k] = r;
  }
  return { tileOf: out, tiles: rename.size };
}
