import { Rng } from '../core/Rng.js';
import { XsnnError } from '../config/XsnnError.js';
import type { CsrMatrix } from '../core/CsrMatrix.js';
import { cellBits, cellsPerWeight } from './cellsPerWeight.js';
import type { DeviceModel } from './DeviceModel.js';
import { deviceLevels } from './deviceLevels.js';
import { nearestLevel } from './nearestLevel.js';

/** Stream tag mixed into the seed of every programming draw (keeps it apart from other users of the same seed). */
export const PROGRAMMING_STREAM = 0x50524f47; // "PROG"

/** Fault codes stored per programmed cell: 0 none, 1 stuck at HRS (G = G_min), 2 stuck at LRS (G = G_max). */
export const CellFault = { None: 0, StuckAtHrs: 1, StuckAtLrs: 2 } as const;

/** Options of {@link programWeights}. */
export interface ProgramWeightsOptions {
  /** Non-negative weights to program (the stored entries of a pruned matrix). */
  readonly weights: CsrMatrix;
  readonly device: DeviceModel;
  /** Weight that maps onto G_max (> 0); every weight must lie in [0, wMax]. */
  readonly wMax: number;
  /** Seed of the programming draws (variation and faults). */
  readonly seed: number;
  /**
   * Stream id of this matrix (e.g. layer or tile index), so matrices draw independently.
   * @defaultValue `0`
   */
  readonly stream?: number;
  /**
   * Weight precision in bits. Omitted: one cell per weight, programmed to the
   * device level nearest to the weight. Given: the weight is quantised to
   * q = round(w/w_max · (2^bits − 1)) and bit-sliced over
   * `cellsPerWeight(bits, device)` cells of `cellBits` bits each.
   * @defaultValue undefined (one cell per weight at the nearest device level)
   */
  readonly weightBits?: number;
}

/**
 * The result of programming: per cell (index `k·cellsPerWeight + s`, weight k in
 * CSR order, slice s most significant first) the target level, the target and
 * programmed conductances and the fault.
 */
export interface ProgrammedWeights {
  readonly nnz: number;
  readonly cellsPerWeight: number;
  /** Weight bits when bit-slicing/quantising to a precision, else undefined. */
  readonly weightBits: number | undefined;
  /** Levels used per slice when bit-slicing (2^cellBits), else the device's level count (Infinity when continuous). */
  readonly sliceLevels: number;
  /** Target level index per cell into `deviceLevels(device)`; −1 for a continuous device. */
  readonly levelIndex: Int32Array;
  /** Conductance the cell is programmed towards (S). */
  readonly targetConductanceS: Float32Array;
  /** Conductance after programming, with variation and faults (S). */
  readonly conductanceS: Float32Array;
  /** {@link CellFault} per cell. */
  readonly fault: Uint8Array;
  readonly gMinS: number;
  readonly gMaxS: number;
  readonly wMax: number;
}

/**
 * Programs non-negative weights onto device cells (one pass, write-verify to the
 * target level, then the residual errors below).
 *
 * Mapping: w ∈ [0, w_max] ↦ G_t = G_min + (w / w_max)·(G_max − G_min), then the
 * nearest device level (see `nearestLevel`), or the bit-sliced digits described in
 * {@link ProgramWeightsOptions.weightBits} (digit d of a slice with D = 2^cellBits
 * values goes to level round(d·(L−1)/(D−1))).
 *
 * Non-idealities, per cell, from `new Rng(seed, PROGRAMMING_STREAM, stream)`
 * drawing (u, z₁, z₂) for every cell in order (so a change of σ reuses the same
 * draws; a device with no variation and no faults draws nothing):
 * - stuck-at: u < p_HRS → G = G_min; u < p_HRS + p_LRS → G = G_max (no variation);
 * - device-to-device, Δ = G_max − G_min: gaussian G = G_t + σ_d2d·Δ·z₁;
 *   lognormal G = G_t·exp(s·z₁ − s²/2), s = σ_d2d·Δ/G_t (mean-preserving);
 * - write cycle-to-cycle: + σ_c2c·Δ·z₂;
 * - G is clipped at 0 (a conductance cannot be negative); it is not clipped to
 *   [G_min, G_max], so variation can push a cell past the ends.
 *
 * @throws {@link XsnnError} when wMax is not a positive finite number, the seed
 * is not an integer, the CSR arrays disagree, a weight lies outside [0, wMax]
 * (or is NaN), or weightBits is outside {@link WEIGHT_BITS}.
 */
export function programWeights(options: ProgramWeightsOptions): ProgrammedWeights {
  const { weights, device, wMax, seed } = options;
  if (!(wMax > 0) || !Number.isFinite(wMax)) throw new XsnnError(`programWeights: wMax must be a positive finite number, got ${wMax}`);
  if (!Number.isInteger(seed)) throw new XsnnError(`programWeights: seed must be an integer, got ${seed}`);
  const nnz = weights.rowPtr[weights.rows] ?? 0;
  if (weights.values.length !== nnz) throw new XsnnError(`programWeights: weights.values has ${weights.values.length} entries, rowPtr says ${nnz}`);
  const bits = options.weightBits;
  const cells = bits === undefined ? 1 : cellsPerWeight(bits, device);
  const sliceBits = bits === undefined ? 0 : Math.min(cellBits(device), bits);
  const sliceLevels = bits === undefined ? device.levelCount : 2 ** sliceBits;
  const targets = targetLevels(weights.values, nnz, wMax, device, { bits, cells, sliceLevels });
  const { programmed, fault } = programmingErrors(targets.target, device, new Rng(seed, PROGRAMMING_STREAM, options.stream ?? 0));
  return {
    nnz,
    cellsPerWeight: cells,
    weightBits: bits,
    sliceLevels,
    levelIndex: targets.levelIndex,
    targetConductanceS: targets.target,
    conductanceS: programmed,
    fault,
    gMinS: device.gMinS,
    gMaxS: device.gMaxS,
    wMax,
  };
}

/** Weights within this fraction of w_max outside [0, w_max] are accepted (and clipped): rounding of stored weights. */
const WEIGHT_RANGE_TOLERANCE = 1e-6;

/** How weights become cells: bits of precision (undefined: one cell at the nearest level), cells per weight, values per slice. */
interface SliceLayout {
  readonly bits: number | undefined;
  readonly cells: number;
  readonly sliceLevels: number;
}

/** Target level index (−1 continuous) and target conductance of every cell; throws on a weight outside [0, w_max]. */
function targetLevels(
  values: ArrayLike<number>,
  nnz: number,
  wMax: number,
  device: DeviceModel,
  layout: SliceLayout,
): { levelIndex: Int32Array; target: Float32Array } {
  const { bits, cells, sliceLevels } = layout;
  const gMin = device.gMinS;
  const range = device.gMaxS - gMin;
  const levels = Number.isFinite(device.levelCount) ? deviceLevels(device) : undefined;
  const qMax = bits === undefined ? 0 : 2 ** bits - 1;
  const levelIndex = new Int32Array(nnz * cells);
  const target = new Float32Array(nnz * cells);
  const tolerance = wMax * WEIGHT_RANGE_TOLERANCE;
  for (let k = 0; k < nnz; k++) {
    const w = values[k]!;
    if (!(w >= -tolerance && w <= wMax + tolerance)) {
      throw new XsnnError(
        `programWeights: weight ${k} is ${w}, expected a finite value in [0, ${wMax}] (signed weights need a differential pair: program W+ and W− separately)`,
      );
    }
    const x = Math.min(1, Math.max(0, w / wMax));
    if (bits === undefined) {
      const idx = levels === undefined ? -1 : nearestLevel(levels, gMin + x * range);
      levelIndex[k] = idx;
      target[k] = levels === undefined ? gMin + x * range : levels[idx]!;
      continue;
    }
    let q = Math.round(x * qMax);
    for (let s = cells - 1; s >= 0; s--) {
      const d = q % sliceLevels;
      q = (q - d) / sliceLevels;
      const c = k * cells + s;
      const idx = levels === undefined ? -1 : Math.round((d * (levels.length - 1)) / (sliceLevels - 1));
      levelIndex[c] = idx;
      target[c] = levels === undefined ? gMin + (d / (sliceLevels - 1)) * range : levels[idx]!;
    }
  }
  return { levelIndex, target };
}

/** Programmed conductance and fault of every cell: stuck-at faults, device-to-device and write cycle-to-cycle variation (three draws per cell). */
function programmingErrors(target: Float32Array, device: DeviceModel, rng: Rng): { programmed: Float32Array; fault: Uint8Array } {
  const total = target.length;
  const programmed = new Float32Array(total);
  const fault = new Uint8Array(total);
  const gMin = device.gMinS;
  const gMax = device.gMaxS;
  const range = gMax - gMin;
  const pHrs = device.stuckAtHrsRate;
  const pLrs = device.stuckAtLrsRate;
  const sD2d = device.deviceToDevice.sigma * range;
  const lognormal = device.deviceToDevice.distribution === 'lognormal';
  const sC2c = device.writeCycleToCycleSigma * range;
  if (pHrs === 0 && pLrs === 0 && sD2d === 0 && sC2c === 0) {
    programmed.set(target); // nothing random: skip the draws
    return { programmed, fault };
  }
  for (let c = 0; c < total; c++) {
    const u = rng.uniform();
    const z1 = rng.normal();
    const z2 = rng.normal();
    const gt = target[c]!;
    let g: number;
    if (u < pHrs) {
      g = gMin;
      fault[c] = CellFault.StuckAtHrs;
    } else if (u < pHrs + pLrs) {
      g = gMax;
      fault[c] = CellFault.StuckAtLrs;
    } else {
      if (lognormal) {
        const s = gt > 0 ? sD2d / gt : 0;
        g = gt * Math.exp(s * z1 - 0.5 * s * s);
      } else {
        g = gt + sD2d * z1;
      }
      g += sC2c * z2;
      if (g < 0) g = 0;
    }
    programmed[c] = g;
  }
  return { programmed, fault };
}
