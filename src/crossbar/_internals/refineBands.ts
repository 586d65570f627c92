import type { Rng } from '../../_internals/Rng.js';
import type { BandFrame } from './MappingProblem.js';
import type { Bands } from './naturalBands.js';

/**
 * Fiduccia–Mattheyses-style k-way refinement of a band partition, on the
 * hypergraph whose vertices are the frame's rows and whose nets are its columns.
 * The objective is tile-aware: Φ = Σ_b (BIG·⌈|N(b)|/W⌉ + |N(b)|) (W = tile width,
 * N(b) the columns band b uses, BIG larger than any width change), so a move's
 * gain counts tiles saved first, then nets freed (the connectivity metric Σλ).
 *
 * Each pass visits the rows in a seeded random order and applies the best
 * positive-gain move of a row into a band with room (capped: whose tile still
 * fits); when the best target is full, it tries the swap with the target's row
 * that gains most on the way back. Gains are exact (recomputed from per-band
 * column counts), so Φ never increases. Stops after `maxPasses` passes or a pass
 * without gain, or once about `workBudget` entry visits are spent (a count, not a
 * clock, so results stay deterministic). With many bands only the 8 bands sharing
 * most of a sample of the row's columns are tried; a swap tries 16 of the band's rows.
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
  const bandMembers = (b: number): number[] => {
    const out: number[] = [];
    for (const r of members) if (band[r] === b) out.push(r);
    return out;
  };
  const add = new Int32Array(nb);
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
  };
  /** Gain (positive = better) of moving r from its band to `to`, from the current counts. */
  const gainTo = (r: number, to: number): number => {
    const from = band[r]!;
    let lose = 0;
    let fresh = 0;
    for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) {
      const base = a.colIdx[k]! * nb;
      if (cnt[base + from] === 1) lose++;
      if (cnt[base + to] === 0) fresh++;
    }
    if (frame.capped && width[to]! + fresh > W) return -Infinity;
    const dt = tilesOf(width[from]! - lose, size[from]! - 1) - tilesOf(width[from]!, size[from]!) + tilesOf(width[to]! + fresh, size[to]! + 1) - tilesOf(width[to]!, size[to]!);
    return -(BIG * dt + fresh - lose);
  };
  const order = Int32Array.from(members);
  // Target bands examined per row: all when few, else the `TOP` bands sharing most
  // of a strided sample of the row's columns (an estimate; gains stay exact).
  const TOP = 8;
  const SAMPLE = 32;
  const manyBands = nb > 2 * TOP;
  const targets = new Int32Array(manyBands ? TOP : nb);
  const shared = new Int32Array(nb);
  const SWAP_SAMPLE = 16;
  let work = 0;
  for (let pass = 0; pass < maxPasses && work < workBudget; pass++) {
    rng.shuffle(order);
    let improved = 0;
    for (let q = 0; q < order.length && work < workBudget; q++) {
      const r = order[q]!;
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
      add.fill(0);
      let lose = 0;
      for (let k = rs; k < re; k++) {
        const base = a.colIdx[k]! * nb;
        if (cnt[base + from] === 1) lose++;
        for (let t = 0; t < nt; t++) if (cnt[base + targets[t]!] === 0) add[targets[t]!]!++;
      }
      work += (re - rs) * (nt + 1);
      const wa = width[from]!;
      const dFrom = tilesOf(wa - lose, size[from]! - 1) - tilesOf(wa, size[from]!);
      let best = -1;
      let bestGain = 0;
      let bestFull = -1;
      let bestFullGain = 0;
      for (let t = 0; t < nt; t++) {
        const b = targets[t]!;
        const wb = width[b]!;
        if (frame.capped && wb + add[b]! > W) continue;
        if (frame.capped && size[b] === 0) continue;
        const dt = dFrom + tilesOf(wb + add[b]!, size[b]! + 1) - tilesOf(wb, size[b]!);
        const g = -(BIG * dt + add[b]! - lose);
        if (size[b]! < bandRows) {
          if (g > bestGain || (g === bestGain && best >= 0 && b < best)) {
            bestGain = g;
            best = b;
          }
        } else if (g > bestFullGain) {
          bestFullGain = g;
          bestFull = b;
        }
      }
      if (best >= 0) {
        move(r, from, best);
        work += re - rs;
        improved += bestGain;
        continue;
      }
      if (bestFull < 0) continue;
      // Swap: move r into the full band, then bring back the row (of a strided
      // sample of that band) that gains most on the way back.
      move(r, from, bestFull);
      let back = -1;
      let backGain = -Infinity;
      const inBand = bandMembers(bestFull);
      work += members.length >> 3;
      const step = Math.max(1, Math.floor(inBand.length / SWAP_SAMPLE));
      for (let x = 0; x < inBand.length; x += step) {
        const s = inBand[x]!;
        if (s === r) continue;
        const g = gainTo(s, from);
        work += a.rowPtr[s + 1]! - a.rowPtr[s]!;
        if (g > backGain) {
          backGain = g;
          back = s;
        }
      }
      if (back >= 0 && bestFullGain + backGain > 0) {
        move(back, bestFull, from);
        improved += bestFullGain + backGain;
      } else {
        move(r, bestFull, from);
      }
    }
    if (improved <= 0) break;
  }
  return { band, bands: nb };
}
