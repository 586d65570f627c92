/** |f − 1| below this makes w ← fround(w·f) the identity for every float32 w (half an ulp is ≥ 2^−25 relative). */
const IDENTITY = 2 ** -26;

/**
 * Column normalisation of the input→E weights, w_ij ← fround(w_ij · S / Σ_i w_ij)
 * (Σ in float64, over the column's surviving synapses in input order; a column
 * summing to 0 is left alone), computed column by column so that columns that
 * did not change cost nothing. Bit-for-bit the same as one pass over all
 * synapses: the sum of a column is accumulated in the same order, and a column
 * is skipped only when its weights are unchanged since it was last normalised
 * and the factor its cached sum gives is within 2^−26 of 1, where rounding
 * w·f back to float32 returns w.
 */
export class ColumnNormalizer {
  private readonly sums: Float64Array;
  private readonly known: Uint8Array;

  constructor(neurons: number) {
    this.sums = new Float64Array(neurons);
    this.known = new Uint8Array(neurons);
  }

  /** Forgets every cached column sum (after the weights changed wholesale). */
  invalidate(): void {
    this.known.fill(0);
  }

  /** Whether column `j` must be visited: it changed (`touched`), has no cached sum, or its factor is not the identity. */
  needs(j: number, touched: boolean, target: number): boolean {
    if (touched || this.known[j] === 0) return true;
    const sum = this.sums[j]!;
    const f = sum > 0 ? target / sum : 1;
    return Math.abs(f - 1) >= IDENTITY;
  }

  /** Normalises column `j` of `w` (entries `colPos[j·nInputs + i]`, −1 = pruned) to sum `target`; caches the new sum. */
  column(j: number, w: Float32Array, colPos: Int32Array, nInputs: number, target: number): void {
    const base = j * nInputs;
    let sum = 0;
    for (let i = 0; i < nInputs; i++) {
      const e = colPos[base + i]!;
      if (e >= 0) sum += w[e]!;
    }
    const f = sum > 0 ? target / sum : 1;
    let after = 0;
    for (let i = 0; i < nInputs; i++) {
      const e = colPos[base + i]!;
      if (e < 0) continue;
      const v = Math.fround(w[e]! * f);
      w[e] = v;
      after += v;
    }
    this.sums[j] = after;
    this.known[j] = 1;
  }
}
