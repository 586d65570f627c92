import type { Rng } from '../../core/Rng.js';
import type { BandFrame } from './MappingProblem.js';
import type { Bands } from './naturalBands.js';
import { BandPartition } from './BandPartition.js';
import { GainHeap } from './GainHeap.js';

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
  if (start.bands <= 1) return start;
  const state = new BandPartition(frame, start);
  greedyPasses(state, rng, maxPasses, workBudget);
  fiducciaMattheysesPasses(state, frame.a.rows, maxPasses, workBudget);
  return state.result();
}

/** Rows of a full target band tried as the swap partner. */
const SWAP_SAMPLE = 16;
/** A Fiduccia–Mattheyses pass ends after this many moves without a new best. */
const FM_PATIENCE = 64;
/** A row whose gain fell below the heap's top is pushed back at most this often per pass. */
const FM_MAX_REQUEUES = 3;

/** Phase 1: greedy passes (seeded random row order) with swaps into full bands; returns nothing, `state` holds the result. */
function greedyPasses(state: BandPartition, rng: Rng, maxPasses: number, workBudget: number): void {
  const order = Int32Array.from(state.members);
  for (let pass = 0; pass < maxPasses && state.work < workBudget; pass++) {
    rng.shuffle(order);
    let improved = 0;
    for (let q = 0; q < order.length && state.work < workBudget; q++) {
      const r = order[q]!;
      const from = state.band[r]!;
      const choice = state.score(r);
      if (choice.open >= 0 && choice.openGain > 0) {
        improved += choice.openGain;
        state.move(r, from, choice.open);
      } else if (choice.full >= 0 && choice.fullGain > 0) {
        improved += trySwap(state, r, from, choice.full, choice.fullGain);
      }
    }
    if (improved <= 0) break;
  }
}

/**
 * Moves r into the full band `target`, then the sampled row of `target` that
 * gains most by moving to `from`; keeps both if the pair gains, else moves r
 * back. Returns the gain kept (0 when undone).
 */
function trySwap(state: BandPartition, r: number, from: number, target: number, targetGain: number): number {
  state.move(r, from, target);
  let back = -1;
  let backGain = -Infinity;
  const inBand = state.bandMembers(target);
  const step = Math.max(1, Math.floor(inBand.length / SWAP_SAMPLE));
  for (let x = 0; x < inBand.length; x += step) {
    const s = inBand[x]!;
    if (s === r) continue;
    const g = state.gainTo(s, from);
    if (g > backGain) {
      backGain = g;
      back = s;
    }
  }
  if (back >= 0 && targetGain + backGain > 0) {
    state.move(back, target, from);
    return targetGain + backGain;
  }
  state.move(r, target, from);
  return 0;
}

/** Phase 2: Fiduccia–Mattheyses passes, each rolled back to its best prefix. */
function fiducciaMattheysesPasses(state: BandPartition, rows: number, maxPasses: number, workBudget: number): void {
  const heap = new GainHeap();
  const locked = new Uint8Array(rows);
  const requeued = new Uint8Array(rows);
  for (let pass = 0; pass < maxPasses && state.work < workBudget; pass++) {
    locked.fill(0);
    requeued.fill(0);
    heap.clear();
    for (const r of state.members) {
      if (state.work >= workBudget) break;
      const choice = state.score(r);
      if (choice.open >= 0) heap.push(choice.openGain, r);
    }
    const moves: number[] = [];
    let cum = 0;
    let best = 0;
    let bestLen = 0;
    let sinceBest = 0;
    while (heap.length > 0 && sinceBest < FM_PATIENCE && state.work < workBudget) {
      const r = heap.pop();
      if (locked[r] === 1) continue;
      const { open, openGain } = state.score(r);
      if (open < 0) continue;
      if (heap.length > 0 && openGain < heap.peekGain()! && requeued[r]! < FM_MAX_REQUEUES) {
        requeued[r]!++;
        heap.push(openGain, r);
        continue;
      }
      const from = state.band[r]!;
      cum += openGain;
      state.move(r, from, open);
      locked[r] = 1;
      moves.push(r, from);
      if (cum > best) {
        best = cum;
        bestLen = moves.length;
        sinceBest = 0;
      } else sinceBest++;
    }
    for (let q = moves.length - 2; q >= bestLen; q -= 2) state.move(moves[q]!, state.band[moves[q]!]!, moves[q + 1]!);
    if (best <= 0) break;
  }
}
