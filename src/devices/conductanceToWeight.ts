import { XsnnError } from '../config/XsnnError.js';

/** What {@link conductanceToWeight} needs: conductances and the programming layout (a `ProgrammedWeights` fits). */
export interface ConductanceToWeightOptions {
  /** Conductances per cell in S, `nnz · cellsPerWeight` entries, slices most significant first. */
  readonly conductanceS: ArrayLike<number>;
  readonly gMinS: number;
  readonly gMaxS: number;
  readonly wMax: number;
  /** Cells per weight (default 1). */
  readonly cellsPerWeight?: number;
  /** Weight bits when the weights were bit-sliced (required when cellsPerWeight > 1). */
  readonly weightBits?: number | undefined;
  /** Levels per slice (2^cellBits) when bit-sliced. */
  readonly sliceLevels?: number;
}

/**
 * Reads weights back from conductances, the inverse of the programming map with
 * the G_min baseline cancelled by a reference column:
 *
 *   single cell:  w = w_max · (G − G_min) / (G_max − G_min)
 *   bit-sliced:   w = w_max · Σ_s d_s · D^(n−1−s) / (2^bits − 1),
 *                 d_s = (D − 1) · (G_s − G_min) / (G_max − G_min)
 *
 * No clipping: a cell pushed below G_min by variation reads as a negative weight,
 * as the differential current would.
 */
export function conductanceToWeight(options: ConductanceToWeightOptions): Float32Array {
  const { conductanceS, gMinS, gMaxS, wMax } = options;
  const cells = options.cellsPerWeight ?? 1;
  if (!(gMaxS > gMinS)) throw new XsnnError(`conductanceToWeight: gMaxS (${gMaxS}) must exceed gMinS (${gMinS})`);
  if (!Number.isInteger(cells) || cells < 1) throw new XsnnError(`conductanceToWeight: cellsPerWeight must be a whole number >= 1, got ${cells}`);
  if (conductanceS.length % cells !== 0)
    throw new XsnnError(`conductanceToWeight: ${conductanceS.length} conductances is not a multiple of cellsPerWeight ${cells}`);
  const n = conductanceS.length / cells;
  const out = new Float32Array(n);
  const scale = wMax / (gMaxS - gMinS);
  const bits = options.weightBits;
  if (bits === undefined) {
    if (cells !== 1) throw new XsnnError('conductanceToWeight: weightBits is required when cellsPerWeight > 1');
    for (let k = 0; k < n; k++) out[k] = (conductanceS[k]! - gMinS) * scale;
    return out;
  }
  const d = options.sliceLevels ?? 2 ** Math.ceil(bits / cells);
  const qMax = 2 ** bits - 1;
  const digitScale = (d - 1) / (gMaxS - gMinS);
  for (let k = 0; k < n; k++) {
    let q = 0;
    for (let s = 0; s < cells; s++) q = q * d + (conductanceS[k * cells + s]! - gMinS) * digitScale;
    out[k] = (q / qMax) * wMax;
  }
  return out;
}

/** Weight per siemens of the linear single-cell map: w_max / (G_max − G_min). */
export function weightPerSiemens(gMinS: number, gMaxS: number, wMax: number): number {
  return wMax / (gMaxS - gMinS);
}
