/** A display scale for SI values: multiply by `factor`, print with `unit`. */
export interface DisplayScale {
  readonly factor: number;
  readonly unit: string;
}

const ENERGY: ReadonlyArray<DisplayScale> = [
  { factor: 1, unit: 'J' },
  { factor: 1e3, unit: 'mJ' },
  { factor: 1e6, unit: 'µJ' },
  { factor: 1e9, unit: 'nJ' },
  { factor: 1e12, unit: 'pJ' },
  { factor: 1e15, unit: 'fJ' },
];
const AREA: ReadonlyArray<DisplayScale> = [
  { factor: 1, unit: 'm²' },
  { factor: 1e4, unit: 'cm²' },
  { factor: 1e6, unit: 'mm²' },
  { factor: 1e12, unit: 'µm²' },
];

/**
 * The largest unit in which the biggest of `valuesSI` is at least 1 (energy in
 * J → mJ…fJ; area in m² → mm², µm²), so axes and tables read `12.3 nJ`.
 */
export function pickScale(kind: 'energy' | 'area', valuesSI: ReadonlyArray<number | null>): DisplayScale {
  const scales = kind === 'energy' ? ENERGY : AREA;
  let max = 0;
  for (const v of valuesSI) if (v !== null && Number.isFinite(v) && Math.abs(v) > max) max = Math.abs(v);
  if (max === 0) return scales[0]!;
  for (const s of scales) if (max * s.factor >= 1) return s;
  return scales[scales.length - 1]!;
}

/** A number with `digits` significant digits, no exponent for ordinary magnitudes, thousands not grouped. */
export function formatNumber(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  if (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e9) {
    if (Number.isInteger(v)) return String(v);
    return String(Number(v.toPrecision(digits)));
  }
  return v.toPrecision(digits).replace(/e\+?/, 'e');
}

/** `"64×128"` (rows × columns). */
export function sizeLabel(rows: number, cols: number): string {
  return `${rows}×${cols}`;
}

/** A preset reference shortened for display: a YAML path becomes its file name without `.yaml`. */
export function displayName(ref: string): string {
  return (ref.split(/[\\/]/).pop() ?? ref).replace(/\.ya?ml$/i, '');
}
