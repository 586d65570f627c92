import type { BandFrame, MappingProblem } from './MappingProblem.js';
import type { Bands } from './naturalBands.js';

/**
 * Greedy band growth: open a band with the unassigned row of largest degree
 * (ties: the lower index), then repeatedly add the unassigned row that brings
 * the fewest new columns (ties: the larger degree, i.e. more shared columns;
 * then the lower index), until the band holds `maxBandRows` (default
 * `bandRows`) rows (or, capped, no row fits one tile). Work
 * O(Σ_bands Σ_{c∈N(b)} |free rows of c| + rows²/… ); the column→row lists are
 * compacted to the free rows as bands fill up.
 *
 * The next row is the smallest of one number per free row, kept beside the
 * free list: `key = (new·(D+1) + D − deg)·m + row` (D the largest degree, m
 * the rows), which orders rows exactly as the rule above; it is lowered in
 * place when a row's count of new columns drops, and found through per-block
 * minima (O(m/128 + 128) per row added instead of O(m)). A matrix whose keys
 * would not be exact doubles uses the same rule by a scan of the free rows.
 */
export function greedyBands(frame: BandFrame, maxBandRows = frame.bandRows): Bands {
  const { a, at, deg } = frame;
  const m = a.rows;
  const band = new Int32Array(m).fill(-1);
  const newCnt = Int32Array.from(deg);
  const isFree = new Uint8Array(m);
  const free = Int32Array.from(nonEmptyRows(deg));
  for (const r of free) isFree[r] = 1;
  let nFree = free.length;
  const keys = new RowKeys(free, deg, m);
  // Column → free rows, compacted each time the free rows halve.
  let colPtr = at.rowPtr;
  let colRows = at.colIdx;
  let compactedAt = nFree;
  const compact = (): void => {
    const ptr = new Int32Array(at.rows + 1);
    let total = 0;
    for (let c = 0; c < at.rows; c++) {
      for (let q = colPtr[c]!; q < colPtr[c + 1]!; q++) if (isFree[colRows[q]!] === 1) total++;
    }
    const rows = new Int32Array(total);
    let p = 0;
    for (let c = 0; c < at.rows; c++) {
      for (let q = colPtr[c]!; q < colPtr[c + 1]!; q++) if (isFree[colRows[q]!] === 1) rows[p++] = colRows[q]!;
      ptr[c + 1] = p;
    }
    colPtr = ptr;
    colRows = rows;
    compactedAt = nFree;
  };
  const inBand = new Int32Array(a.cols).fill(-1);
  let b = 0;
  let width = 0;
  const aPtr = a.rowPtr;
  const aIdx = a.colIdx;
  const add = (pos: number): void => {
    const r = free[pos]!;
    keys.remove(pos, nFree);
    nFree--;
    isFree[r] = 0;
    band[r] = b;
    const ptr = colPtr;
    const rows = colRows;
    const bb = b;
    let wd = 0;
    for (let k = aPtr[r]!, end = aPtr[r + 1]!; k < end; k++) {
      const c = aIdx[k]!;
      if (inBand[c] !== bb) {
        inBand[c] = bb;
        wd++;
        keys.oneFewerEach(rows, ptr[c]!, ptr[c + 1]!, newCnt);
      }
    }
    width += wd;
  };
  const capped = frame.capped;
  const tileWidth = frame.tileWidth;
  while (nFree > 0) {
    if (nFree < compactedAt / 2) compact();
    width = 0;
    add(keys.seed(nFree));
    let size = 1;
    while (size < maxBandRows && nFree > 0) {
      const bestPos = keys.best(nFree, newCnt, capped ? tileWidth - width : Infinity);
      if (bestPos < 0) break;
      add(bestPos);
      size++;
    }
    b++;
    for (let q = 0; q < nFree; q++) newCnt[free[q]!] = deg[free[q]!]!;
    keys.reset(nFree);
  }
  return { band, bands: b };
}

/** Positions per block of {@link RowKeys}' block minima (2^BLOCK_SHIFT). */
const BLOCK_SHIFT = 7;

/**
 * The free rows' order keys, kept in the positions of the free list (which
 * this class also maintains: removal moves the last free row into the hole),
 * with the minimum of each block of 128 positions. Keys only decrease within
 * a band, so a decrease updates its block's minimum in O(1); a removal
 * recomputes the (at most two) blocks it touches; the smallest key is found
 * among the block minima and then inside its block.
 */
class RowKeys {
  private readonly key: Float64Array;
  private readonly pos: Int32Array;
  private readonly blockMin: Float64Array;
  private readonly dMax: number;
  /** Key step of one new column: (D + 1) · m. */
  private readonly unit: number;
  /** Whether every key is an exact double; otherwise {@link best} compares the arrays. */
  private readonly exact: boolean;

  constructor(
    private readonly free: Int32Array,
    private readonly deg: Int32Array,
    private readonly m: number,
  ) {
    let dMax = 0;
    for (const r of free) if (deg[r]! > dMax) dMax = deg[r]!;
    this.dMax = dMax;
    this.unit = (dMax + 1) * m;
    this.exact = (dMax + 1) * this.unit <= Number.MAX_SAFE_INTEGER;
    this.key = new Float64Array(free.length);
    this.blockMin = new Float64Array((free.length >> BLOCK_SHIFT) + 1);
    this.pos = new Int32Array(m).fill(-1);
    for (let q = 0; q < free.length; q++) this.pos[free[q]!] = q;
    this.reset(free.length);
  }

  /** All free rows back to their full degree (a new band). */
  reset(nFree: number): void {
    const { free, deg, key, m, dMax } = this;
    for (let q = 0; q < nFree; q++) {
      const r = free[q]!;
      key[q] = (deg[r]! * (dMax + 1) + dMax - deg[r]!) * m + r;
    }
    for (let blk = 0; blk < this.blockMin.length; blk++) this.refresh(blk, nFree);
  }

  /** Recomputes the minimum of block `blk` over the positions below `nFree`. */
  private refresh(blk: number, nFree: number): void {
    const key = this.key;
    let min = Infinity;
    for (let q = blk << BLOCK_SHIFT, end = Math.min(nFree, (blk + 1) << BLOCK_SHIFT); q < end; q++) if (key[q]! < min) min = key[q]!;
    this.blockMin[blk] = min;
  }

  /**
   * Each free row among `rows[q0 … q1)` brings one new column fewer: its count in
   * `newCnt` and its key drop (rows no longer free, position −1, are skipped: their
   * count is not read again).
   */
  oneFewerEach(rows: Int32Array, q0: number, q1: number, newCnt: Int32Array): void {
    const { pos, key, blockMin, unit } = this;
    for (let q = q0; q < q1; q++) {
      const x = rows[q]!;
      const p = pos[x]!;
      if (p < 0) continue;
      newCnt[x]!--;
      const k = (key[p]! -= unit);
      if (k < blockMin[p >> BLOCK_SHIFT]!) blockMin[p >> BLOCK_SHIFT] = k;
    }
  }

  /** Removes free position `q` of `nFree`: the last free row moves into it. */
  remove(q: number, nFree: number): void {
    const { free, key, pos } = this;
    const last = nFree - 1;
    pos[free[q]!] = -1;
    free[q] = free[last]!;
    key[q] = key[last]!;
    if (q !== last) pos[free[q]] = q;
    this.refresh(q >> BLOCK_SHIFT, last);
    if (last >> BLOCK_SHIFT !== q >> BLOCK_SHIFT) this.refresh(last >> BLOCK_SHIFT, last);
  }

  /** Position of the free row of largest degree, ties to the lower index. */
  seed(nFree: number): number {
    const { free, deg } = this;
    let best = 0;
    for (let q = 1; q < nFree; q++) {
      const r = free[q]!;
      const s = free[best]!;
      if (deg[r]! > deg[s]! || (deg[r] === deg[s] && r < s)) best = q;
    }
    return best;
  }

  /** Position of the next row by the rule of {@link greedyBands}, among rows bringing at most `room` new columns; −1 if none fits. */
  best(nFree: number, newCnt: Int32Array, room: number): number {
    if (!this.exact) return bestNextRow(this.free, nFree, newCnt, this.deg, room);
    const { key, blockMin } = this;
    let blk = 0;
    for (let x = 1, nb = ((nFree - 1) >> BLOCK_SHIFT) + 1; x < nb; x++) if (blockMin[x]! < blockMin[blk]!) blk = x;
    const want = blockMin[blk]!;
    let bestPos = blk << BLOCK_SHIFT;
    while (key[bestPos] !== want) bestPos++;
    return newCnt[this.free[bestPos]!]! > room ? -1 : bestPos;
  }
}

/** Rows of degree > 0, ascending. */
function nonEmptyRows(deg: Int32Array): number[] {
  const list: number[] = [];
  for (let r = 0; r < deg.length; r++) if (deg[r]! > 0) list.push(r);
  return list;
}

/**
 * Position in `free[0 … nFree)` of the row bringing the fewest new columns
 * (ties: larger degree, then lower index) among those bringing at most `room`;
 * −1 if none fits.
 */
function bestNextRow(free: Int32Array, nFree: number, newCnt: Int32Array, deg: Int32Array, room: number): number {
  let bestPos = -1;
  let bestNew = 0x7fffffff;
  let bestDeg = -1;
  let bestRow = 0x7fffffff;
  for (let q = 0; q < nFree; q++) {
    const r = free[q]!;
    const nc = newCnt[r]!;
    if (nc > bestNew) continue;
    if (nc === bestNew && (deg[r]! < bestDeg || (deg[r] === bestDeg && r > bestRow))) continue;
    if (nc > room) continue;
    bestPos = q;
    bestNew = nc;
    bestDeg = deg[r]!;
    bestRow = r;
  }
  return bestPos;
}

/** {@link greedyBands}, computed once per problem, frame and band size. */
export function cachedGreedyBands(p: MappingProblem, frame: BandFrame, maxBandRows = frame.bandRows): Bands {
  const key = `greedy:${frame.name}:${maxBandRows}`;
  let hit = p.cache.get(key) as Bands | undefined;
  if (hit === undefined) {
    hit = greedyBands(frame, maxBandRows);
    p.cache.set(key, hit);
  }
  return hit;
}
