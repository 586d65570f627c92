import type { TileOccupancy } from './TileOccupancy.js';

/** A sweep ends after max(this, K/10)·effort failed dissolves in a row. */
export const MIN_DISSOLVE_PATIENCE = 48;

/** Lines a synapse's move can add at most (a new row and a new column), plus one: "no candidate yet". */
const NO_CANDIDATE_COST = 3;

/**
 * Phase 1 of local search (lowers K): one tile's dissolve at a time, rolled back
 * when a synapse finds no place. `moved` holds (entry, new tile) pairs of the
 * current dissolve.
 */
class Dissolver {
  private readonly moved: number[] = [];

  constructor(private readonly s: TileOccupancy) {}

  /** The (entry, new tile) pairs of the last successful dissolve. */
  get lastMoves(): readonly number[] {
    return this.moved;
  }

  /** Tries to empty tile t by moving `entries` (all of t's) elsewhere; on failure every move is undone. */
  tryDissolve(t: number, entries: readonly number[]): boolean {
    this.moved.length = 0;
    this.s.alive[t] = 0;
    const ok = this.s.p.options.splitColumns ? this.moveEachSynapse(t, entries) : this.moveWholeColumns(t, entries);
    if (!ok) this.rollback(t);
    return ok;
  }

  private rollback(t: number): void {
    const { moved, s } = this;
    for (let q = moved.length - 2; q >= 0; q -= 2) s.move(moved[q]!, moved[q + 1]!, t);
    s.alive[t] = 1;
  }

  /** With splitting: each synapse to the live tile adding the fewest lines (ties: lowest id). */
  private moveEachSynapse(t: number, entries: readonly number[]): boolean {
    const s = this.s;
    for (const k of entries) {
      const best = this.bestTileFor(s.rowOf[k]!, s.colOf(k));
      if (best < 0) return false;
      s.move(k, t, best);
      this.moved.push(k, best);
    }
    return true;
  }

  /** The live tile taking synapse (i, j) with the fewest new lines: first the tiles of row i and column j, then any with room; −1 if none. */
  private bestTileFor(i: number, j: number): number {
    const s = this.s;
    let best = -1;
    let bestCost = NO_CANDIDATE_COST;
    const consider = (u: number): void => {
      if (s.alive[u] === 0) return;
      const newRow = s.rowCnt[u * s.m + i] === 0 ? 1 : 0;
      const newCol = s.colCnt[u * s.n + j] === 0 ? 1 : 0;
      if (s.nRows[u]! + newRow > s.maxRows || s.nCols[u]! + newCol > s.maxCols) return;
      const c = newRow + newCol;
      if (c < bestCost || (c === bestCost && u < best)) {
        bestCost = c;
        best = u;
      }
    };
    const rt = s.rowTiles[i]!;
    for (let q = 0; q < rt.length; q++) consider(rt[q]!);
    const ct = s.colTiles[j]!;
    for (let q = 0; q < ct.length; q++) consider(ct[q]!);
    s.work += rt.length + ct.length;
    if (best < 0) {
      for (let u = 0; u < s.tiles && bestCost > 2; u++) if (s.nRows[u]! < s.maxRows && s.nCols[u]! < s.maxCols) consider(u);
      s.work += s.tiles;
    }
    return best;
  }

  /** Without splitting: each column of t (largest first) moves whole to the live tile needing the fewest new rows. */
  private moveWholeColumns(t: number, entries: readonly number[]): boolean {
    const s = this.s;
    const byCol = new Map<number, number[]>();
    for (const k of entries) {
      const list = byCol.get(s.colOf(k));
      if (list === undefined) byCol.set(s.colOf(k), [k]);
      else list.push(k);
    }
    for (const [, ks] of [...byCol.entries()].sort((x, y) => y[1].length - x[1].length || x[0] - y[0])) {
      const best = this.bestTileForColumn(ks);
      if (best < 0) return false;
      for (const k of ks) {
        s.move(k, t, best);
        this.moved.push(k, best);
      }
    }
    return true;
  }

  private bestTileForColumn(ks: readonly number[]): number {
    const s = this.s;
    let best = -1;
    let bestNew = s.maxRows + 1;
    for (let u = 0; u < s.tiles; u++) {
      if (s.alive[u] === 0 || s.nCols[u]! >= s.maxCols) continue;
      let fresh = 0;
      for (const k of ks) if (s.rowCnt[u * s.m + s.rowOf[k]!] === 0) fresh++;
      if (s.nRows[u]! + fresh <= s.maxRows && fresh < bestNew) {
        bestNew = fresh;
        best = u;
      }
    }
    s.work += s.tiles * ks.length;
    return best;
  }
}

/**
 * Phase 1 of local search: sweeps over the live tiles by increasing size (ties:
 * lowest id), dissolving each it can; a sweep ends after
 * max({@link MIN_DISSOLVE_PATIENCE}, K/10)·effort failures in a row, the search
 * after round(3·effort) sweeps, a sweep that frees nothing, or `budget` entry
 * visits.
 */
export function dissolveTiles(s: TileOccupancy, budget: number): void {
  const { effort } = s.p.options;
  const K = s.tiles;
  const dissolver = new Dissolver(s);
  const sweeps = Math.max(1, Math.round(3 * effort));
  const patience = Math.max(MIN_DISSOLVE_PATIENCE, Math.ceil(K / 10)) * Math.max(effort, 0.01);
  for (let sweep = 0; sweep < sweeps && s.work < budget; sweep++) {
    const entries = s.entriesOf();
    const order = Array.from({ length: K }, (_, t) => t)
      .filter((t) => s.alive[t] === 1)
      .sort((x, y) => s.size[x]! - s.size[y]! || x - y);
    let freed = 0;
    let failures = 0;
    for (const t of order) {
      if (failures >= patience || s.work >= budget) break;
      // Synapses moved into a tile this sweep were appended to its list; drop those that left.
      const list = entries[t]!.filter((k) => s.tileOf[k] === t);
      if (dissolver.tryDissolve(t, list)) {
        const moved = dissolver.lastMoves;
        for (let q = 0; q < moved.length; q += 2) entries[moved[q + 1]!]!.push(moved[q]!);
        freed++;
        failures = 0;
      } else failures++;
    }
    if (freed === 0) break;
  }
}
