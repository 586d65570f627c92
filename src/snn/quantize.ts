import { XsnnError } from '../config/XsnnError.js';
import type { SnnRecipe } from './SnnRecipe.js';

/** The quantization section of a recipe. */
export type QuantizationSpec = SnnRecipe['quantization'];

/**
 * The weight levels of a quantization spec, sorted ascending, always including 0
 * (pruned synapses are level 0), each rounded to float32 (the weight storage):
 * `values` if given, else `levels` uniform levels k·w_max/(L−1), k = 0…L−1;
 * `null` when quantization is off.
 */
export function quantizationLevels(spec: Pick<QuantizationSpec, 'levels' | 'values'>, wMax: number): Float64Array | null {
  let list: number[];
  if (spec.values !== null) list = [0, ...spec.values];
  else if (spec.levels !== null) list = Array.from({ length: spec.levels }, (_, k) => (k * wMax) / (spec.levels! - 1));
  else return null;
  const uniq = [...new Set(list.map((v) => Math.fround(v)))].sort((a, b) => a - b);
  if (uniq.some((v) => !Number.isFinite(v) || v < 0)) throw new XsnnError('quantizationLevels: levels must be finite and non-negative');
  return Float64Array.from(uniq);
}

/**
 * Rounds every weight in place to the nearest level (ties go to the lower
 * level). Idempotent; the result has at most `levels.length` distinct values.
 */
export function quantizeWeights(w: Float32Array, levels: Float64Array): void {
  if (levels.length === 0) throw new XsnnError('quantizeWeights: no levels');
  for (let e = 0; e < w.length; e++) w[e] = nearestLevel(w[e]!, levels);
}

/** The level nearest to x (ties go to the lower level; below the first or above the last: the end level). `levels` sorted ascending, not empty. */
export function nearestLevel(x: number, levels: Float64Array): number {
  const L = levels.length;
  // binary search: first level >= x
  let lo = 0;
  let hi = L;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (levels[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return levels[0]!;
  if (lo === L) return levels[L - 1]!;
  const a = levels[lo - 1]!;
  const b = levels[lo]!;
  return x - a <= b - x ? a : b;
}

/** The optional quantization fields with their defaults filled in (the one place they are defined). */
export interface QuantizationChoices {
  readonly rounding: 'nearest' | 'stochastic';
  readonly shadow: boolean;
  readonly range: 'w-max' | 'max' | 'per-neuron-max';
}

/** Fills the defaults of the optional quantization fields: nearest rounding, no shadow, levels over [0, w_max]. */
export function quantizationDefaults(spec: Partial<Pick<QuantizationSpec, 'rounding' | 'shadow' | 'range'>>): QuantizationChoices {
  return { rounding: spec.rounding ?? 'nearest', shadow: spec.shadow ?? false, range: spec.range ?? 'w-max' };
}

/** A source of uniform deviates in [0, 1) (an `Rng`). */
export interface UniformSource {
  uniform(): number;
}

/**
 * Stochastic rounding in place: a weight x between adjacent levels a < b becomes
 * b with probability (x − a)/(b − a), else a, so E[q] = x (unbiased); weights
 * outside [levels[0], levels[L−1]] are clamped to the end levels; a weight on a
 * level stays there (no draw is consumed). One `uniform()` per weight strictly
 * between two levels, in index order (deterministic for a seeded `rng`).
 */
export function stochasticRoundWeights(w: Float32Array, levels: Float64Array, rng: UniformSource): void {
  const L = levels.length;
  if (L === 0) throw new XsnnError('stochasticRoundWeights: no levels');
  for (let e = 0; e < w.length; e++) {
    const x = w[e]!;
    let lo = 0;
    let hi = L;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (levels[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) w[e] = levels[0]!;
    else if (lo === L) w[e] = levels[L - 1]!;
    else if (levels[lo]! === x) w[e] = x;
    else {
      const a = levels[lo - 1]!;
      const b = levels[lo]!;
      w[e] = rng.uniform() < (x - a) / (b - a) ? b : a;
    }
  }
}

/** Options of {@link quantizeSynapseWeights}. */
export interface QuantizeSynapseOptions {
  /** Surviving weights (e.g. `InputSynapses.w`), modified in place. */
  readonly w: Float32Array;
  /** E neuron of each weight (`InputSynapses.col`); used by `per-neuron-max`. */
  readonly col: ArrayLike<number>;
  readonly neurons: number;
  readonly spec: Pick<QuantizationSpec, 'levels' | 'values'> & Partial<Pick<QuantizationSpec, 'range'>>;
  readonly wMax: number;
  /** Stochastic rounding with this source; nearest rounding when absent. */
  readonly rng?: UniformSource;
}

/**
 * Quantizes surviving weights to the spec's levels with its `range`:
 * `w-max`: {@link quantizationLevels} over [0, w_max]; `max`: L uniform levels
 * k·w_q/(L−1) with w_q = max_e w_e (one global set); `per-neuron-max`: for each
 * neuron j, k·w_q,j/(L−1) with w_q,j its largest weight (a per-column gain).
 * `values` lists always use `w-max` (they are device levels). Returns nothing; no-op without levels.
 */
export function quantizeSynapseWeights(o: QuantizeSynapseOptions): void {
  const { w, col, neurons, spec, wMax, rng } = o;
  const range = quantizationDefaults(spec).range;
  const round = (arr: Float32Array, lv: Float64Array): void => (rng === undefined ? quantizeWeights(arr, lv) : stochasticRoundWeights(arr, lv, rng));
  if (range === 'w-max' || spec.values !== null || spec.levels === null) {
    const lv = quantizationLevels(spec, wMax);
    if (lv !== null) round(w, lv);
    return;
  }
  if (range === 'max') {
    let m = 0;
    for (let e = 0; e < w.length; e++) if (w[e]! > m) m = w[e]!;
    if (m > 0) round(w, quantizationLevels({ levels: spec.levels, values: null }, m)!);
    return;
  }
  // per-neuron-max: gather each column, quantize over [0, its max], scatter back
  const cnt = new Int32Array(neurons + 1);
  for (let e = 0; e < w.length; e++) cnt[col[e]! + 1]!++;
  for (let j = 0; j < neurons; j++) cnt[j + 1]! += cnt[j]!;
  const pos = Int32Array.from(cnt.subarray(0, neurons));
  const order = new Int32Array(w.length);
  for (let e = 0; e < w.length; e++) order[pos[col[e]!]!++] = e;
  for (let j = 0; j < neurons; j++) {
    const a = cnt[j]!;
    const b = cnt[j + 1]!;
    if (b === a) continue;
    const buf = new Float32Array(b - a);
    let m = 0;
    for (let q = a; q < b; q++) {
      const v = w[order[q]!]!;
      buf[q - a] = v;
      if (v > m) m = v;
    }
    if (m <= 0) continue;
    round(buf, quantizationLevels({ levels: spec.levels, values: null }, m)!);
    for (let q = a; q < b; q++) w[order[q]!] = buf[q - a]!;
  }
}
