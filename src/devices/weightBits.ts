/**
 * The weight precisions (bits) a crossbar can be programmed at: 1 … 24. The
 * upper end is float32's significand (24 bits): weights are stored as float32,
 * so finer quantization than that cannot be represented.
 */
export const WEIGHT_BITS = { min: 1, max: 24 } as const;

/** Whether `bits` is a whole number in {@link WEIGHT_BITS}. */
export function isValidWeightBits(bits: number): boolean {
  return Number.isInteger(bits) && bits >= WEIGHT_BITS.min && bits <= WEIGHT_BITS.max;
}
