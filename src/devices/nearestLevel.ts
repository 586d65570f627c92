/**
 * Index of the level nearest to `value` in an ascending array (binary search).
 * Ties go to the higher level (round half up). Values below the first or above
 * the last level map to the end levels. NaN is the caller's to reject.
 *
 * This is the weight → level map: unlike d3's `scaleQuantize` (n equal-width
 * bins over the domain), the bin edges sit at the midpoints between levels, so
 * w = 0 and w = w_max are represented exactly and the error is at most half a
 * level spacing.
 */
export function nearestLevel(levels: ArrayLike<number>, value: number): number {
  const n = levels.length;
  if (value <= levels[0]!) return 0;
  if (value >= levels[n - 1]!) return n - 1;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (levels[mid]! <= value) lo = mid;
    else hi = mid;
  }
  return value - levels[lo]! < levels[hi]! - value ? lo : hi;
}
