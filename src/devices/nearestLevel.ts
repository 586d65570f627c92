/** Which level a value exactly halfway between two levels goes to. */
export type LevelTieRule = 'up' | 'down';

/**
 * Index of the level nearest to `value` in an ascending array (binary search),
 * i.e. argmin_k |levels[k] − value|. Values at or below the first level (and
 * NaN) map to level 0, values at or above the last to the last level.
 *
 * Ties (value exactly halfway): `'up'` (the default) goes to the higher level,
 * round half up like `Math.round`; `'down'` to the lower. Device programming
 * (`programWeights`) ties up; checkpoint quantization (`quantizeWeights` in
 * snn/) ties down, the rule the quantized checkpoints written so far were made
 * with, so a checkpoint re-quantized today keeps its exact weights.
 *
 * This is the weight → level map: unlike d3's `scaleQuantize` (n equal-width
 * bins over the domain), the bin edges sit at the midpoints between levels, so
 * w = 0 and w = w_max are represented exactly and the error is at most half a
 * level spacing.
 */
export function nearestLevel(levels: ArrayLike<number>, value: number, ties: LevelTieRule = 'up'): number {
  const n = levels.length;
  if (!(value > levels[0]!)) return 0;
  if (value >= levels[n - 1]!) return n - 1;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (levels[mid]! <= value) lo = mid;
    else hi = mid;
  }
  const below = value - levels[lo]!;
  const above = levels[hi]! - value;
  return below < above || (ties === 'down' && below === above) ? lo : hi;
}
