/**
 * The programmed state of a mapped network's cells, in the entry order of a
 * {@link DriveLayout} (plain typed arrays, so a worker thread can rebuild the
 * drive from them). Built by `programCrossbar`.
 *
 * Weight ↔ current (unsigned encoding, G_min baseline cancelled by a reference
 * column per tile: each bit line's current minus the reference column's
 * G_min·V_read per active row). A cell's contribution in weight units is
 * `(G − G_min) · sliceScale[s]`, with, for a single cell per weight,
 * `sliceScale = w_max / (G_max − G_min)`, and for weights bit-sliced over n
 * cells of D levels, `sliceScale[s] = w_max·(D−1)·D^(n−1−s) / ((G_max − G_min)·(2^bits − 1))`
 * (the inverse of `programWeights`, as in `conductanceToWeight`).
 */
export interface DriveWeights {
  /**
   * `linear`: the column partial sums are summed exactly and linearly (no read
   * noise, no ADC), so each synapse adds its effective weight `w[e]` straight
   * into its neuron (the same sum, in the SNN's order);
   * `tiled`: per step, each tile's physical columns accumulate `G − G_min`, then
   * get read noise and/or ADC quantization, are shift-added over the slices and
   * the split columns' partial sums are added into the neuron.
   */
  readonly mode: 'linear' | 'tiled';
  /** Whether `w` are the stored weights themselves (ideal device: the identity map, no float round trip). */
  readonly exact: boolean;
  /** Effective weight of each entry (layout order), as the hardware realises it without read noise or ADC. */
  readonly w: Float32Array;
  /** Cells per weight. */
  readonly cellsPerWeight: number;
  /** `G − G_min` of each cell (S), `entry·cellsPerWeight + slice`, layout order (tiled mode; empty otherwise). */
  readonly deltaG: Float32Array;
  /** Weight per siemens of each slice (see above). */
  readonly sliceScale: Float64Array;
  /** Σ G (S) of the programmed cells of each segment (array read energy of one row activation). */
  readonly segConductanceS: Float64Array;
  /** σ of one cell's read noise (S); 0 = off. */
  readonly readNoiseSigmaS: number;
  /**
   * ADC of each tile column, when the periphery is an ADC: resolution and the
   * full scale of each physical column `tc·cellsPerWeight + s` (S, of `G − G_min`).
   */
  readonly adc: { readonly bits: number; readonly fullScaleS: Float32Array } | null;
}
