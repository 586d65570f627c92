import { displayUnit, formatSignificant, type DisplayUnit } from '../core/formatFigure.js';

export { sizeLabel } from '../core/formatFigure.js';

/** A display scale for SI values: multiply by `factor`, print with `unit` (see core/formatFigure). */
export type DisplayScale = DisplayUnit;

/**
 * The unit in which the biggest of `valuesSI` is at least 1 (energy in J → mJ…fJ;
 * area in µm² below 1 mm², else mm²), so axes and tables read `12.3 nJ`: the rule
 * of core/formatFigure, which `compare` uses too.
 */
export function pickScale(kind: 'energy' | 'area', valuesSI: ReadonlyArray<number | null>): DisplayScale {
  return displayUnit(kind === 'energy' ? 'J' : 'm^2', valuesSI);
}

/** A number with `digits` significant digits (integer part whole, thousands grouped): core/formatFigure's `formatSignificant`. */
export function formatNumber(v: number, digits = 4): string {
  return formatSignificant(v, digits);
}

/** A preset reference shortened for display: a YAML path becomes its file name without `.yaml`. */
export function displayName(ref: string): string {
  return (ref.split(/[\\/]/).pop() ?? ref).replace(/\.ya?ml$/i, '');
}

/**
 * `v` with exactly `digits` significant digits, trailing zeros kept (`1.800`,
 * `0.9730`), so one table column reads alike; the integer part is never rounded
 * (`37,104`), thousands are grouped as in {@link formatNumber}. Exponent form,
 * zero and non-finite values as core/formatFigure's `formatSignificant`.
 */
export function formatFixedDigits(v: number, digits = 4): string {
  const a = Math.abs(v);
  if (!Number.isFinite(v) || v === 0 || a < 1e-4 || a >= 1e15) return formatSignificant(v, digits);
  const intDigits = Math.floor(Math.log10(a)) + 1;
  let decimals = Math.max(0, digits - intDigits);
  // rounding can carry into a new digit (9.9996 → 10.000): one decimal fewer then
  if (decimals > 0 && Number(a.toFixed(decimals)) >= 10 ** intDigits) decimals--;
  const [i, f] = a.toFixed(decimals).split('.') as [string, string | undefined];
  const grouped = i.length > 4 ? i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : i;
  return `${v < 0 ? '\u2212' : ''}${grouped}${f === undefined ? '' : `.${f}`}`;
}

/** A ratio with exactly `digits` significant digits (`1.80×`, `1.92×`, `12.3×`); `–` when it is not finite. */
export function formatFixedRatio(f: number, digits = 3): string {
  return Number.isFinite(f) ? `${formatFixedDigits(f, digits)}×` : '\u2013';
}
