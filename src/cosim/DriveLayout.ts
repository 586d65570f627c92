import { XsnnError } from '../config/XsnnError.js';
import type { Mapping } from '../mapping/Mapping.js';

/**
 * How a mapped network's input→E synapses sit on the crossbar tiles, in the
 * flat typed-array form the co-simulation's hot loop reads (and that a worker
 * thread receives as structured-clone data). Built by {@link buildDriveLayout}.
 *
 * Delays. The SNN has one axonal delay per synapse (0…maxDelay steps). A tile
 * row cannot delay its cells individually, so the crossbar realises the delays
 * *before the row drive*: each input spike enters a delay line at the row
 * drivers; at every step, for each delay group d whose delayed copy arrives now,
 * the driver of input i pulses its row in every tile holding a synapse (i, ·)
 * of delay d, and only the cells of that delay group are selected onto their
 * bit lines (a delay-group select per cell; its decoder is not in the area
 * model). One such pulse is a **row activation** `(tile, row, delay group)`;
 * the activations with their cells form the *segments* below.
 *
 * Entries (synapses) are ordered by activation group `k = i·(maxDelay+1) + d`,
 * then tile, then local column: segment `g` of group `k`
 * (`segPtr[k] ≤ g < segPtr[k+1]`) is tile `segTile[g]`'s cells of that group,
 * entries `segStart[g] … segStart[g+1]-1`. A neuron appears at most once per
 * group, so summing in this order gives each neuron exactly the additions of
 * the SNN's own `SynapticDrive`, in the same order (the basis of the ideal
 * device's spike-for-spike equality).
 *
 * Tile columns: logical column `c` of tile `t` is `tc = tileColBase[t] + c`
 * (global over all tiles), holding neuron `tileColNeuron[tc]`; it spans
 * `cellsPerWeight` physical bit lines (bit slices).
 */
export interface DriveLayout {
  readonly nInputs: number;
  readonly neurons: number;
  readonly maxDelay: number;
  /** Tiles K. */
  readonly tiles: number;
  /** Physical bit lines per tile (the crossbar's C). */
  readonly physicalCols: number;
  /** Cells (physical columns) per weight (bit slices). */
  readonly cellsPerWeight: number;
  /** Synapses (entries). */
  readonly nnz: number;
  /** Length nInputs·(maxDelay+1) + 1. */
  readonly segPtr: Int32Array;
  readonly segTile: Int32Array;
  /** Length segments + 1. */
  readonly segStart: Int32Array;
  /** Positions on the segment's tile row that hold no programmed cell: C − cells programmed on that row (any delay). */
  readonly segPruned: Int32Array;
  /** Per entry: its E neuron. */
  readonly entryNeuron: Int32Array;
  /** Per entry: its global tile column. */
  readonly entryTileCol: Int32Array;
  /** Per entry: its index in the concatenated tiles' CSR entries (`tileEntryBase[t] + k`), which is the programming order. */
  readonly entrySource: Int32Array;
  /** Length tiles + 1: first CSR entry of each tile in the concatenation. */
  readonly tileEntryBase: Int32Array;
  /** Length tiles + 1. */
  readonly tileColBase: Int32Array;
  readonly tileColTile: Int32Array;
  readonly tileColNeuron: Int32Array;
  /** Tiles holding input i: `rowTiles[rowTilePtr[i] … rowTilePtr[i+1]-1]` (λ_i of them). */
  readonly rowTilePtr: Int32Array;
  readonly rowTiles: Int32Array;
  /** The tile a neuron's state and output spikes are attributed to: the first tile holding its column; −1 for a neuron without synapses. */
  readonly homeTile: Int32Array;
  /** 1 when tile column tc is a part of a split neuron held away from the neuron's home tile (its partial sum is sent there and merged). */
  readonly tileColRemote: Uint8Array;
  /** 32-bit words of a tile's logical-column bit set: ⌈max columns per tile / 32⌉ (at least 1). */
  readonly maskWords: number;
  /** Per segment, the bit set of the tile's local columns it holds (`maskWords` words per segment). */
  readonly segMask: Int32Array;
  /** Per tile, the bit set of its remote columns (`tileColRemote`), `maskWords` words per tile. */
  readonly tileRemoteMask: Int32Array;
}

/** Options of {@link buildDriveLayout}. */
export interface BuildDriveLayoutOptions {
  readonly mapping: Mapping;
  /** Delays in steps, dense row-major `[input][neuron]` (a checkpoint's `delays`). */
  readonly delays: Uint8Array;
  readonly maxDelay: number;
  /** Physical bit lines per tile (the crossbar spec's `cols`). */
  readonly physicalCols: number;
  /** Cells per weight (the crossbar spec's `cellsPerWeight`). Default 1. */
  readonly cellsPerWeight?: number;
}

/**
 * Builds the {@link DriveLayout} of a mapping. Fails fast when the mapping's
 * shape disagrees with the delays, or a tile row would need more physical
 * columns than the tile has.
 */
export function buildDriveLayout(o: BuildDriveLayoutOptions): DriveLayout {
  const fn = 'buildDriveLayout';
  const m = o.mapping;
  const nIn = m.rows;
  const N = m.cols;
  const D = o.maxDelay;
  const D1 = D + 1;
  const cpw = o.cellsPerWeight ?? 1;
  const C = o.physicalCols;
  if (!Number.isInteger(D) || D < 0 || D > 255) throw new XsnnError(`${fn}: maxDelay must be a whole number in 0..255, got ${D}`);
  if (o.delays.length !== nIn * N) throw new XsnnError(`${fn}: the mapping is ${nIn}x${N} but there are ${o.delays.length} delays`);
  if (!Number.isInteger(cpw) || cpw < 1) throw new XsnnError(`${fn}: cellsPerWeight must be a whole number >= 1, got ${cpw}`);
  if (!Number.isInteger(C) || C < cpw) throw new XsnnError(`${fn}: physicalCols must be a whole number >= cellsPerWeight, got ${C}`);
  const K = m.tiles.length;
  const tileEntryBase = new Int32Array(K + 1);
  const tileColBase = new Int32Array(K + 1);
  for (let t = 0; t < K; t++) {
    const tile = m.tiles[t]!;
    if (tile.cols.length * cpw > C)
      throw new XsnnError(`${fn}: tile ${t} holds ${tile.cols.length} neurons of ${cpw} cell(s) each but has only ${C} physical columns`);
    tileEntryBase[t + 1] = tileEntryBase[t]! + tile.values.length;
    tileColBase[t + 1] = tileColBase[t]! + tile.cols.length;
  }
  const nnz = tileEntryBase[K]!;
  const nTc = tileColBase[K]!;
  const tileColTile = new Int32Array(nTc);
  const tileColNeuron = new Int32Array(nTc);
  const homeTile = new Int32Array(N).fill(-1);
  const lambda = new Int32Array(nIn + 1);
  for (let t = 0; t < K; t++) {
    const tile = m.tiles[t]!;
    for (let c = 0; c < tile.cols.length; c++) {
      const j = tile.cols[c]!;
      tileColTile[tileColBase[t]! + c] = t;
      tileColNeuron[tileColBase[t]! + c] = j;
      if (homeTile[j] === -1) homeTile[j] = t;
    }
    for (let a = 0; a < tile.rows.length; a++) lambda[tile.rows[a]! + 1]!++;
  }
  for (let i = 0; i < nIn; i++) lambda[i + 1]! += lambda[i]!;
  const rowTilePtr = lambda;
  const rowTiles = new Int32Array(rowTilePtr[nIn]!);
  {
    const fill = rowTilePtr.slice(0, nIn);
    for (let t = 0; t < K; t++) for (const i of m.tiles[t]!.rows) rowTiles[fill[i]!++] = t;
  }
  // Counting sort of all tile entries by activation group, stable over (tile, local entry).
  const groups = nIn * D1;
  const grpCount = new Int32Array(groups + 1);
  const keyOf = new Int32Array(nnz);
  for (let t = 0; t < K; t++) {
    const tile = m.tiles[t]!;
    const base = tileEntryBase[t]!;
    for (let a = 0; a < tile.rows.length; a++) {
      const i = tile.rows[a]!;
      for (let k = tile.rowPtr[a]!; k < tile.rowPtr[a + 1]!; k++) {
        const j = tile.cols[tile.colIdx[k]!]!;
        const d = o.delays[i * N + j]!;
        if (d > D) throw new XsnnError(`${fn}: delay ${d} of synapse (${i}, ${j}) exceeds maxDelay ${D}`);
        const key = i * D1 + d;
        keyOf[base + k] = key;
        grpCount[key + 1]!++;
      }
    }
  }
  for (let k = 0; k < groups; k++) grpCount[k + 1]! += grpCount[k]!;
  const fill = grpCount.slice(0, groups);
  const entryNeuron = new Int32Array(nnz);
  const entryTileCol = new Int32Array(nnz);
  const entrySource = new Int32Array(nnz);
  const entryTile = new Int32Array(nnz);
  const rowCells = new Int32Array(nnz); // cells programmed on the entry's tile row (all delays)
  for (let t = 0; t < K; t++) {
    const tile = m.tiles[t]!;
    const base = tileEntryBase[t]!;
    for (let a = 0; a < tile.rows.length; a++) {
      const onRow = (tile.rowPtr[a + 1]! - tile.rowPtr[a]!) * cpw;
      for (let k = tile.rowPtr[a]!; k < tile.rowPtr[a + 1]!; k++) {
        const e = fill[keyOf[base + k]!]!++;
        const c = tile.colIdx[k]!;
        entryNeuron[e] = tile.cols[c]!;
        entryTileCol[e] = tileColBase[t]! + c;
        entrySource[e] = base + k;
        entryTile[e] = t;
        rowCells[e] = onRow;
      }
    }
  }
  // Segments: runs of one tile inside a group.
  const segPtr = new Int32Array(groups + 1);
  let nSeg = 0;
  for (let k = 0; k < groups; k++) {
    let prev = -1;
    for (let e = grpCount[k]!; e < grpCount[k + 1]!; e++) {
      if (entryTile[e] !== prev) {
        nSeg++;
        prev = entryTile[e]!;
      }
    }
    segPtr[k + 1] = nSeg;
  }
  const segTile = new Int32Array(nSeg);
  const segStart = new Int32Array(nSeg + 1);
  const segPruned = new Int32Array(nSeg);
  let g = 0;
  for (let k = 0; k < groups; k++) {
    let prev = -1;
    for (let e = grpCount[k]!; e < grpCount[k + 1]!; e++) {
      if (entryTile[e] !== prev) {
        prev = entryTile[e]!;
        segTile[g] = prev;
        segStart[g] = e;
        segPruned[g] = C - rowCells[e]!;
        g++;
      }
    }
  }
  segStart[nSeg] = nnz;
  let maxCols = 1;
  for (let t = 0; t < K; t++) maxCols = Math.max(maxCols, m.tiles[t]!.cols.length);
  const W = Math.ceil(maxCols / 32);
  const segMask = new Int32Array(nSeg * W);
  for (let q = 0; q < nSeg; q++) {
    const cb = tileColBase[segTile[q]!]!;
    for (let e = segStart[q]!; e < segStart[q + 1]!; e++) {
      const c = entryTileCol[e]! - cb;
      segMask[q * W + (c >>> 5)]! |= 1 << (c & 31);
    }
  }
  const tileColRemote = new Uint8Array(nTc);
  const tileRemoteMask = new Int32Array(K * W);
  for (let tc = 0; tc < nTc; tc++) {
    const t = tileColTile[tc]!;
    if (homeTile[tileColNeuron[tc]!] !== t) {
      tileColRemote[tc] = 1;
      const c = tc - tileColBase[t]!;
      tileRemoteMask[t * W + (c >>> 5)]! |= 1 << (c & 31);
    }
  }
  return {
    nInputs: nIn,
    neurons: N,
    maxDelay: D,
    tiles: K,
    physicalCols: C,
    cellsPerWeight: cpw,
    nnz,
    segPtr,
    segTile,
    segStart,
    segPruned,
    entryNeuron,
    entryTileCol,
    entrySource,
    tileEntryBase,
    tileColBase,
    tileColTile,
    tileColNeuron,
    rowTilePtr,
    rowTiles,
    homeTile,
    tileColRemote,
    maskWords: W,
    segMask,
    tileRemoteMask,
  };
}
