import type { ExplainTerm } from './ExplainTerm.js';

/** A flat explain record: the shape results and reports store (`value` instead of `valueSI`, inputs folded into `source`). */
export interface FlatExplainTerm {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly formula: string;
  readonly source: string;
}

/**
 * Flattens explain terms for storage in a result record: each term becomes
 * `{ name, value, unit, formula, source }`, with its inputs written into `source`
 * as `name = value unit [source]; …` so nothing needed to recompute it is lost.
 */
export function flattenExplainTerms(terms: ReadonlyArray<ExplainTerm>): FlatExplainTerm[] {
  return terms.map((t) => ({
    name: t.name,
    value: t.valueSI,
    unit: t.unit,
    formula: t.formula,
    source: [t.source, ...t.inputs.map((i) => `${i.name} = ${i.value} ${i.unit} [${i.source}]`)].join('; '),
  }));
}
