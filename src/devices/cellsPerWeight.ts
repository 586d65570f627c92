import { XsnnError } from '../config/XsnnError.js';
import type { DeviceModel } from './DeviceModel.js';
import { isValidWeightBits, WEIGHT_BITS } from './weightBits.js';

/**
 * Bits one cell stores: ⌊log2 L⌋ for a device with L levels (NeuroSim's
 * `cellBit`); a continuous device stores any precision in one cell (Infinity).
 */
export function cellBits(device: DeviceModel): number {
  return Number.isFinite(device.levelCount) ? Math.floor(Math.log2(device.levelCount)) : Number.POSITIVE_INFINITY;
}

/**
 * Cells (columns) one weight of `weightBits` bits needs on `device` when the
 * weight is bit-sliced: ⌈weightBits / cellBits⌉, at least 1 (NeuroSim:
 * `numColPerSynapse = ceil(synapseBit / cellBit)`, with cellBit capped at
 * synapseBit). A continuous device always needs 1.
 */
export function cellsPerWeight(weightBits: number, device: DeviceModel): number {
  if (!isValidWeightBits(weightBits)) {
    throw new XsnnError(`cellsPerWeight: weightBits must be a whole number in ${WEIGHT_BITS.min}..${WEIGHT_BITS.max}, got ${weightBits}`);
  }
  const cb = cellBits(device);
  if (cb < 1) throw new XsnnError(`cellsPerWeight: device '${device.name}' has fewer than 2 levels`);
  return cb >= weightBits ? 1 : Math.ceil(weightBits / cb);
}
