import { XsnnError } from '../config/XsnnError.js';
import type { DeviceModel } from './DeviceModel.js';

/**
 * The programmable conductance levels of a device in siemens, ascending,
 * `levels[0] = G_min` and `levels[L−1] = G_max` (unless an explicit list was given).
 *
 * - Explicit list: returned as is.
 * - Linear device (writeNonlinearity 0): G_k = G_min + k/(L−1) · (G_max − G_min).
 * - Nonlinear write (NeuroSim model, A = writeNonlinearity): the states reached by
 *   identical pulses, G_k = G_min + B·(1 − e^(−p_k/A)), p_k = k/(L−1),
 *   B = (G_max − G_min)/(1 − e^(−1/A)); levels crowd towards G_max.
 *
 * Throws for a continuous device (it has no discrete levels; check
 * `device.levelCount === Infinity`). `levelCount` overrides the device's count
 * (used to compare precisions on the same device).
 */
export function deviceLevels(device: DeviceModel, levelCount: number = device.levelCount): Float64Array {
  if (device.levelListS !== undefined && levelCount === device.levelCount) return Float64Array.from(device.levelListS);
  if (!Number.isFinite(levelCount)) throw new XsnnError(`deviceLevels: device '${device.name}' is continuous (no discrete levels)`);
  if (!Number.isInteger(levelCount) || levelCount < 2) throw new XsnnError(`deviceLevels: levelCount must be a whole number >= 2, got ${levelCount}`);
  const out = new Float64Array(levelCount);
  const range = device.gMaxS - device.gMinS;
  const a = device.writeNonlinearity;
  const b = a > 0 ? range / (1 - Math.exp(-1 / a)) : 0;
  for (let k = 0; k < levelCount; k++) {
    const p = k / (levelCount - 1);
    out[k] = a > 0 ? device.gMinS + b * (1 - Math.exp(-p / a)) : device.gMinS + p * range;
  }
  out[levelCount - 1] = device.gMaxS;
  return out;
}
