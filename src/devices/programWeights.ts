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
  /** Stream id of this matrix (e.g. layer or tile index), so matrices draw independently. Default 0. */
  readonly stream?: number;
  /**
   * Weight precision in bits. Omitted: one cell per weight, programmed to the
   * device level nearest to the weight. Given: the weight is quantised to
   * q = round(w/w_max · (2^bits − 1)) and bit-sliced over
   * `cellsPerWeight(bits, device)` cells of `cellBits` bits each.
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
 */
export function programWeights(options: ProgramWeightsOptions): ProgrammedWeights {
  const { weights, device, wMax, seed } = options;
  const stream = options.stream ?? 0;
  if (!(wMax > 0) || !Number.isFinite(wMax)) throw new XsnnError(`programWeights: wMax must be a positive finite number, got ${wMax}`);
  if (!Number.isInteger(seed)) throw new XsnnError(`programWeights: seed must be an integer, got ${seed}`);
  const nnz = weights.rowPtr[weights.rows] ?? 0;
  if (weights.values.length !== nnz) throw new XsnnError(`programWeights: weights.values has ${weights.values.length} entries, rowPtr says ${nnz}`);
  const gMin = device.gMinS;
  const gMax = device.gMaxS;
  const range = gMax - gMin;
  const continuous = !Number.isFinite(device.levelCount);
  const levels = continuous ? undefined : deviceLevels(device);
  const bits = options.weightBits;
  const cells = bits === undefined ? 1 : cellsPerWeight(bits, device);
  const sliceBits = bits === undefined ? 0 : Math.min(cellBits(device), bits);
  const sliceLevels = bits === undefined ? device.levelCount : 2 ** sliceBits;
  const qMax = bits === undefined ? 0 : 2 ** bits - 1;

  const total = nnz * cells;
  const levelIndex = new Int32Array(total);
  const target = new Float32Array(total);
  const programmed = new Float32Array(total);
  const fault = new Uint8Array(total);
  const rng = new Rng(seed, PROGRAMMING_STREAM, stream);
  const pHrs = device.stuckAtHrsRate;
  const pLrs = device.stuckAtLrsRate;
  const sD2d = device.deviceToDevice.sigma * range;
  const lognormal = device.deviceToDevice.distribution === 'lognormal';
  const sC2c = device.writeCycleToCycleSigma * range;
  const tolerance = wMax * 1e-6;

  for (let k = 0; k < nnz; k++) {
    const w = weights.values[k]!;
    if (!(w >= -tolerance && w <= wMax + tolerance)) {
      throw new XsnnError(
        `programWeights: weight ${k} is ${w}, expected a finite value in [0, ${wMax}] (signed weights need a differential pair: program W+ and W− separately)`,
      );
    }
    const x = Math.min(1, Math.max(0, w / wMax));
    if (bits === undefined) {
      if (levels === undefined) {
        levelIndex[k] = -1;
        target[k] = gMin + x * range;
      } else {
        const idx = nearestLevel(levels, gMin + x * range);
        levelIndex[k] = idx;
        target[k] = levels[idx]!;
      }
    } else {
      let q = Math.round(x * qMax);
      for (let s = cells - 1; s >= 0; s--) {
        const d = q % sliceLevels;
        q = (q - d) / sliceLevels;
        const c = k * cells + s;
        if (levels === undefined) {
          levelIndex[c] = -1;
          target[c] = gMin + (d / (sliceLevels - 1)) * range;
        } else {
          const idx = Math.round((d * (levels.length - 1)) / (sliceLevels - 1));
          levelIndex[c] = idx;
          target[c] = levels[idx]!;
        }
      }
    }
  }

  const ideal = pHrs === 0 && pLrs === 0 && sD2d === 0 && sC2c === 0;
  if (ideal) programmed.set(target); // nothing random: skip the draws
  for (let c = 0; c < (ideal ? 0 : total); c++) {
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

  return {
    nnz,
    cellsPerWeight: cells,
    weightBits: bits,
    sliceLevels,
    levelIndex,
    targetConductanceS: target,
    conductanceS: programmed,
    fault,
    gMinS: gMin,
    gMaxS: gMax,
    wMax,
  };
}
