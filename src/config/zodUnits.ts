import { z } from 'zod';
import { parseFeatureArea, parseQuantity, SI_UNITS, type Dimension } from './units.js';
import { XsnnError } from './XsnnError.js';

/**
 * A zod schema for a physical quantity written as a string with a unit
 * (`"100 kohm"`); the parsed output is the value in SI units (a number).
 * Bare numbers are refused: a preset always says its unit.
 */
export function quantity(dimension: Dimension) {
  return z.string({ error: `expected a ${dimension} with a unit, e.g. "1 ${SI_UNITS[dimension]}"` }).transform((text, ctx) => {
    try {
      return parseQuantity(text, dimension);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: err instanceof XsnnError ? err.message : String(err) });
      return z.NEVER;
    }
  });
}

/** A positive physical quantity (see {@link quantity}). */
export function positiveQuantity(dimension: Dimension) {
  return quantity(dimension).refine((v) => v > 0, { message: `must be a positive ${dimension}` });
}

/** A non-negative physical quantity (see {@link quantity}). */
export function nonNegativeQuantity(dimension: Dimension) {
  return quantity(dimension).refine((v) => v >= 0, { message: `must be a non-negative ${dimension}` });
}

/** A cell area in squared feature sizes, `"4 F^2"` → 4. */
export function featureArea() {
  return z.string({ error: 'expected a cell area like "4 F^2"' }).transform((text, ctx) => {
    try {
      const v = parseFeatureArea(text);
      if (!(v > 0)) throw new XsnnError(`must be positive, got "${text}"`);
      return v;
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: err instanceof XsnnError ? err.message : String(err) });
      return z.NEVER;
    }
  });
}

/** A citation every preset carries: where its numbers come from. */
export const citationSchema = z.string().min(3, 'a preset must cite where its numbers come from');
