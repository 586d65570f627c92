import type { BandFrame } from './MappingProblem.js';
import type { Bands } from './naturalBands.js';

/** With more than twice this many bands, a row's moves are scored only into this many bands (those sharing most sampled columns). */
export const CANDIDATE_BANDS = 8;
/** Columns of a row sampled to rank candidate bands. */
export const COLUMN_SAMPLE = 32;

/** A row's best move: into a band with room (`open`) and into a full band (`full`); −1 when there is none. */
export interface MoveChoice {
  readonly open: number;
  readonly openGain: number;
  readonly full: number;
  readonly fullGain: number;
}

/**
 * A band partition under refinement with per-band column counts
 * (`cnt[c·nb + b]`), widths |N(b)| and sizes, so a move's gain in
 * Φ = Σ_b (BIG·tiles(b) + |N(b)|) is exact. `work` counts entry visits.
 */
export class BandPartition {
  readonly band: Int32Array;
  readonly bands: number;
  /** Rows in some band (band ≥ 0), ascending. */
  readonly members: number[] = [];
  work = 0;
  private readonly cnt: Int32Array;
  private readonly width: Int32Array;
  private readonly size: Int32Array;
  /** Larger than any change of Σ|N(b)|, so tiles saved always come first. */
  private readonly big: number;
  private readonly manyBands: boolean;
  private readonly targets: Int32Array;
  private readonly shared: Int32Array;
  private readonly add: Int32Array;

  constructor(
    private readonly frame: BandFrame,
    start: Bands,
  ) {
    const { a } = frame;
    const nb = start.bands;
    this.bands = nb;
    this.band = Int32Array.from(start.band);
    this.cnt = new Int32Array(a.cols * nb);
    this.width = new Int32Array(nb);
    this.size = new Int32Array(nb);
    for (let r = 0; r < a.rows; r++) {
      const b = this.band[r]!;
      if (b < 0) continue;
      this.members.push(r);
      this.size[b]!++;
      for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) {
        if (this.cnt[a.colIdx[k]! * nb + b]!++ === 0) this.width[b]!++;
      }
    }
    this.big = 4 * a.cols + 4;
    this.manyBands = nb > 2 * CANDIDATE_BANDS;
    this.targets = new Int32Array(this.manyBands ? CANDIDATE_BANDS : nb);
    this.shared = new Int32Array(nb);
    this.add = new Int32Array(nb);
  }

  /** The refined partition. */
  result(): Bands {
    return { band: this.band, bands: this.bands };
  }

  /** Tiles of a band of width w and s rows (capped frames: one per non-empty band). */
  private tilesOf(w: number, s: number): number {
    return this.frame.capped ? (s > 0 ? 1 : 0) : Math.ceil(w / this.frame.tileWidth);
  }

  /** Whether band b holds fewer rows than a band may. */
  hasRoom(b: number): boolean {
    return this.size[b]! < this.frame.bandRows;
  }

  /** Moves row r from band `from` to band `to`. */
  move(r: number, from: number, to: number): void {
    const { a } = this.frame;
    const { cnt, width, bands: nb } = this;
    for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) {
      const base = a.colIdx[k]! * nb;
      if (--cnt[base + from]! === 0) width[from]!--;
      if (cnt[base + to]!++ === 0) width[to]!++;
    }
    this.band[r] = to;
    this.size[from]!--;
    this.size[to]!++;
    this.work += a.rowPtr[r + 1]! - a.rowPtr[r]!;
  }

  /** Gain (positive = better) of moving r from its band to `to`; −∞ if a capped tile would overflow. */
  gainTo(r: number, to: number): number {
    const { a } = this.frame;
    const { cnt, width, size, bands: nb } = this;
    const from = this.band[r]!;
    let lose = 0;
    let fresh = 0;
    for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) {
      const base = a.colIdx[k]! * nb;
      if (cnt[base + from] === 1) lose++;
      if (cnt[base + to] === 0) fresh++;
    }
    this.work += a.rowPtr[r + 1]! - a.rowPtr[r]!;
    if (this.frame.capped && width[to]! + fresh > this.frame.tileWidth) return -Infinity;
    const dt =
      this.tilesOf(width[from]! - lose, size[from]! - 1) -
      this.tilesOf(width[from]!, size[from]!) +
      this.tilesOf(width[to]! + fresh, size[to]! + 1) -
      this.tilesOf(width[to]!, size[to]!);
    return -(this.big * dt + fresh - lose);
  }

  /** Rows of band b. */
  bandMembers(b: number): number[] {
    const out: number[] = [];
    for (const r of this.members) if (this.band[r] === b) out.push(r);
    this.work += this.members.length >> 3;
    return out;
  }

  /** Scores r's moves into the candidate bands (ties: lowest band). */
  score(r: number): MoveChoice {
    const { a } = this.frame;
    const { cnt, width, size, add, targets } = this;
    const from = this.band[r]!;
    const rs = a.rowPtr[r]!;
    const re = a.rowPtr[r + 1]!;
    const nt = this.collectTargets(r, from);
    for (let t = 0; t < nt; t++) add[targets[t]!] = 0;
    let lose = 0;
    for (let k = rs; k < re; k++) {
      const base = a.colIdx[k]! * this.bands;
      if (cnt[base + from] === 1) lose++;
      for (let t = 0; t < nt; t++) if (cnt[base + targets[t]!] === 0) add[targets[t]!]!++;
    }
    this.work += (re - rs) * (nt + 1);
    const dFrom = this.tilesOf(width[from]! - lose, size[from]! - 1) - this.tilesOf(width[from]!, size[from]!);
    let open = -1;
    let openGain = -Infinity;
    let full = -1;
    let fullGain = -Infinity;
    for (let t = 0; t < nt; t++) {
      const b = targets[t]!;
      const wb = width[b]!;
      if (this.frame.capped && (wb + add[b]! > this.frame.tileWidth || size[b] === 0)) continue;
      const dt = dFrom + this.tilesOf(wb + add[b]!, size[b]! + 1) - this.tilesOf(wb, size[b]!);
      const g = -(this.big * dt + add[b]! - lose);
      if (this.hasRoom(b)) {
        if (g > openGain || (g === openGain && b < open)) {
          openGain = g;
          open = b;
        }
      } else if (g > fullGain || (g === fullGain && b < full)) {
        fullGain = g;
        full = b;
      }
    }
    return { open, openGain, full, fullGain };
  }

  /** Fills `targets` with the bands r's moves are scored into; returns their count. */
  private collectTargets(r: number, from: number): number {
    const { a } = this.frame;
    const { cnt, shared, targets, bands: nb } = this;
    let nt = 0;
    if (!this.manyBands) {
      for (let b = 0; b < nb; b++) if (b !== from) targets[nt++] = b;
      return nt;
    }
    const rs = a.rowPtr[r]!;
    const re = a.rowPtr[r + 1]!;
    shared.fill(0);
    const step = Math.max(1, Math.floor((re - rs) / COLUMN_SAMPLE));
    for (let k = rs; k < re; k += step) {
      const base = a.colIdx[k]! * nb;
      for (let b = 0; b < nb; b++) if (cnt[base + b]! > 0) shared[b]!++;
    }
    this.work += Math.ceil((re - rs) / step) * nb;
    shared[from] = -1;
    for (let t = 0; t < CANDIDATE_BANDS; t++) {
      let best = -1;
      for (let b = 0; b < nb; b++) if (shared[b]! >= 0 && (best < 0 || shared[b]! > shared[best]!)) best = b;
      if (best < 0) break;
      targets[nt++] = best;
      shared[best] = -1;
    }
    return nt;
  }
}
