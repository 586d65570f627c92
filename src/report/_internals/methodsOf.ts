import type { MethodTerm, PresetValues, ReferencePoint, ReportData } from '../ReportData.js';
import type { ReportRecords } from './ReportRecords.js';

function flatten(value: unknown, prefix: string, out: Array<readonly [string, string]>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix === '' ? k : `${prefix}.${k}`, out);
  } else out.push([prefix, typeof value === 'string' ? value : JSON.stringify(value)]);
}

/**
 * One row per (term, unit, formula): the value range is over the whole sweep, and the
 * source text (which quotes the inputs' values) is the reference point's, or the
 * first record's where the reference point does not have the term.
 */
function methodTerms(rr: ReportRecords, ref: ReferencePoint): MethodTerm[] {
  const terms = new Map<string, MethodTerm>();
  for (const r of [...rr.recs.filter((x) => rr.isRef(ref, x)), ...rr.recs.filter((x) => !rr.isRef(ref, x))]) {
    for (const t of r.explain) {
      const k = `${t.name}\u0000${t.unit}\u0000${t.formula}`;
      const prev = terms.get(k);
      terms.set(
        k,
        prev === undefined
          ? { name: t.name, unit: t.unit, formula: t.formula, source: t.source, min: t.value, max: t.value, count: 1 }
          : { ...prev, min: Math.min(prev.min, t.value), max: Math.max(prev.max, t.value), count: prev.count + 1 },
      );
    }
  }
  return [...terms.values()].sort((a, b) => a.name.localeCompare(b.name) || a.formula.localeCompare(b.formula));
}

/** Each device and periphery preset's values as written (flattened), with its citation. */
function presetValues(rr: ReportRecords): PresetValues[] {
  const m = rr.manifest;
  return [...m.devices.map((p) => ({ kind: 'device' as const, p })), ...m.periphery.map((p) => ({ kind: 'periphery' as const, p }))].map(({ kind, p }) => {
    const fields: Array<readonly [string, string]> = [];
    flatten(p.raw, '', fields);
    return {
      kind,
      name: p.name,
      hash: p.hash,
      source: typeof p.raw['source'] === 'string' ? p.raw['source'] : 'not cited',
      fields: fields.filter(([k]) => k !== 'source'),
    };
  });
}

/** The methods section's data: explain terms and preset values. */
export function methodsOf(rr: ReportRecords, ref: ReferencePoint): ReportData['methods'] {
  return { terms: methodTerms(rr, ref), presets: presetValues(rr) };
}
