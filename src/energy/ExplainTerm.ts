/** One input of an {@link ExplainTerm}: a named value with its unit and where it comes from. */
export interface ExplainInput {
  readonly name: string;
  readonly value: number;
  /** SI unit of `value` (`J`, `m^2`, `S`, …) or `1` for a pure number. */
  readonly unit: string;
  /** Citation, or "xsnn assumption: …" with the reasoning. */
  readonly source: string;
}

/**
 * A number of the hardware model with everything needed to reproduce it: the
 * formula, its inputs (values, units, sources) and, for a total built from
 * per-event terms, those terms as `parts`.
 */
export interface ExplainTerm {
  /** Short identifier, e.g. `readEnergyPerCell`. */
  readonly name: string;
  /** Value in SI units. */
  readonly valueSI: number;
  /** SI unit of `valueSI`. */
  readonly unit: string;
  /** The equation, written with the input names. */
  readonly formula: string;
  readonly inputs: ReadonlyArray<ExplainInput>;
  /** Citation of the model (the inputs carry their own). */
  readonly source: string;
  /** Sub-terms this term is built from (e.g. the per-event energy behind a count × energy). */
  readonly parts?: ReadonlyArray<ExplainTerm>;
}

/** Builds an {@link ExplainTerm}, checking the value is finite (fail fast on a broken model). */
export function explainTerm(term: ExplainTerm): ExplainTerm {
  if (!Number.isFinite(term.valueSI)) throw new Error(`xsnn hardware model produced a non-finite ${term.name} (${term.valueSI})`);
  return Object.freeze(term);
}

/** Shorthand for an {@link ExplainInput}. */
export function input(name: string, value: number, unit: string, source: string): ExplainInput {
  return Object.freeze({ name, value, unit, source });
}
