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
 * of delay d, reaching the cells of that delay group. How the hardware schedules
 * these pulses (delay groups read one after another, or per-row FIFOs at the row
 * drivers) is the crossbar spec's `delays.implementation` and sets the read cycles
 * of each tile and step (docs/timing.md). One such pulse is a **row activation**
 * `(tile, row, delay group)`; the activations with their cells form the *segments* below.
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
  /** Per segment, its tile row's slot in `rowTiles` (the row driver, and its delay FIFO, of input i on that tile). */
  readonly segRowSlot: Int32Array;
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
  const shape = layoutShape(o);
  const cols = tileColumns(o.mapping, shape);
  const rows = rowTileLists(o.mapping, shape.nIn);
  const entries = sortEntries(o, shape);
  const segs = segmentsOf(entries, shape);
  const masks = columnMasks(o.mapping, shape, cols, entries, segs);
  const segRowSlot = rowSlots(segs.segTile, segs.segPtr, shape.D1, rows);
  return {
    nInputs: shape.nIn,
    neurons: shape.N,
    maxDelay: shape.D,
    tiles: shape.K,
    physicalCols: shape.C,
    cellsPerWeight: shape.cpw,
    nnz: shape.nnz,
    segPtr: segs.segPtr,
    segTile: segs.segTile,
    segStart: segs.segStart,
    segPruned: segs.segPruned,
    entryNeuron: entries.entryNeuron,
    entryTileCol: entries.entryTileCol,
    entrySource: entries.entrySource,
    tileEntryBase: shape.tileEntryBase,
    tileColBase: shape.tileColBase,
    tileColTile: cols.tileColTile,
    tileColNeuron: cols.tileColNeuron,
    rowTilePtr: rows.rowTilePtr,
    rowTiles: rows.rowTiles,
    homeTile: cols.homeTile,
    tileColRemote: masks.tileColRemote,
    maskWords: masks.W,
    segMask: masks.segMask,
    tileRemoteMask: masks.tileRemoteMask,
    segRowSlot,
  };
}

/** Sizes of the layout, checked; per-tile entry and column offsets. */
interface LayoutShape {
  readonly nIn: number;
  readonly N: number;
  readonly D: number;
  readonly D1: number;
  readonly cpw: number;
  readonly C: number;
  readonly K: number;
  readonly nnz: number;
  readonly nTc: number;
  readonly tileEntryBase: Int32Array;
  readonly tileColBase: Int32Array;
}

function layoutShape(o: BuildDriveLayoutOptions): LayoutShape {
  const fn = 'buildDriveLayout';
  const m = o.mapping;
  const nIn = m.rows;
  const N = m.cols;
  const D = o.maxDelay;
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
  return { nIn, N, D, D1: D + 1, cpw, C, K, nnz: tileEntryBase[K]!, nTc: tileColBase[K]!, tileEntryBase, tileColBase };
}

/** Global tile columns: their tile and neuron, and each neuron's home tile. */
function tileColumns(m: Mapping, s: LayoutShape): { tileColTile: Int32Array; tileColNeuron: Int32Array; homeTile: Int32Array } {
  const tileColTile = new Int32Array(s.nTc);
  const tileColNeuron = new Int32Array(s.nTc);
  const homeTile = new Int32Array(s.N).fill(-1);
  for (let t = 0; t < s.K; t++) {
    const tile = m.tiles[t]!;
    for (let c = 0; c < tile.cols.length; c++) {
      const j = tile.cols[c]!;
      tileColTile[s.tileColBase[t]! + c] = t;
      tileColNeuron[s.tileColBase[t]! + c] = j;
      if (homeTile[j] === -1) homeTile[j] = t;
    }
  }
  return { tileColTile, tileColNeuron, homeTile };
}

/** The tiles holding each input's row (CSR by input). */
function rowTileLists(m: Mapping, nIn: number): { rowTilePtr: Int32Array; rowTiles: Int32Array } {
  const rowTilePtr = new Int32Array(nIn + 1);
  for (const tile of m.tiles) for (let a = 0; a < tile.rows.length; a++) rowTilePtr[tile.rows[a]! + 1]!++;
  for (let i = 0; i < nIn; i++) rowTilePtr[i + 1]! += rowTilePtr[i]!;
  const rowTiles = new Int32Array(rowTilePtr[nIn]!);
  const fill = rowTilePtr.slice(0, nIn);
  for (let t = 0; t < m.tiles.length; t++) for (const i of m.tiles[t]!.rows) rowTiles[fill[i]!++] = t;
  return { rowTilePtr, rowTiles };
}

/** Entries sorted by activation group (counting sort, stable over tile and local entry). */
interface SortedEntries {
  readonly grpCount: Int32Array;
  readonly entryNeuron: Int32Array;
  readonly entryTileCol: Int32Array;
  readonly entrySource: Int32Array;
  readonly entryTile: Int32Array;
  /** Cells programmed on the entry's tile row (all delays). */
  readonly rowCells: Int32Array;
}

function sortEntries(o: BuildDriveLayoutOptions, s: LayoutShape): SortedEntries {
  const m = o.mapping;
  const groups = s.nIn * s.D1;
  const grpCount = new Int32Array(groups + 1);
  const keyOf = new Int32Array(s.nnz);
  for (let t = 0; t < s.K; t++) {
    const tile = m.tiles[t]!;
    const base = s.tileEntryBase[t]!;
    for (let a = 0; a < tile.rows.length; a++) {
      const i = tile.rows[a]!;
      for (let k = tile.rowPtr[a]!; k < tile.rowPtr[a + 1]!; k++) {
        const j = tile.cols[tile.colIdx[k]!]!;
        const d = o.delays[i * s.N + j]!;
        if (d > s.D) throw new XsnnError(`buildDriveLayout: delay ${d} of synapse (${i}, ${j}) exceeds maxDelay ${s.D}`);
        const key = i * s.D1 + d;
        keyOf[base + k] = key;
        grpCount[key + 1]!++;
      }
    }
  }
  for (let k = 0; k < groups; k++) grpCount[k + 1]! += grpCount[k]!;
  const fill = grpCount.slice(0, groups);
  const out: SortedEntries = {
    grpCount,
    entryNeuron: new Int32Array(s.nnz),
    entryTileCol: new Int32Array(s.nnz),
    entrySource: new Int32Array(s.nnz),
    entryTile: new Int32Array(s.nnz),
    rowCells: new Int32Array(s.nnz),
  };
  for (let t = 0; t < s.K; t++) {
    const tile = m.tiles[t]!;
    const base = s.tileEntryBase[t]!;
    for (let a = 0; a < tile.rows.length; a++) {
      const onRow = (tile.rowPtr[a + 1]! - tile.rowPtr[a]!) * s.cpw;
      for (let k = tile.rowPtr[a]!; k < tile.rowPtr[a + 1]!; k++) {
        const e = fill[keyOf[base + k]!]!++;
        const c = tile.colIdx[k]!;
        out.entryNeuron[e] = tile.cols[c]!;
        out.entryTileCol[e] = s.tileColBase[t]! + c;
        out.entrySource[e] = base + k;
        out.entryTile[e] = t;
        out.rowCells[e] = onRow;
      }
    }
  }
  return out;
}

/** Segments: runs of one tile inside an activation group. */
function segmentsOf(en: SortedEntries, s: LayoutShape): { segPtr: Int32Array; segTile: Int32Array; segStart: Int32Array; segPruned: Int32Array } {
  const groups = s.nIn * s.D1;
  const { grpCount, entryTile, rowCells } = en;
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
        segPruned[g] = s.C - rowCells[e]!;
        g++;
      }
    }
  }
  segStart[nSeg] = s.nnz;
  return { segPtr, segTile, segStart, segPruned };
}

/** Column bit sets of every segment and every tile's remote columns. */
function columnMasks(
  m: Mapping,
  s: LayoutShape,
  cols: { tileColTile: Int32Array; tileColNeuron: Int32Array; homeTile: Int32Array },
  en: SortedEntries,
  segs: { segTile: Int32Array; segStart: Int32Array },
): { W: number; segMask: Int32Array; tileRemoteMask: Int32Array; tileColRemote: Uint8Array } {
  let maxCols = 1;
  for (let t = 0; t < s.K; t++) maxCols = Math.max(maxCols, m.tiles[t]!.cols.length);
  const W = Math.ceil(maxCols / 32);
  const nSeg = segs.segTile.length;
  const segMask = new Int32Array(nSeg * W);
  for (let q = 0; q < nSeg; q++) {
    const cb = s.tileColBase[segs.segTile[q]!]!;
    for (let e = segs.segStart[q]!; e < segs.segStart[q + 1]!; e++) {
      const c = en.entryTileCol[e]! - cb;
      segMask[q * W + (c >>> 5)]! |= 1 << (c & 31);
    }
  }
  const tileColRemote = new Uint8Array(s.nTc);
  const tileRemoteMask = new Int32Array(s.K * W);
  for (let tc = 0; tc < s.nTc; tc++) {
    const t = cols.tileColTile[tc]!;
    if (cols.homeTile[cols.tileColNeuron[tc]!] !== t) {
      tileColRemote[tc] = 1;
      const c = tc - s.tileColBase[t]!;
      tileRemoteMask[t * W + (c >>> 5)]! |= 1 << (c & 31);
    }
  }
  return { W, segMask, tileRemoteMask, tileColRemote };
}

/** Per segment, the `rowTiles` slot of its (input, tile) row. */
function rowSlots(segTile: Int32Array, segPtr: Int32Array, D1: number, rows: { rowTilePtr: Int32Array; rowTiles: Int32Array }): Int32Array {
  const out = new Int32Array(segTile.length);
  const groups = segPtr.length - 1;
  for (let k = 0; k < groups; k++) {
    const i = Math.floor(k / D1);
    for (let g = segPtr[k]!; g < segPtr[k + 1]!; g++) {
      let r = rows.rowTilePtr[i]!;
      while (r < rows.rowTilePtr[i + 1]! && rows.rowTiles[r] !== segTile[g]) r++;
      out[g] = r;
    }
  }
  return out;
}
