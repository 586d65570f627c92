import { formatQuantity } from '../config/units.js';
import type { ExplainTerm } from './ExplainTerm.js';

/** Anything with a title, a total and the terms that sum to it (an `EnergyReport`, an `AreaReport`). */
export interface Explainable {
  readonly title: string;
  readonly terms: ReadonlyArray<ExplainTerm>;
}

/** Options of {@link explain}. */
export interface ExplainOptions {
  /** How many levels of `parts` to expand below each term (default 1). */
  readonly depth?: number;
}

function show(value: number, unit: string): string {
  if (unit === '1') return `${Number(value.toPrecision(6))}`;
  if (unit === 'm^2') return `${Number((value / 1e-12).toPrecision(6))} um^2`;
  if (unit === 'J' || unit === 'W' || unit === 'S' || unit === 's' || unit === 'V' || unit === 'm' || unit === 'Hz') return formatQuantity(value, unit, 5);
  return `${Number(value.toPrecision(6))} ${unit}`;
}

function termLines(t: ExplainTerm, indent: string, depth: number, out: string[]): void {
  out.push(`${indent}${t.name} = ${show(t.valueSI, t.unit)}`);
  out.push(`${indent}  formula: ${t.formula}`);
  for (const i of t.inputs) out.push(`${indent}  - ${i.name} = ${show(i.value, i.unit)}  [${i.source}]`);
  out.push(`${indent}  source: ${t.source}`);
  if (depth > 0 && t.parts !== undefined) for (const p of t.parts) termLines(p, `${indent}    `, depth - 1, out);
}

/**
 * A plain-text account of a report: each term with its value, formula, inputs
 * (value, unit, source) and source, then the total, which is the sum of the
 * listed terms (omitted when the terms have different units, e.g. a table of
 * per-event energies: `explain({ title, terms: eventEnergyTerms(e) })`).
 * A reviewer can recompute every line by hand.
 */
export function explain(report: Explainable, options: ExplainOptions = {}): string {
  const depth = options.depth ?? 1;
  const out: string[] = [report.title, ''];
  let total = 0;
  const units = new Set(report.terms.map((t) => t.unit));
  for (const t of report.terms) {
    termLines(t, '', depth, out);
    out.push('');
    total += t.valueSI;
  }
  // A total only makes sense when every term has the same unit (not for a table of per-event energies).
  if (units.size === 1) out.push(`total = ${report.terms.map((t) => t.name).join(' + ')} = ${show(total, [...units][0]!)}`);
  return `${out.join('\n')}\n`;
}
