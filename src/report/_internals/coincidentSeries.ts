import type { Series } from '../ReportData.js';

/** Two series that lie on each other (equal within `tolerance`, relative) at `at` (indices of the shared categories). */
export interface Coincidence {
  readonly a: string;
  readonly b: string;
  /** Category indices where both have a value and they coincide. */
  readonly at: ReadonlyArray<number>;
  /** Whether they coincide at every category where both have a value. */
  readonly everywhere: boolean;
}

/**
 * Pairs of series whose points coincide (|a − b| ≤ tolerance · max(|a|, |b|)) at
 * one category or more: a line drawn later hides the earlier one there. Default
 * tolerance 0.5 %, about a line's width on a chart of a decade.
 */
export function coincidentSeries(series: ReadonlyArray<Series>, tolerance = 0.005): Coincidence[] {
  const out: Coincidence[] = [];
  for (let i = 0; i < series.length; i++) {
    for (let j = i + 1; j < series.length; j++) {
      const a = series[i]!.values;
      const b = series[j]!.values;
      const at: number[] = [];
      let shared = 0;
      for (let k = 0; k < Math.min(a.length, b.length); k++) {
        const x = a[k];
        const y = b[k];
        if (x === null || x === undefined || y === null || y === undefined) continue;
        shared++;
        if (Math.abs(x - y) <= tolerance * Math.max(Math.abs(x), Math.abs(y))) at.push(k);
      }
      if (at.length > 0) out.push({ a: series[i]!.label, b: series[j]!.label, at, everywhere: at.length === shared });
    }
  }
  return out;
}

/** A caption sentence naming coincident series (empty when none): `"B lies exactly on A (at every size); D meets C at 64×128 and 128×128."`. */
export function coincidenceNote(series: ReadonlyArray<Series>, categories: ReadonlyArray<string>, what = 'size'): string {
  const c = coincidentSeries(series);
  if (c.length === 0) return '';
  const list = (idx: ReadonlyArray<number>): string => {
    const names = idx.map((k) => categories[k] ?? String(k));
    return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
  };
  const parts = c.map((x) => (x.everywhere ? `“${x.b}” lies on “${x.a}” at every ${what}` : `“${x.b}” lies on “${x.a}” at ${list(x.at)}`));
  return ` Coincident series (equal within 0.5 %, drawn with hollow, larger markers so both show): ${parts.join('; ')}.`;
}
