import type { BandFrame, MappingProblem } from './MappingProblem.js';
import type { Bands } from './naturalBands.js';

/**
 * Greedy band growth: open a band with the unassigned row of largest degree,
 * then repeatedly add the unassigned row that brings the fewest new columns
 * (ties: the larger degree, i.e. more shared columns; then the lower index),
 * until the band holds `maxBandRows` (default `bandRows`) rows (or, capped, no
 * row fits one tile). Work O(Σ_bands Σ_{c∈N(b)} |free rows of c| + rows²); the
 * column→row lists are compacted to the free rows as bands fill up.
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
    free[pos] = free[nFree - 1]!;
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
        for (let q = ptr[c]!, qe = ptr[c + 1]!; q < qe; q++) newCnt[rows[q]!]!--;
      }
    }
    width += wd;
  };
  const capped = frame.capped;
  const tileWidth = frame.tileWidth;
  while (nFree > 0) {
    if (nFree < compactedAt / 2) compact();
    // Keep the free list in index order so ties resolve to the lower index.
    free.subarray(0, nFree).sort();
    let seedPos = 0;
    for (let q = 1; q < nFree; q++) if (deg[free[q]!]! > deg[free[seedPos]!]!) seedPos = q;
    width = 0;
    add(seedPos);
    let size = 1;
    while (size < maxBandRows && nFree > 0) {
      const bestPos = bestNextRow(free, nFree, newCnt, deg, capped ? tileWidth - width : Infinity);
      if (bestPos < 0) break;
      add(bestPos);
      size++;
    }
    b++;
    for (let q = 0; q < nFree; q++) newCnt[free[q]!] = deg[free[q]!]!;
  }
  return { band, bands: b };
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
