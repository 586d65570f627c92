import { displayUnit, formatRatio, formatSignificant, type DisplayUnit } from '../core/formatFigure.js';

export { formatFixedDigits, sizeLabel } from '../core/formatFigure.js';

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

/** core/formatFigure's `formatRatio` (`1.80×`, `1.92×`, `12.3×`), with the tables' en dash `–` when it is not finite. */
export function formatFixedRatio(f: number, digits = 3): string {
  return Number.isFinite(f) ? formatRatio(f, digits) : '\u2013';
}
