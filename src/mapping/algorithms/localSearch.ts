import { compactAssignment, type Assignment } from '../_internals/Assignment.js';
import type { MappingProblem } from '../_internals/MappingProblem.js';
import { cachedGreedyBands } from '../_internals/greedyBands.js';
import { bandsToAssignment } from '../_internals/bandsToAssignment.js';
import { assignmentCost, compareCost } from '../_internals/assignmentCost.js';
import type { MappingAlgorithm } from '../MappingAlgorithm.js';

/**
 * Rung 5, local search on big·K + α·E + β·T (K first).
 *
 * Phase 1 (K): repeatedly tries to dissolve (split up) a tile, fewest synapses
 * first, by moving each of its synapses into another tile that holds its row and
 * column, or holds one and has room for the other, or has room for both (the
 * move adding the fewest lines wins, so merges of small tiles fall out as a
 * special case); without column splitting a whole column moves at once and must
 * fit with its rows. A dissolve that cannot place every synapse is rolled back,
 * so K never rises and capacity always holds.
 *
 * Phase 2 (α·E + β·T with K fixed): consolidating moves of a neuron's or an
 * input's synapses between tiles, each applied only when it lowers the objective.
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
  const rates = options.inputRates;
  const rho = (i: number): number => (rates === undefined ? 1 : rates[i]!);
  /** Σ_{i∈rows_t} ρ_i per tile. */
  const rate = new Float64Array(K);
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
      rate[t]! += rho(i);
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
      rate[t]! -= rho(i);
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
  consolidate();
  return compactAssignment(tileOf, K);

  /**
   * Phase 2, with K fixed (or falling): moves that lower α·E + β·T. A neuron's
   * synapses in one tile move to another tile holding that neuron (fewer partial
   * sums), an input's synapses move to another tile holding that input (fewer
   * broadcasts); without splitting, a whole neuron moves to a tile sharing its
   * inputs. Each move is applied only if the exact change of α·E + β·T is
   * negative (or it empties a tile), so the objective falls strictly.
   */
  function consolidate(): void {
    const alpha = options.energyWeight;
    const beta = options.trafficWeight;
    if (alpha === 0 && beta === 0) return;
    work = 0; // phase 2 has its own budget, half of phase 1's
    const budget2 = budget / 2;
    /**
     * Exact change of α·E + β·T when `ks` (all synapses of one neuron in t1, or
     * all of one input in t1: `byColumn`) move to t2; +∞ if t2 lacks room, −∞ if
     * t1 empties (one tile fewer).
     */
    const delta = (ks: readonly number[], byColumn: boolean, t1: number, t2: number): number => {
      let remRows = 0;
      let remRate = 0;
      let addRows = 0;
      let addRate = 0;
      let remCols = 0;
      let addCols = 0;
      if (byColumn) {
        // One neuron j, each input once.
        const j = w.colIdx[ks[0]!]!;
        remCols = 1;
        addCols = colCnt[t2 * n + j] === 0 ? 1 : 0;
        for (const k of ks) {
          const i = rowOf[k]!;
          if (rowCnt[t1 * m + i] === 1) {
            remRows++;
            remRate += rho(i);
          }
          if (rowCnt[t2 * m + i] === 0) {
            addRows++;
            addRate += rho(i);
          }
        }
      } else {
        // One input i, each neuron once.
        const i = rowOf[ks[0]!]!;
        remRows = 1;
        remRate = rho(i);
        if (rowCnt[t2 * m + i] === 0) {
          addRows = 1;
          addRate = rho(i);
        }
        for (const k of ks) {
          const j = w.colIdx[k]!;
          if (colCnt[t1 * n + j] === 1) remCols++;
          if (colCnt[t2 * n + j] === 0) addCols++;
        }
      }
      work += ks.length;
      if (nRows[t2]! + addRows > R || nCols[t2]! + addCols > C) return Infinity;
      if (size[t1] === ks.length) return -Infinity;
      const c1 = nCols[t1]!;
      const c2 = nCols[t2]!;
      const dE = (c1 - remCols) * (rate[t1]! - remRate) - c1 * rate[t1]! + (c2 + addCols) * (rate[t2]! + addRate) - c2 * rate[t2]!;
      const dT = addRows + addCols - remRows - remCols;
      return alpha * dE + beta * dT;
    };
    const stamp = new Int32Array(K).fill(-1);
    let stampId = 0;
    const tryMove = (ks: readonly number[], byColumn: boolean, t1: number, candidates: Iterable<number>): boolean => {
      let best = -1;
      let bestDelta = 0;
      stampId++;
      for (const t2 of candidates) {
        if (t2 === t1 || alive[t2] === 0 || stamp[t2] === stampId) continue;
        stamp[t2] = stampId;
        const d = delta(ks, byColumn, t1, t2);
        const tol = 1e-9 * Math.max(1, Math.abs(d));
        if (d < bestDelta - tol || (d < -tol && d === bestDelta && t2 < best)) {
          bestDelta = d;
          best = t2;
        }
      }
      if (best < 0) return false;
      for (const k of ks) {
        take(k, t1);
        put(k, best);
      }
      if (size[t1] === 0) alive[t1] = 0;
      return true;
    };
    const passes = Math.max(1, Math.round(2 * options.effort));
    for (let pass = 0; pass < passes && work < budget2; pass++) {
      const entries = entriesOf();
      let moves = 0;
      for (let t1 = 0; t1 < K && work < budget2; t1++) {
        if (alive[t1] === 0) continue;
        const byCol = new Map<number, number[]>();
        const byRow = new Map<number, number[]>();
        for (const k of entries[t1]!) {
          if (tileOf[k] !== t1) continue;
          const j = w.colIdx[k]!;
          const i = rowOf[k]!;
          (byCol.get(j) ?? byCol.set(j, []).get(j)!).push(k);
          (byRow.get(i) ?? byRow.set(i, []).get(i)!).push(k);
        }
        for (const [j, ks] of [...byCol.entries()].sort((x, y) => x[0] - y[0])) {
          if (alive[t1] === 0 || ks.some((k) => tileOf[k] !== t1)) continue;
          if (options.splitColumns) {
            if (colTiles[j]!.length >= 2 && tryMove(ks, true, t1, [...colTiles[j]!])) moves++;
          } else {
            const near = new Set<number>();
            for (const k of ks) for (const u of rowTiles[rowOf[k]!]!) near.add(u);
            if (
              tryMove(
                ks,
                true,
                t1,
                [...near].sort((x, y) => x - y),
              )
            )
              moves++;
          }
        }
        if (!options.splitColumns) continue;
        for (const [i, ks] of [...byRow.entries()].sort((x, y) => x[0] - y[0])) {
          if (alive[t1] === 0 || ks.some((k) => tileOf[k] !== t1)) continue;
          if (rowTiles[i]!.length >= 2 && tryMove(ks, false, t1, [...rowTiles[i]!])) moves++;
        }
      }
      if (moves === 0) break;
    }
  }
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
