import type { SnnRecipe } from './SnnRecipe.js';

/**
 * The learning-rate multiplier of `learning.etaSchedule` while image `imageIndex`
 * (0-based, counted over all epochs) is learned:
 *
 *   m(k) = 1 + (factor − 1) · clamp((k − from) / (to − from), 0, 1)
 *
 * (a step to `factor` at `from` when `to = from`); 1 without a schedule.
 */
export function learningRateScaleAt(learning: SnnRecipe['learning'], imageIndex: number): number {
  const s = learning.etaSchedule;
  if (s === undefined || imageIndex < s.from) return 1;
  if (imageIndex >= s.to) return s.factor;
  return 1 + ((s.factor - 1) * (imageIndex - s.from)) / (s.to - s.from);
}
