import { XsnnError } from '../config/XsnnError.js';
import type { Mapping } from '../mapping/Mapping.js';
import { mappedRowDelaySum } from './delayExpandedCsr.js';

/**
 * How a mapped network's input→E synapses sit on the crossbar tiles, in the
 * flat typed-array form the co-simulation's hot loop reads (and that a worker
 * thread receives as structured-clone data). Built by {@link buildDriveLayout}.
 *
 * Delays. The SNN has one axonal delay per synapse (0…maxDelay steps). A word
 * line cannot delay (or select) its cells individually, so a network with
 * delays is mapped as its delay-expanded matrix (`delayExpandedCsr`): mapping
 * row `k = i·(maxDelay+1) + d` holds exactly the synapses (i, ·) of delay d, and
 * a physical tile row holds the cells of one (input, delay group). At every step,
 * the rows (i, d) of the inputs that spiked d steps ago are pulsed, each reading
 * its whole row. How the hardware keeps the spikes until their rows are due (one
 * spike history at the chip's input whose delay slots are walked one after
 * another, or a shift register of depth d at each row's driver) is the crossbar
 * spec's `delays.implementation` and sets the read cycles of each tile and step
 * (docs/timing.md). A network without delays (all 0) maps its plain input ×
 * neuron matrix and has `maxDelay` 0 here. One pulse is a **row activation**
 * `(tile, row)`; the activations with their cells form the *segments* below.
 *
 * Entries (synapses) are ordered by activation group, the mapping row
 * `k = i·(maxDelay+1) + d`, then tile, then local column: segment `g` of group `k`
 * (`segPtr[k] ≤ g < segPtr[k+1]`) is tile `segTile[g]`'s row k,
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
  /** Largest delay (steps) of the layout's groups: the network's maxDelay when the mapping is delay-expanded, else 0. */
  readonly maxDelay: number;
  /** Whether the mapping is the delay-expanded matrix (a row per (input, delay group)). */
  readonly delayRows: boolean;
  /** Tiles K. */
  readonly tiles: number;
  /** Physical bit lines per tile (the crossbar's C). */
  readonly physicalCols: number;
  /** Cells (physical columns) per weight (bit slices). */
  readonly cellsPerWeight: number;
  /** Synapses (entries). */
  readonly nnz: number;
  /** Length nInputs·(maxDelay+1) + 1 (the mapping's rows + 1). */
  readonly segPtr: Int32Array;
  readonly segTile: Int32Array;
  /** Length segments + 1. */
  readonly segStart: Int32Array;
  /** Positions on the segment's tile row that hold no programmed cell: C − cells programmed on that row. */
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
  /** Tiles holding mapping row k (a physical row each): `rowTiles[rowTilePtr[k] … rowTilePtr[k+1]-1]`. */
  readonly rowTilePtr: Int32Array;
  readonly rowTiles: Int32Array;
  /** Distinct tiles holding any row of input i: `inputTiles[inputTilePtr[i] … inputTilePtr[i+1]-1]` (λ_i of them; the rows' lists without delays). */
  readonly inputTilePtr: Int32Array;
  readonly inputTiles: Int32Array;
  /** Σ over the mapped physical rows of their delay d (the flip-flops of per-row FIFOs of depth d). */
  readonly rowDelaySum: number;
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
  /** Per segment, its tile row's slot in `rowTiles` (the row driver, and its delay FIFO, of row k on that tile). */
  readonly segRowSlot: Int32Array;
}

/** Options of {@link buildDriveLayout}. */
export interface BuildDriveLayoutOptions {
  /**
   * The network's input→E synapses mapped: its delay-expanded matrix
   * (`delayExpandedCsr`, nInputs·(maxDelay+1) rows) or, when every mapped delay
   * is 0, its plain matrix (nInputs rows).
   */
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
 * shape disagrees with the delays (a plain mapping of a synapse with a nonzero
 * delay would need a per-cell select on its word line), or a tile row would need
 * more physical columns than the tile has.
 */
export function buildDriveLayout(o: BuildDriveLayoutOptions): DriveLayout {
  const shape = layoutShape(o);
  const cols = tileColumns(o.mapping, shape);
  const rows = rowTileLists(o.mapping, shape.groups);
  const inputs = inputTileLists(o.mapping, shape);
  const entries = sortEntries(o, shape);
  const segs = segmentsOf(entries, shape);
  const masks = columnMasks(o.mapping, shape, cols, entries, segs);
  const segRowSlot = rowSlots(segs.segTile, segs.segPtr, rows);
  const rowDelaySum = mappedRowDelaySum(o.mapping, shape.D);
  return {
    nInputs: shape.nIn,
    neurons: shape.N,
    maxDelay: shape.D,
    delayRows: shape.D > 0,
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
    inputTilePtr: inputs.rowTilePtr,
    inputTiles: inputs.rowTiles,
    rowDelaySum,
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
  /** The layout's maxDelay: the network's for a delay-expanded mapping, 0 for a plain one. */
  readonly D: number;
  readonly D1: number;
  /** Activation groups = the mapping's rows = nIn · D1. */
  readonly groups: number;
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
  const N = m.cols;
  const cpw = o.cellsPerWeight ?? 1;
  const C = o.physicalCols;
  const maxDelay = o.maxDelay;
  if (!Number.isInteger(maxDelay) || maxDelay < 0 || maxDelay > 255) throw new XsnnError(`${fn}: maxDelay must be a whole number in 0..255, got ${maxDelay}`);
  // plain: a row per input (every mapped delay must be 0); expanded: a row per (input, delay group)
  const plain = m.rows * N === o.delays.length;
  const D = plain ? 0 : maxDelay;
  const nIn = plain ? m.rows : m.rows / (D + 1);
  if (!plain && (D === 0 || !Number.isInteger(nIn) || nIn * N !== o.delays.length))
    throw new XsnnError(
      `${fn}: the mapping is ${m.rows}x${N}, neither the plain matrix nor the delay-expanded matrix (inputs x ${maxDelay + 1} delay groups) of ${o.delays.length} synapse positions`,
    );
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
  return { nIn, N, D, D1: D + 1, groups: m.rows, cpw, C, K, nnz: tileEntryBase[K]!, nTc: tileColBase[K]!, tileEntryBase, tileColBase };
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

/** The tiles holding each mapping row (CSR by row). */
function rowTileLists(m: Mapping, rows: number): { rowTilePtr: Int32Array; rowTiles: Int32Array } {
  const rowTilePtr = new Int32Array(rows + 1);
  for (const tile of m.tiles) for (let a = 0; a < tile.rows.length; a++) rowTilePtr[tile.rows[a]! + 1]!++;
  for (let i = 0; i < rows; i++) rowTilePtr[i + 1]! += rowTilePtr[i]!;
  const rowTiles = new Int32Array(rowTilePtr[rows]!);
  const fill = rowTilePtr.slice(0, rows);
  for (let t = 0; t < m.tiles.length; t++) for (const i of m.tiles[t]!.rows) rowTiles[fill[i]!++] = t;
  return { rowTilePtr, rowTiles };
}

/** The distinct tiles holding any row of each input, in tile order (CSR by input). */
function inputTileLists(m: Mapping, s: LayoutShape): { rowTilePtr: Int32Array; rowTiles: Int32Array } {
  if (s.D1 === 1) return rowTileLists(m, s.nIn);
  const rowTilePtr = new Int32Array(s.nIn + 1);
  const seen = new Int32Array(s.nIn).fill(-1);
  const byInput = Array.from({ length: s.nIn }, (): number[] => []);
  for (let t = 0; t < m.tiles.length; t++) {
    for (const k of m.tiles[t]!.rows) {
      const i = Math.floor(k / s.D1);
      if (seen[i] === t) continue;
      seen[i] = t;
      byInput[i]!.push(t);
    }
  }
  for (let i = 0; i < s.nIn; i++) rowTilePtr[i + 1] = rowTilePtr[i]! + byInput[i]!.length;
  const rowTiles = new Int32Array(rowTilePtr[s.nIn]!);
  for (let i = 0; i < s.nIn; i++) rowTiles.set(byInput[i]!, rowTilePtr[i]);
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
  const groups = s.groups;
  const grpCount = new Int32Array(groups + 1);
  const keyOf = new Int32Array(s.nnz);
  for (let t = 0; t < s.K; t++) {
    const tile = m.tiles[t]!;
    const base = s.tileEntryBase[t]!;
    for (let a = 0; a < tile.rows.length; a++) {
      const key = tile.rows[a]!;
      const i = Math.floor(key / s.D1);
      for (let k = tile.rowPtr[a]!; k < tile.rowPtr[a + 1]!; k++) {
        const j = tile.cols[tile.colIdx[k]!]!;
        const d = o.delays[i * s.N + j]!;
        if (d !== key % s.D1) throw delayMismatch(i, j, d, key % s.D1, s.D);
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

/** A synapse on a row of another delay group (a plain mapping: of delay 0). */
function delayMismatch(i: number, j: number, d: number, rowDelay: number, D: number): XsnnError {
  return new XsnnError(
    D === 0
      ? `buildDriveLayout: synapse (${i}, ${j}) has delay ${d} but the mapping is of the plain matrix (a word line cannot select cells by delay); map the delay-expanded matrix (delayExpandedCsr)`
      : `buildDriveLayout: synapse (${i}, ${j}) has delay ${d} but sits on the row of delay group ${rowDelay}`,
  );
}

/** Segments: runs of one tile inside an activation group. */
function segmentsOf(en: SortedEntries, s: LayoutShape): { segPtr: Int32Array; segTile: Int32Array; segStart: Int32Array; segPruned: Int32Array } {
  const groups = s.groups;
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

/** Per segment, the `rowTiles` slot of its (row, tile). */
function rowSlots(segTile: Int32Array, segPtr: Int32Array, rows: { rowTilePtr: Int32Array; rowTiles: Int32Array }): Int32Array {
  const out = new Int32Array(segTile.length);
  const groups = segPtr.length - 1;
  for (let k = 0; k < groups; k++) {
    for (let g = segPtr[k]!; g < segPtr[k + 1]!; g++) {
      let r = rows.rowTilePtr[k]!;
      while (r < rows.rowTilePtr[k + 1]! && rows.rowTiles[r] !== segTile[g]) r++;
      out[g] = r;
    }
  }
  return out;
}
