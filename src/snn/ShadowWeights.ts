import { ColumnNormalizer } from './ColumnNormalizer.js';
import type { InputSynapses } from './InputSynapses.js';
import { nearestLevel } from '../devices/nearestLevel.js';

/**
 * Full-precision shadow of the surviving input weights for quantization-aware
 * training (recipe `quantization.shadow`). The network always runs on quantized
 * weights; STDP changes them in place during a presentation, and that change
 * (w − q, where q is what the presentation started from) is added to the
 * shadow, so updates smaller than the level spacing accumulate instead of being
 * rounded away:
 *     s ← max(0, s + (w − q));  s ← s · S / Σ_col s (normalisation, if S);  w ← q ← Q(s)
 * The shadow itself is never quantized. After pruning replaces the synapses,
 * {@link ShadowWeights.fold} first writes the full-precision weights back.
 */
export class ShadowWeights {
  private shadow: Float32Array | null = null;
  private start: Float32Array | null = null;
  private readonly colSum: Float64Array;
  private readonly normalizer: ColumnNormalizer;

  /**
   * @param neurons E neurons (columns).
   * @param normalizeSum column sum the shadow is rescaled to before each presentation; null = off.
   * @param quantize quantizes `syn.w` in place (nearest rounding).
   * @param elementLevels when `quantize` is plain nearest rounding to these levels, weight by weight
   *   (range `w-max` or a `values` list), pass them: {@link beforePresentation} then visits only the changed columns.
   */
  constructor(
    private readonly neurons: number,
    private readonly normalizeSum: number | null,
    private readonly quantize: (syn: InputSynapses) => void,
    private readonly elementLevels: Float64Array | null = null,
  ) {
    this.colSum = new Float64Array(neurons);
    this.normalizer = new ColumnNormalizer(neurons);
  }

  /** The full-precision weights (aligned with `syn.w`), or null before the first presentation / after a fold. */
  get weights(): Float32Array | null {
    return this.shadow;
  }

  /**
   * Before a presentation: accumulate the last presentation's change, normalise the shadow, load its quantization into `syn.w`.
   * With `touched` (1 = the column's weights may have changed since the last call) and element-wise levels, only those
   * columns (and columns whose normalisation is not the identity) are visited: bit-for-bit the full pass.
   */
  beforePresentation(syn: InputSynapses, touched?: Uint8Array): void {
    if (touched !== undefined && this.elementLevels !== null && this.shadow !== null && this.start !== null && this.shadow.length === syn.w.length) {
      this.changedColumns(syn, touched, this.elementLevels);
      return;
    }
    this.normalizer.invalidate();
    const w = syn.w;
    const col = syn.col;
    let s = this.shadow;
    let q = this.start;
    if (s === null || q === null || s.length !== w.length) {
      s = Float32Array.from(w);
      q = new Float32Array(w.length);
      this.shadow = s;
      this.start = q;
    } else {
      for (let e = 0; e < w.length; e++) {
        const v = s[e]! + (w[e]! - q[e]!);
        s[e] = v > 0 ? v : 0;
      }
    }
    if (this.normalizeSum !== null) {
      const sum = this.colSum;
      sum.fill(0);
      for (let e = 0; e < w.length; e++) sum[col[e]!]! += s[e]!;
      for (let j = 0; j < this.neurons; j++) sum[j] = sum[j]! > 0 ? this.normalizeSum / sum[j]! : 1;
      for (let e = 0; e < w.length; e++) s[e] = s[e]! * sum[col[e]!]!;
    }
    w.set(s);
    this.quantize(syn);
    q.set(w);
  }

  private changedColumns(syn: InputSynapses, touched: Uint8Array, levels: Float64Array): void {
    const { w, colPos, nInputs } = syn;
    const s = this.shadow!;
    const q = this.start!;
    const S = this.normalizeSum;
    for (let j = 0; j < this.neurons; j++) {
      let dirty = touched[j] !== 0;
      const base = j * nInputs;
      if (dirty) {
        for (let i = 0; i < nInputs; i++) {
          const e = colPos[base + i]!;
          if (e < 0) continue;
          const v = s[e]! + (w[e]! - q[e]!);
          s[e] = v > 0 ? v : 0;
        }
      }
      if (S !== null && this.normalizer.needs(j, dirty, S)) {
        this.normalizer.column(j, s, colPos, nInputs, S);
        dirty = true;
      }
      if (!dirty) continue;
      for (let i = 0; i < nInputs; i++) {
        const e = colPos[base + i]!;
        if (e < 0) continue;
        const v = levels[nearestLevel(levels, s[e]!, 'down')]!;
        w[e] = v;
        q[e] = v;
      }
    }
  }

  /** The shadow and the quantized weights the presentation started from (null before the first presentation / after a fold). */
  state(): { shadow: Float32Array; start: Float32Array } | null {
    return this.shadow === null || this.start === null ? null : { shadow: this.shadow, start: this.start };
  }

  /** Restores {@link state} (e.g. from a training snapshot). */
  restore(shadow: Float32Array, start: Float32Array): void {
    this.shadow = Float32Array.from(shadow);
    this.start = Float32Array.from(start);
    this.normalizer.invalidate();
  }

  /** Writes the full-precision weights (shadow plus the pending change) into `syn.w` and forgets the shadow. */
  fold(syn: InputSynapses): void {
    const s = this.shadow;
    const q = this.start;
    if (s === null || q === null) return;
    const w = syn.w;
    for (let e = 0; e < w.length; e++) {
      const v = s[e]! + (w[e]! - q[e]!);
      w[e] = v > 0 ? v : 0;
    }
    this.shadow = null;
    this.start = null;
  }
}
