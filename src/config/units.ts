import { createRequire } from 'node:module';
import type { Unit } from 'mathjs';
import { XsnnError } from './XsnnError.js';

/**
 * Physical dimensions a preset field may carry, each with the SI unit its value is
 * converted to at load time.
 */
export const SI_UNITS = {
  resistance: 'ohm',
  conductance: 'S',
  voltage: 'V',
  current: 'A',
  time: 's',
  frequency: 'Hz',
  energy: 'J',
  power: 'W',
  length: 'm',
  area: 'm^2',
  capacitance: 'F',
} as const;

/** A dimension name, e.g. `'resistance'`. */
export type Dimension = keyof typeof SI_UNITS;

/** Matches a cell area written in squared feature sizes: `"4 F^2"`, `"360 F2"`, `"12F²"`. */
const FEATURE_AREA = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*F(?:\^2|2|²)\s*$/;

/**
 * Parses a quantity string such as `"100 kohm"` or `"0.2 V"` (mathjs syntax) and
 * returns its value in the SI unit of `dimension` (see {@link SI_UNITS}).
 *
 * Throws an {@link XsnnError} naming both units when the dimension is wrong,
 * e.g. `"10 V"` for a resistance.
 */
export function parseQuantity(text: string, dimension: Dimension): number {
  const si = SI_UNITS[dimension];
  let parsed: Unit;
  try {
    parsed = mathUnit(text.trim());
  } catch {
    throw new XsnnError(`cannot read "${text}" as a quantity`, {
      expected: `a ${dimension} with a unit, e.g. "1 ${si}"`,
      received: JSON.stringify(text),
    });
  }
  if (parsed.value === null || parsed.value === undefined) {
    throw new XsnnError(`"${text}" has a unit but no number`, { expected: `a ${dimension} like "1 ${si}"` });
  }
  if (!parsed.equalBase(mathUnit(`1 ${si}`))) {
    const got = parsed.formatUnits() === '' ? 'no unit' : parsed.formatUnits();
    throw new XsnnError(`"${text}" is not ${article(dimension)} ${dimension}`, {
      expected: `${article(dimension)} ${dimension} in ${si} (or a prefixed ${si})`,
      received: `"${text}" in ${got}`,
    });
  }
  const value = parsed.toNumber(si);
  if (!Number.isFinite(value)) {
    throw new XsnnError(`"${text}" is not finite`, { expected: `a finite ${dimension}` });
  }
  return value;
}

type MathUnit = (text: string) => Unit;
let mathUnitFn: MathUnit | undefined;
/** mathjs is loaded on first use: it costs about a second of start-up that commands without units should not pay. */
function mathUnit(text: string): Unit {
  if (mathUnitFn === undefined) mathUnitFn = (createRequire(import.meta.url)('mathjs') as { unit: MathUnit }).unit;
  return mathUnitFn(text);
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

/**
 * Parses a cell area written in units of the squared feature size, `"4 F^2"` →
 * `4`. (Plain mathjs would read `F` as farad.) Multiply by the node length squared
 * to get m².
 */
export function parseFeatureArea(text: string): number {
  const m = FEATURE_AREA.exec(text);
  if (m === null || m[1] === undefined) {
    throw new XsnnError(`"${text}" is not a cell area in F^2`, {
      expected: 'a number of squared feature sizes, e.g. "4 F^2"',
      received: JSON.stringify(text),
    });
  }
  return Number(m[1]);
}

/** SI prefixes from large to small, with their scale (µ for micro). */
export const SI_PREFIXES: ReadonlyArray<readonly [scale: number, prefix: string]> = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
  [1, ''],
  [1e-3, 'm'],
  [1e-6, 'µ'],
  [1e-9, 'n'],
  [1e-12, 'p'],
  [1e-15, 'f'],
  [1e-18, 'a'],
];

/**
 * Formats an SI value with an engineering prefix for display:
 * `formatQuantity(1.2e-12, 'J')` → `"1.2 pJ"`.
 */
export function formatQuantity(value: number, siUnit: string, digits = 4): string {
  if (value === 0 || !Number.isFinite(value)) return `${value} ${siUnit}`;
  const abs = Math.abs(value);
  for (const [scale, prefix] of SI_PREFIXES) {
    // ASCII 'u' for micro here: this text goes to terminals and logs
    if (abs >= scale * 0.9999999) return `${Number((value / scale).toPrecision(digits))} ${prefix === 'µ' ? 'u' : prefix}${siUnit}`;
  }
  return `${value.toPrecision(digits)} ${siUnit}`;
}
