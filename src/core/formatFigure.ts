import { SI_PREFIXES } from '../config/units.js';

/**
 * How xsnn writes a number for people (the report, `compare`, `simulate`): one
 * set of rules, so that every output says the same thing the same way.
 *
 * - Significant digits: `digits` of them (default 4), but the integer part is
 *   never rounded (`37,104`, `248.5`, `0.001235`); exact integers print whole.
 *   Thousands are grouped with commas from 10,000 up; negatives take a true
 *   minus sign (`−`).
 * - Units: an SI value is shown in the prefixed unit in which the largest value
 *   of its set is at least 1 (`133.4 nJ`, `28,663 µm²`); areas below 1 mm² in
 *   µm², as the summary does; `^2` is written `²`.
 * - Accuracy differences are compressed − dense (sparse − dense), in
 *   percentage points (`−4.00 points`); ratios are dense / compressed (`1.86×`).
 * - `±` (one standard deviation) only with two samples or more.
 * - A crossbar preset whose name is its size is named once (`64×64`).
 */

/** A display unit for SI values: multiply by `factor`, print with `unit`. */
export interface DisplayUnit {
  readonly factor: number;
  readonly unit: string;
}

const MINUS = '\u2212';

/** SI prefixes from large to small (µ, not u). */
const PREFIXES = SI_PREFIXES;

/** Units that take a prefix (as the first factor of a compound such as `J/S` or `W/m^2`). */
const PREFIXABLE = new Set(['J', 'W', 's', 'S', 'V', 'A', 'F', 'Hz', 'm', 'Ω', 'ohm', 'C']);

/** Units shown in a fixed unit of their own. */
const FIXED: Readonly<Record<string, DisplayUnit>> = {
  'F/m': { factor: 1e9, unit: 'fF/µm' },
};

/** `m^2` → `m²`, `F^2` → `F²`, `ohm` → `Ω`; `1` (a plain number) → ``. */
export function unitText(unit: string): string {
  if (unit === '1') return '';
  return unit
    .replace(/\^2\b/g, '²')
    .replace(/\^3\b/g, '³')
    .replace(/\bohm\b/g, 'Ω')
    .replace(/\bum\b/g, 'µm');
}

function largest(values: ReadonlyArray<number | null>): number {
  let max = 0;
  for (const v of values) if (v !== null && Number.isFinite(v) && Math.abs(v) > max) max = Math.abs(v);
  return max;
}

/**
 * The display unit of a set of SI values of unit `siUnit`: the prefix in which
 * the largest |value| is at least 1 (`J` → `nJ` for 1.3e-7), areas (`m^2`) in µm²
 * below 1 mm² and in mm² above, a unit that takes no prefix as it is.
 */
export function displayUnit(siUnit: string, valuesSI: ReadonlyArray<number | null>): DisplayUnit {
  const fixed = FIXED[siUnit];
  if (fixed !== undefined) return fixed;
  const max = largest(valuesSI);
  if (siUnit === 'm^2' || siUnit === 'm²') return max >= 1e-6 ? { factor: 1e6, unit: 'mm²' } : { factor: 1e12, unit: 'µm²' };
  const slash = siUnit.indexOf('/');
  const base = slash < 0 ? siUnit : siUnit.slice(0, slash);
  const rest = slash < 0 ? '' : unitText(siUnit.slice(slash));
  if (!PREFIXABLE.has(base)) return { factor: 1, unit: unitText(siUnit) };
  const shown = unitText(base);
  if (max === 0) return { factor: 1, unit: `${shown}${rest}` };
  for (const [scale, prefix] of PREFIXES) if (max >= scale * 0.9999999) return { factor: 1 / scale, unit: `${prefix}${shown}${rest}` };
  const [scale, prefix] = PREFIXES[PREFIXES.length - 1]!;
  return { factor: 1 / scale, unit: `${prefix}${shown}${rest}` };
}

/** The integer digits `intText` with thousands grouped when it has at least `fromDigits` digits. */
function group(intText: string, fromDigits = 5): string {
  return intText.length >= fromDigits ? intText.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : intText;
}

/**
 * `v` with `digits` significant digits (default 4), the integer part never
 * rounded, trailing zeros dropped, thousands grouped from 10,000, a true minus
 * sign; exponent form (`1.235e−20`) only below 1e−4 or from 1e15.
 */
export function formatSignificant(v: number, digits = 4): string {
  if (Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : `${MINUS}∞`;
  if (v === 0) return '0';
  const sign = v < 0 ? MINUS : '';
  const a = Math.abs(v);
  if (a < 1e-4 || a >= 1e15) {
    const [m, e] = a.toExponential(digits - 1).split('e') as [string, string];
    const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    return `${sign}${mant}e${e.startsWith('-') ? MINUS + e.slice(1) : e.replace('+', '')}`;
  }
  const intDigits = Math.floor(Math.log10(a)) + 1;
  const decimals = Math.max(0, digits - intDigits);
  let text = a.toFixed(decimals);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  const [i, f] = text.split('.') as [string, string | undefined];
  return `${sign}${group(i)}${f === undefined ? '' : `.${f}`}`;
}

/**
 * `v` with exactly `digits` significant digits, trailing zeros kept (`1.800`,
 * `0.9730`), so one table column reads alike; the integer part is never rounded
 * (`37,104`). Thousands are grouped from `groupFromDigits` integer digits: 5 by
 * default, as in {@link formatSignificant} (`3895`, `11,827`); 4 groups a
 * 4-digit number printed beside larger ones (`3,895` beside `11,827`).
 * Exponent form, zero and non-finite values as {@link formatSignificant}.
 */
export function formatFixedDigits(v: number, digits = 4, groupFromDigits = 5): string {
  const a = Math.abs(v);
  if (!Number.isFinite(v) || v === 0 || a < 1e-4 || a >= 1e15) return formatSignificant(v, digits);
  const intDigits = Math.floor(Math.log10(a)) + 1;
  let decimals = Math.max(0, digits - intDigits);
  // rounding can carry into a new digit (9.9996 → 10.000): one decimal fewer then
  if (decimals > 0 && Number(a.toFixed(decimals)) >= 10 ** intDigits) decimals--;
  const [i, f] = a.toFixed(decimals).split('.') as [string, string | undefined];
  return `${v < 0 ? MINUS : ''}${group(i, groupFromDigits)}${f === undefined ? '' : `.${f}`}`;
}

/**
 * Whole numbers printed alike, for counts read side by side (a table row, "a → b"):
 * thousands grouped in every one of them when any has 5 integer digits or more
 * (`3,895` and `11,827`; `3895` and `512` stay ungrouped), each rounded to an integer.
 */
export function formatCountsAlike(values: readonly number[]): string[] {
  const groupFrom = groupFromDigitsAlike(values);
  return values.map((v) => formatFixedDigits(Math.round(v), 1, groupFrom));
}

/**
 * The `groupFromDigits` of {@link formatFixedDigits} that prints numbers read side by side alike:
 * 4 when any of them reaches 10,000 (every one grouped), else 5 (the default).
 */
export function groupFromDigitsAlike(values: ReadonlyArray<number | null>): number {
  return values.some((v) => v !== null && Math.abs(v) >= 1e4) ? 4 : 5;
}

/** Options of {@link formatFigure}. */
export interface FormatFigureOptions {
  /** Significant digits (default 4). */
  readonly digits?: number;
  /** The display unit (default: {@link displayUnit} of this value alone). */
  readonly unit?: DisplayUnit;
}

/** An SI value in its display unit: `formatFigure(1.334e-7, 'J')` → `133.4 nJ`; `formatFigure(3.7104e-8, 'm^2')` → `37,104 µm²`. */
export function formatFigure(valueSI: number, siUnit: string, options: FormatFigureOptions = {}): string {
  const u = options.unit ?? displayUnit(siUnit, [valueSI]);
  const text = formatSignificant(valueSI * u.factor, options.digits ?? 4);
  return u.unit === '' ? text : `${text} ${u.unit}`;
}

/** An SI range in one display unit (that of its larger end): `0.1472 … 21.16 µJ`, or one value when both ends are equal. */
export function formatRange(minSI: number, maxSI: number, siUnit: string, digits = 4): string {
  const u = displayUnit(siUnit, [minSI, maxSI]);
  const tail = u.unit === '' ? '' : ` ${u.unit}`;
  if (minSI === maxSI) return `${formatSignificant(minSI * u.factor, digits)}${tail}`;
  return `${formatSignificant(minSI * u.factor, digits)} … ${formatSignificant(maxSI * u.factor, digits)}${tail}`;
}

/** A ratio such as dense / compressed with exactly `digits` significant digits: `1.86×`, `3.60×`, `12.3×`; `—` when it is not finite. */
export function formatRatio(f: number, digits = 3): string {
  return Number.isFinite(f) ? `${formatFixedDigits(f, digits)}×` : '—';
}

/** An accuracy difference (fractions, e.g. compressed − dense) in percentage points, signed: `−4.00 points`, `+0.33 points`. */
export function formatPointDifference(diffFraction: number): string {
  const p = diffFraction * 100;
  const rounded = Math.abs(p).toFixed(2);
  const sign = rounded === '0.00' ? '' : p > 0 ? '+' : MINUS;
  return `${sign}${rounded} points`;
}

/**
 * An accuracy (fraction) as a percentage with two decimals, and `± std` only when
 * it comes from two samples or more: `52.33 ± 1.41 %`, `52.33 %`.
 */
export function formatAccuracy(mean: number, std: number, samples: number): string {
  const m = (mean * 100).toFixed(2);
  return samples >= 2 ? `${m} ± ${(std * 100).toFixed(2)} %` : `${m} %`;
}

/** `"64×128"` (rows × columns). */
export function sizeLabel(rows: number, cols: number): string {
  return `${rows}×${cols}`;
}

/** A crossbar preset by name and size, the size once when the name is the size: `64×64`, `base (64×64)`. */
export function crossbarLabel(name: string, rows: number, cols: number): string {
  const size = sizeLabel(rows, cols);
  return name === size || name === `${rows}x${cols}` || name === String(rows) ? size : `${name} (${size})`;
}
