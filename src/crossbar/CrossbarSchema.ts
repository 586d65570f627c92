import { z } from 'zod';
import { positiveQuantity, source } from '../config/zodUnits.js';
import { isValidWeightBits, WEIGHT_BITS } from '../devices/weightBits.js';

/**
 * Weight precision to store: `device` (one cell per weight at the device's own
 * levels), a number of bits (`8`, `"8 bits"`), or a number of levels
 * (`"256 levels"`, rounded up to ⌈log2 levels⌉ bits). Output: bits, or
 * `undefined` for `device`.
 */
const WeightPrecisionSchema = z
  .union([z.number(), z.string()], { error: 'expected "device", a number of bits or "<n> levels"' })
  .transform((v, ctx): number | undefined => {
    if (v === 'device') return undefined;
    if (typeof v === 'number') {
      if (isValidWeightBits(v)) return v;
      ctx.addIssue({ code: 'custom', message: `weight precision must be a whole number of bits in ${WEIGHT_BITS.min}..${WEIGHT_BITS.max}, received ${v}` });
      return z.NEVER;
    }
    const m = /^\s*(\d+)\s*(bits?|levels?)\s*$/i.exec(v);
    if (m === null) {
      ctx.addIssue({ code: 'custom', message: `expected "device", a number of bits (8, "8 bits") or "<n> levels", received "${v}"` });
      return z.NEVER;
    }
    const n = Number(m[1]);
    const bits = /^bit/i.test(m[2]!) ? n : Math.ceil(Math.log2(n));
    if (!isValidWeightBits(bits) || (/^level/i.test(m[2]!) && n < 2)) {
      ctx.addIssue({
        code: 'custom',
        message: `weight precision "${v}" is outside ${WEIGHT_BITS.min}..${WEIGHT_BITS.max} bits (2..2^${WEIGHT_BITS.max} levels)`,
      });
      return z.NEVER;
    }
    return bits;
  });

/** Column periphery: an integrate-and-fire circuit per column, or an ADC shared by `columnsPerAdc` columns. */
const PeripherySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    /** Integrate-and-fire neuron circuit per (logical) column (NeuroSim V3.0 ReadCircuit). */
    kind: z.literal('neuron'),
  }),
  z.strictObject({
    kind: z.literal('adc'),
    /** ADC resolution in bits. */
    bits: z.int().min(1).max(12),
    /** Columns multiplexed onto one ADC (column-mux ratio). */
    columnsPerAdc: z.int().min(1),
    /** `neurosim-sar`: NeuroSim's SAR ADC model; `isaac`: ISAAC's 8-bit 1.28 GS/s ADC. */
    model: z.enum(['neurosim-sar', 'isaac']).default('neurosim-sar'),
  }),
]);

/**
 * The zod schema of a crossbar spec preset (`crossbar/*.yaml`): one tile of
 * `rows × cols` cells of a device, its weight storage and its periphery.
 */
export const CrossbarSchema = z.strictObject({
  name: z.string().min(1),
  source,
  notes: z.string().optional(),
  /** Device preset (name or path, relative to this file first). */
  device: z.string().min(1),
  /** Word lines (inputs) per tile, any positive integer. */
  rows: z.int('rows must be a whole number').min(1, 'rows must be >= 1'),
  /** Physical bit lines (cell columns) per tile, any positive integer. */
  cols: z.int('cols must be a whole number').min(1, 'cols must be >= 1'),
  /** Technology node of the tile; default: the device's node. The cell area F² is taken at this node. */
  node: positiveQuantity('length').optional(),
  weightPrecision: WeightPrecisionSchema,
  /** `unsigned`: one cell (set) per weight with a G_min reference column; `differential`: a G+/G− pair for signed weights. */
  weightEncoding: z.enum(['unsigned', 'differential']),
  /** Whether a neuron's column may be split over several tiles (partial sums added digitally). */
  splitColumns: z.boolean(),
  periphery: PeripherySchema,
  /** Split (partial-sum) columns served by one digital adder (time-multiplexed). */
  columnsPerAdder: z.int().min(1),
});

/** A validated crossbar preset (before the device is resolved). */
export type CrossbarConfig = z.output<typeof CrossbarSchema>;
/** Column periphery of a tile. */
export type Periphery = CrossbarConfig['periphery'];
