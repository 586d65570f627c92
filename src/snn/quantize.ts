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
  const L = levels.length;
  if (L === 0) throw new XsnnError('quantizeWeights: no levels');
  for (let e = 0; e < w.length; e++) {
    const x = w[e]!;
    // binary search: first level >= x
    let lo = 0;
    let hi = L;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (levels[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    let q: number;
    if (lo === 0) q = levels[0]!;
    else if (lo === L) q = levels[L - 1]!;
    else {
      const a = levels[lo - 1]!;
      const b = levels[lo]!;
      q = x - a <= b - x ? a : b;
    }
    w[e] = q;
  }
}
