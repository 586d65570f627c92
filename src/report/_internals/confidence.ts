/** z of a two-sided 95 % normal interval. */
export const Z95 = 1.959964;

/**
 * Half-width (in points, i.e. percent) of the 95 % normal-approximation binomial
 * interval of an accuracy `p` (fraction) measured on `n` test images:
 * `z · √(p(1−p)/n) · 100`. With p = 0.5 and n = 300, 5.66 points.
 */
export function binomialHalfWidthPoints(p: number, n: number): number {
  if (!(n > 0)) return Number.NaN;
  return Z95 * Math.sqrt(Math.max(0, p * (1 - p)) / n) * 100;
}

/**
 * Half-width (points) of the 95 % interval of the difference of two accuracies
 * `p1`, `p2` each measured on `n` test images, taken as independent (a
 * conservative bound when both networks see the same images):
 * `z · √(p1(1−p1)/n + p2(1−p2)/n) · 100`.
 */
export function differenceHalfWidthPoints(p1: number, p2: number, n: number): number {
  if (!(n > 0)) return Number.NaN;
  return Z95 * Math.sqrt((Math.max(0, p1 * (1 - p1)) + Math.max(0, p2 * (1 - p2))) / n) * 100;
}
