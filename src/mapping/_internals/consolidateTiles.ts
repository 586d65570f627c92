import type { TileOccupancy } from './TileOccupancy.js';

/** A move counts as an improvement only if it lowers the objective by more than this fraction of |Δ| (at least 1). */
export const RELATIVE_IMPROVEMENT_TOLERANCE = 1e-9;

/**
 * Phase 2 of local search, with K fixed (or falling): moves that lower α·E + β·T.
 * A neuron's synapses in one tile move to another tile holding that neuron
 * (fewer partial sums), an input's synapses move to another tile holding that
 * input (fewer broadcasts); without splitting, a whole neuron moves to a tile
 * sharing its inputs. Each move is applied only if the exact change of
 * α·E + β·T is negative (or it empties a tile), so the objective falls strictly.
 */
class Consolidator {
  private readonly stamp: Int32Array;
  private stampId = 0;

  constructor(
    private readonly s: TileOccupancy,
    private readonly alpha: number,
    private readonly beta: number,
  ) {
    this.stamp = new Int32Array(s.tiles).fill(-1);
  }

  /**
   * Exact change of α·E + β·T when `ks` (all synapses of one neuron in t1, or
   * all of one input in t1: `byColumn` false) move to t2; +∞ if t2 lacks room,
   * −∞ if t1 empties (one tile fewer). With E = Σ_t |cols_t|·Σ_{i∈rows_t} ρ_i and
   * T = Σ_t (|rows_t| + |cols_t|).
   */
  delta(ks: readonly number[], byColumn: boolean, t1: number, t2: number): number {
    const s = this.s;
    const { m, n, rowCnt, colCnt } = s;
    let remRows = 0;
    let remRate = 0;
    let addRows = 0;
    let addRate = 0;
    let remCols = 0;
    let addCols = 0;
    if (byColumn) {
      // One neuron j, each input once.
      const j = s.colOf(ks[0]!);
      remCols = 1;
      addCols = colCnt[t2 * n + j] === 0 ? 1 : 0;
      for (const k of ks) {
        const i = s.rowOf[k]!;
        if (rowCnt[t1 * m + i] === 1) {
          remRows++;
          remRate += s.rho(i);
        }
        if (rowCnt[t2 * m + i] === 0) {
          addRows++;
          addRate += s.rho(i);
        }
      }
    } else {
      // One input i, each neuron once.
      const i = s.rowOf[ks[0]!]!;
      remRows = 1;
      remRate = s.rho(i);
      if (rowCnt[t2 * m + i] === 0) {
        addRows = 1;
        addRate = s.rho(i);
      }
      for (const k of ks) {
        const j = s.colOf(k);
        if (colCnt[t1 * n + j] === 1) remCols++;
        if (colCnt[t2 * n + j] === 0) addCols++;
      }
    }
    s.work += ks.length;
    if (s.nRows[t2]! + addRows > s.maxRows || s.nCols[t2]! + addCols > s.maxCols) return Infinity;
    if (s.size[t1] === ks.length) return -Infinity;
    const c1 = s.nCols[t1]!;
    const c2 = s.nCols[t2]!;
    const r1 = s.rate[t1]!;
    const r2 = s.rate[t2]!;
    const dE = (c1 - remCols) * (r1 - remRate) - c1 * r1 + (c2 + addCols) * (r2 + addRate) - c2 * r2;
    const dT = addRows + addCols - remRows - remCols;
    return this.alpha * dE + this.beta * dT;
  }

  /** Moves `ks` from t1 to the candidate with the most negative Δ (ties: lowest id); false if none improves. */
  tryMove(ks: readonly number[], byColumn: boolean, t1: number, candidates: Iterable<number>): boolean {
    const s = this.s;
    let best = -1;
    let bestDelta = 0;
    this.stampId++;
    for (const t2 of candidates) {
      if (t2 === t1 || s.alive[t2] === 0 || this.stamp[t2] === this.stampId) continue;
      this.stamp[t2] = this.stampId;
      const d = this.delta(ks, byColumn, t1, t2);
      const tol = RELATIVE_IMPROVEMENT_TOLERANCE * Math.max(1, Math.abs(d));
      if (d < bestDelta - tol || (d < -tol && d === bestDelta && t2 < best)) {
        bestDelta = d;
        best = t2;
      }
    }
    if (best < 0) return false;
    for (const k of ks) s.move(k, t1, best);
    if (s.size[t1] === 0) s.alive[t1] = 0;
    return true;
  }

  /** One tile's consolidating moves: its neurons, then (with splitting) its inputs; returns how many were applied. */
  consolidateTile(t1: number, entries: readonly number[]): number {
    const s = this.s;
    const split = s.p.options.splitColumns;
    const byCol = new Map<number, number[]>();
    const byRow = new Map<number, number[]>();
    for (const k of entries) {
      if (s.tileOf[k] !== t1) continue;
      const j = s.colOf(k);
      const i = s.rowOf[k]!;
      (byCol.get(j) ?? byCol.set(j, []).get(j)!).push(k);
      (byRow.get(i) ?? byRow.set(i, []).get(i)!).push(k);
    }
    let moves = 0;
    for (const [j, ks] of [...byCol.entries()].sort((x, y) => x[0] - y[0])) {
      if (s.alive[t1] === 0 || ks.some((k) => s.tileOf[k] !== t1)) continue;
      if (split) {
        if (s.colTiles[j]!.length >= 2 && this.tryMove(ks, true, t1, [...s.colTiles[j]!])) moves++;
      } else if (this.tryMove(ks, true, t1, this.tilesSharingInputs(ks))) moves++;
    }
    if (!split) return moves;
    for (const [i, ks] of [...byRow.entries()].sort((x, y) => x[0] - y[0])) {
      if (s.alive[t1] === 0 || ks.some((k) => s.tileOf[k] !== t1)) continue;
      if (s.rowTiles[i]!.length >= 2 && this.tryMove(ks, false, t1, [...s.rowTiles[i]!])) moves++;
    }
    return moves;
  }

  /** Tiles holding any input of `ks`, ascending. */
  private tilesSharingInputs(ks: readonly number[]): number[] {
    const s = this.s;
    const near = new Set<number>();
    for (const k of ks) for (const u of s.rowTiles[s.rowOf[k]!]!) near.add(u);
    return [...near].sort((x, y) => x - y);
  }
}

/**
 * Runs phase 2 for round(2·effort) passes over the tiles, until a pass moves
 * nothing or `budget` entry visits (counted afresh: `s.work` is reset) are spent.
 * Does nothing when α = β = 0.
 */
export function consolidateTiles(s: TileOccupancy, budget: number): void {
  const { energyWeight: alpha, trafficWeight: beta, effort } = s.p.options;
  if (alpha === 0 && beta === 0) return;
  s.work = 0;
  const consolidator = new Consolidator(s, alpha, beta);
  const passes = Math.max(1, Math.round(2 * effort));
  for (let pass = 0; pass < passes && s.work < budget; pass++) {
    const entries = s.entriesOf();
    let moves = 0;
    for (let t1 = 0; t1 < s.tiles && s.work < budget; t1++) {
      if (s.alive[t1] === 0) continue;
      moves += consolidator.consolidateTile(t1, entries[t1]!);
    }
    if (moves === 0) break;
  }
}
