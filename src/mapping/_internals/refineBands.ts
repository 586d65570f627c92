import type { Rng } from '../../core/Rng.js';
import type { BandFrame } from './MappingProblem.js';
import type { Bands } from './naturalBands.js';

/**
 * k-way refinement of a band partition on the hypergraph whose vertices are the
 * frame's rows and whose nets are its columns, with a tile-aware objective
 * Φ = Σ_b (BIG·⌈|N(b)|/W⌉ + |N(b)|) (W = tile width, N(b) the columns band b
 * uses, BIG larger than any width change; capped frames count one tile per
 * non-empty band): a move's gain counts tiles saved first, then nets freed (the
 * connectivity metric Σλ). Gains are exact, from per-band column counts.
 *
 * 1. Greedy passes: rows in a seeded random order; each takes its best
 *    positive-gain move into a band with room (capped: whose tile still fits);
 *    when the best target is full, the swap with the target's row that gains
 *    most on the way back is tried. Until a pass gains nothing or `maxPasses`.
 * 2. Fiduccia–Mattheyses passes: rows ordered by their best gain (a max-heap with
 *    lazy re-evaluation), each row moved at most once per pass even when its best
 *    gain is negative, so sequences of moves can climb out of local minima; the
 *    pass ends after 64 moves without a new best, and is rolled back to the best
 *    prefix. Until a pass gains nothing or `maxPasses`.
 *
 * Φ never increases. Work is bounded by `workBudget` entry visits (a count, not
 * a clock, so results stay deterministic). With many bands only the 8 bands
 * sharing most of a sample of a row's columns are tried; a swap tries 16 rows.
 */
export function refineBands(frame: BandFrame, start: Bands, rng: Rng, maxPasses: number, workBudget = Infinity): Bands {
  const { a, bandRows } = frame;
  const W = frame.tileWidth;
  const m = a.rows;
  const nb = start.bands;
  if (nb <= 1) return start;
  const band = Int32Array.from(start.band);
  const cnt = new Int32Array(a.cols * nb);
  const width = new Int32Array(nb);
  const size = new Int32Array(nb);
  const members: number[] = [];
  for (let r = 0; r < m; r++) {
    const b = band[r]!;
    if (b < 0) continue;
    members.push(r);
    size[b]!++;
    for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) {
      if (cnt[a.colIdx[k]! * nb + b]!++ === 0) width[b]!++;
    }
  }
  const BIG = 4 * a.cols + 4;
  let work = 0;
  const tilesOf = (w: number, s: number): number => (frame.capped ? (s > 0 ? 1 : 0) : Math.ceil(w / W));
  const move = (r: number, from: number, to: number): void => {
    for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) {
      const base = a.colIdx[k]! * nb;
      if (--cnt[base + from]! === 0) width[from]!--;
      if (cnt[base + to]!++ === 0) width[to]!++;
    }
    band[r] = to;
    size[from]!--;
    size[to]!++;
    work += a.rowPtr[r + 1]! - a.rowPtr[r]!;
  };
  /** Gain (positive = better) of moving r from its band to `to`. */
  const gainTo = (r: number, to: number): number => {
    const from = band[r]!;
    let lose = 0;
    let fresh = 0;
    for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) {
      const base = a.colIdx[k]! * nb;
      if (cnt[base + from] === 1) lose++;
      if (cnt[base + to] === 0) fresh++;
    }
    work += a.rowPtr[r + 1]! - a.rowPtr[r]!;
    if (frame.capped && width[to]! + fresh > W) return -Infinity;
    const dt =
      tilesOf(width[from]! - lose, size[from]! - 1) -
      tilesOf(width[from]!, size[from]!) +
      tilesOf(width[to]! + fresh, size[to]! + 1) -
      tilesOf(width[to]!, size[to]!);
    return -(BIG * dt + fresh - lose);
  };

  // Scoring a row's moves: the best target with room (`open`) and the best full one.
  const TOP = 8;
  const SAMPLE = 32;
  const manyBands = nb > 2 * TOP;
  const targets = new Int32Array(manyBands ? TOP : nb);
  const shared = new Int32Array(nb);
  const add = new Int32Array(nb);
  let open = -1;
  let openGain = -Infinity;
  let full = -1;
  let fullGain = -Infinity;
  const score = (r: number): void => {
    const from = band[r]!;
    const rs = a.rowPtr[r]!;
    const re = a.rowPtr[r + 1]!;
    let nt = 0;
    if (manyBands) {
      shared.fill(0);
      const step = Math.max(1, Math.floor((re - rs) / SAMPLE));
      for (let k = rs; k < re; k += step) {
        const base = a.colIdx[k]! * nb;
        for (let b = 0; b < nb; b++) if (cnt[base + b]! > 0) shared[b]!++;
      }
      work += Math.ceil((re - rs) / step) * nb;
      shared[from] = -1;
      for (let t = 0; t < TOP; t++) {
        let best = -1;
        for (let b = 0; b < nb; b++) if (shared[b]! >= 0 && (best < 0 || shared[b]! > shared[best]!)) best = b;
        if (best < 0) break;
        targets[nt++] = best;
        shared[best] = -1;
      }
    } else {
      for (let b = 0; b < nb; b++) if (b !== from) targets[nt++] = b;
    }
    for (let t = 0; t < nt; t++) add[targets[t]!] = 0;
    let lose = 0;
    for (let k = rs; k < re; k++) {
      const base = a.colIdx[k]! * nb;
      if (cnt[base + from] === 1) lose++;
      for (let t = 0; t < nt; t++) if (cnt[base + targets[t]!] === 0) add[targets[t]!]!++;
    }
    work += (re - rs) * (nt + 1);
    const dFrom = tilesOf(width[from]! - lose, size[from]! - 1) - tilesOf(width[from]!, size[from]!);
    open = -1;
    openGain = -Infinity;
    full = -1;
    fullGain = -Infinity;
    for (let t = 0; t < nt; t++) {
      const b = targets[t]!;
      const wb = width[b]!;
      if (frame.capped && (wb + add[b]! > W || size[b] === 0)) continue;
      const dt = dFrom + tilesOf(wb + add[b]!, size[b]! + 1) - tilesOf(wb, size[b]!);
      const g = -(BIG * dt + add[b]! - lose);
      if (size[b]! < bandRows) {
        if (g > openGain || (g === openGain && b < open)) {
          openGain = g;
          open = b;
        }
      } else if (g > fullGain || (g === fullGain && b < full)) {
        fullGain = g;
        full = b;
      }
    }
  };
  const bandMembers = (b: number): number[] => {
    const out: number[] = [];
    for (const r of members) if (band[r] === b) out.push(r);
    work += members.length >> 3;
    return out;
  };

  // 1. Greedy passes with swaps.
  const order = Int32Array.from(members);
  const SWAP_SAMPLE = 16;
  for (let pass = 0; pass < maxPasses && work < workBudget; pass++) {
    rng.shuffle(order);
    let improved = 0;
    for (let q = 0; q < order.length && work < workBudget; q++) {
      const r = order[q]!;
      const from = band[r]!;
      score(r);
      if (open >= 0 && openGain > 0) {
        improved += openGain;
        move(r, from, open);
        continue;
      }
      if (full < 0 || fullGain <= 0) continue;
      const target = full;
      const targetGain = fullGain;
      move(r, from, target);
      let back = -1;
      let backGain = -Infinity;
      const inBand = bandMembers(target);
      const step = Math.max(1, Math.floor(inBand.length / SWAP_SAMPLE));
      for (let x = 0; x < inBand.length; x += step) {
        const s = inBand[x]!;
        if (s === r) continue;
        const g = gainTo(s, from);
        if (g > backGain) {
          backGain = g;
          back = s;
        }
      }
      if (back >= 0 && targetGain + backGain > 0) {
        move(back, target, from);
        improved += targetGain + backGain;
      } else {
        move(r, target, from);
      }
    }
    if (improved <= 0) break;
  }

  // 2. Fiduccia–Mattheyses passes with rollback to the best prefix.
  const heapGain: number[] = [];
  const heapRow: number[] = [];
  const before = (i: number, j: number): boolean => heapGain[i]! > heapGain[j]! || (heapGain[i] === heapGain[j] && heapRow[i]! < heapRow[j]!);
  const swapAt = (i: number, j: number): void => {
    [heapGain[i], heapGain[j]] = [heapGain[j]!, heapGain[i]!];
    [heapRow[i], heapRow[j]] = [heapRow[j]!, heapRow[i]!];
  };
  const push = (g: number, r: number): void => {
    heapGain.push(g);
    heapRow.push(r);
    for (let i = heapGain.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!before(i, parent)) break;
      swapAt(i, parent);
      i = parent;
    }
  };
  const pop = (): number => {
    const top = heapRow[0]!;
    const lastG = heapGain.pop()!;
    const lastR = heapRow.pop()!;
    if (heapGain.length > 0) {
      heapGain[0] = lastG;
      heapRow[0] = lastR;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const rr = l + 1;
        let best = i;
        if (l < heapGain.length && before(l, best)) best = l;
        if (rr < heapGain.length && before(rr, best)) best = rr;
        if (best === i) break;
        swapAt(i, best);
        i = best;
      }
    }
    return top;
  };
  const locked = new Uint8Array(m);
  const requeued = new Uint8Array(m);
  const PATIENCE = 64;
  for (let pass = 0; pass < maxPasses && work < workBudget; pass++) {
    locked.fill(0);
    requeued.fill(0);
    heapGain.length = 0;
    heapRow.length = 0;
    for (const r of members) {
      if (work >= workBudget) break;
      score(r);
      if (open >= 0) push(openGain, r);
    }
    const moves: number[] = [];
    let cum = 0;
    let best = 0;
    let bestLen = 0;
    let sinceBest = 0;
    while (heapGain.length > 0 && sinceBest < PATIENCE && work < workBudget) {
      const r = pop();
      if (locked[r] === 1) continue;
      score(r);
      if (open < 0) continue;
      if (heapGain.length > 0 && openGain < heapGain[0]! && requeued[r]! < 3) {
        requeued[r]!++;
        push(openGain, r);
        continue;
      }
      const from = band[r]!;
      cum += openGain;
      move(r, from, open);
      locked[r] = 1;
      moves.push(r, from);
      if (cum > best) {
        best = cum;
        bestLen = moves.length;
        sinceBest = 0;
      } else sinceBest++;
    }
    for (let q = moves.length - 2; q >= bestLen; q -= 2) move(moves[q]!, band[moves[q]!]!, moves[q + 1]!);
    if (best <= 0) break;
  }
  return { band, bands: nb };
}
