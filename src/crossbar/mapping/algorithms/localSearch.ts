import { compactAssignment, type Assignment } from '../../_internals/Assignment.js';
import type { MappingProblem } from '../../_internals/MappingProblem.js';
import { cachedGreedyBands } from '../../_internals/greedyBands.js';
import { bandsToAssignment } from '../../_internals/bandsToAssignment.js';
import { assignmentCost, compareCost } from '../../_internals/assignmentCost.js';
import type { MappingAlgorithm } from '../MappingAlgorithm.js';

/**
 * Rung 5, local search on big·K + α·E + β·T (K first): repeatedly tries to
 * dissolve a tile (fewest synapses first) by moving each of its synapses into
 * another tile that holds its row and column, or holds one and has room for the
 * other, or has room for both (the move adding the fewest lines wins, so merges
 * of small tiles fall out as a special case); without column splitting a whole
 * column moves at once and must fit with its rows. A dissolve that cannot place
 * every synapse is rolled back, so K never rises and capacity always holds.
 *
 * A sweep visits the tiles by increasing size and ends after max(48, K/10)·effort
 * failed dissolves in a row; at most 3·effort sweeps, and a budget of entry
 * visits (a count, so the result is deterministic). Memory O(K·(rows+cols)):
 * beyond 6e7 counters the start is returned unchanged.
 */
export function improveByLocalSearch(p: MappingProblem, start: Assignment): Assignment {
  const { w, options } = p;
  const R = options.tileRows;
  const C = options.tileCols;
  const m = w.rows;
  const n = w.cols;
  const K = start.tiles;
  if (K <= 1 || K * (m + n) > 6e7) return start;
  const tileOf = Int32Array.from(start.tileOf);
  const Counter = Math.max(R, C) < 65535 ? Uint16Array : Int32Array;
  const rowCnt = new Counter(K * m);
  const colCnt = new Counter(K * n);
  const nRows = new Int32Array(K);
  const nCols = new Int32Array(K);
  const size = new Int32Array(K);
  const alive = new Uint8Array(K).fill(1);
  const rowOf = new Int32Array(p.nnz);
  const rowTiles: number[][] = Array.from({ length: m }, () => []);
  const colTiles: number[][] = Array.from({ length: n }, () => []);
  const drop = (list: number[], t: number): void => {
    const q = list.indexOf(t);
    list[q] = list[list.length - 1]!;
    list.pop();
  };
  const put = (k: number, t: number): void => {
    const i = rowOf[k]!;
    const j = w.colIdx[k]!;
    if (rowCnt[t * m + i]!++ === 0) {
      nRows[t]!++;
      rowTiles[i]!.push(t);
    }
    if (colCnt[t * n + j]!++ === 0) {
      nCols[t]!++;
      colTiles[j]!.push(t);
    }
    size[t]!++;
    tileOf[k] = t;
  };
  const take = (k: number, t: number): void => {
    const i = rowOf[k]!;
    const j = w.colIdx[k]!;
    if (--rowCnt[t * m + i]! === 0) {
      nRows[t]!--;
      drop(rowTiles[i]!, t);
    }
    if (--colCnt[t * n + j]! === 0) {
      nCols[t]!--;
      drop(colTiles[j]!, t);
    }
    size[t]!--;
  };
  for (let i = 0; i < m; i++) {
    for (let k = w.rowPtr[i]!; k < w.rowPtr[i + 1]!; k++) {
      rowOf[k] = i;
      put(k, tileOf[k]!);
    }
  }
  const entriesOf = (): number[][] => {
    const e: number[][] = Array.from({ length: K }, () => []);
    for (let k = 0; k < p.nnz; k++) e[tileOf[k]!]!.push(k);
    return e;
  };
  let work = 0;
  const budget = options.effort * Math.max(3e7, 10 * p.nnz);
  const moved: number[] = [];
  const tryDissolve = (t: number, entries: readonly number[]): boolean => {
    moved.length = 0;
    alive[t] = 0;
    const rollback = (): false => {
      for (let q = moved.length - 2; q >= 0; q -= 2) {
        take(moved[q]!, moved[q + 1]!);
        put(moved[q]!, t);
      }
      alive[t] = 1;
      return false;
    };
    if (options.splitColumns) {
      for (const k of entries) {
        const i = rowOf[k]!;
        const j = w.colIdx[k]!;
        let best = -1;
        let bestCost = 3;
        const consider = (u: number): void => {
          if (alive[u] === 0) return;
          const newRow = rowCnt[u * m + i] === 0 ? 1 : 0;
          const newCol = colCnt[u * n + j] === 0 ? 1 : 0;
          if (nRows[u]! + newRow > R || nCols[u]! + newCol > C) return;
          const c = newRow + newCol;
          if (c < bestCost || (c === bestCost && u < best)) {
            bestCost = c;
            best = u;
          }
        };
        const rt = rowTiles[i]!;
        for (let q = 0; q < rt.length; q++) consider(rt[q]!);
        const ct = colTiles[j]!;
        for (let q = 0; q < ct.length; q++) consider(ct[q]!);
        work += rt.length + ct.length;
        if (best < 0) {
          for (let u = 0; u < K && bestCost > 2; u++) if (nRows[u]! < R && nCols[u]! < C) consider(u);
          work += K;
        }
        if (best < 0) return rollback();
        take(k, t);
        put(k, best);
        moved.push(k, best);
      }
      return true;
    }
    const byCol = new Map<number, number[]>();
    for (const k of entries) {
      const list = byCol.get(w.colIdx[k]!);
      if (list === undefined) byCol.set(w.colIdx[k]!, [k]);
      else list.push(k);
    }
    for (const [, ks] of [...byCol.entries()].sort((x, y) => y[1].length - x[1].length || x[0] - y[0])) {
      let best = -1;
      let bestNew = R + 1;
      for (let u = 0; u < K; u++) {
        if (alive[u] === 0 || nCols[u]! >= C) continue;
        let fresh = 0;
        for (const k of ks) if (rowCnt[u * m + rowOf[k]!] === 0) fresh++;
        if (nRows[u]! + fresh <= R && fresh < bestNew) {
          bestNew = fresh;
          best = u;
        }
      }
      work += K * ks.length;
      if (best < 0) return rollback();
      for (const k of ks) {
        take(k, t);
        put(k, best);
        moved.push(k, best);
      }
    }
    return true;
  };
  const sweeps = Math.max(1, Math.round(3 * options.effort));
  const patience = Math.max(48, Math.ceil(K / 10)) * Math.max(options.effort, 0.01);
  for (let s = 0; s < sweeps && work < budget; s++) {
    const entries = entriesOf();
    const order = Array.from({ length: K }, (_, t) => t)
      .filter((t) => alive[t] === 1)
      .sort((x, y) => size[x]! - size[y]! || x - y);
    let freed = 0;
    let failures = 0;
    for (const t of order) {
      if (failures >= patience || work >= budget) break;
      // Synapses moved into a tile this sweep were appended to its list; drop those that left.
      const list = entries[t]!.filter((k) => tileOf[k] === t);
      if (tryDissolve(t, list)) {
        for (let q = 0; q < moved.length; q += 2) entries[moved[q + 1]!]!.push(moved[q]!);
        freed++;
        failures = 0;
      } else failures++;
    }
    if (freed === 0) break;
  }
  return compactAssignment(tileOf, K);
}

/**
 * Local search as a standalone algorithm: starts from the better of greedy
 * band growth on W (with splitting) and on Wᵀ, then {@link improveByLocalSearch}.
 * In the packer it starts from the best other candidate instead.
 */
export const localSearch: MappingAlgorithm = {
  name: 'localSearch',
  description: 'dissolves tiles by moving their synapses into other tiles (moves, merges); starts from greedy bands',
  needsSplit: false,
  run(p) {
    const col = cachedGreedyBands(p, p.columnFrame);
    let start = bandsToAssignment(p.columnFrame, col.band, col.bands);
    if (p.options.splitColumns) {
      const row = cachedGreedyBands(p, p.rowFrame);
      const alt = bandsToAssignment(p.rowFrame, row.band, row.bands);
      if (compareCost(assignmentCost(p, alt, 'localSearch'), assignmentCost(p, start, 'localSearch')) < 0) start = alt;
    }
    return { assignment: improveByLocalSearch(p, start) };
  },
};
