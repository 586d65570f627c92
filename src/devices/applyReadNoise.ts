import type { Rng } from '../core/Rng.js';
import type { DeviceModel } from './DeviceModel.js';

/**
 * One noisy read of programmed conductances: cycle-to-cycle read noise drawn
 * anew at each call, G_read = max(0, G + σ_read·(G_max − G_min)·z), z ~ N(0, 1)
 * from `rng` (one draw per cell, in order). Writes into `out` (default: a new
 * array) and returns it. With σ_read = 0 it copies and draws nothing.
 */
export function applyReadNoise(
  conductanceS: Float32Array,
  device: DeviceModel,
  rng: Rng,
  out: Float32Array = new Float32Array(conductanceS.length),
): Float32Array {
  const sigmaS = readNoiseSigmaS(device);
  if (sigmaS === 0) {
    out.set(conductanceS);
    return out;
  }
  for (let i = 0; i < conductanceS.length; i++) {
    const g = conductanceS[i]! + sigmaS * rng.normal();
    out[i] = g > 0 ? g : 0;
  }
  return out;
}

/**
 * σ of the read noise of one cell in siemens, σ_read·(G_max − G_min). The noise
 * of a column current summing n independent cells has σ·√n (for co-simulation
 * that perturbs column sums instead of cells).
 */
export function readNoiseSigmaS(device: DeviceModel): number {
  return device.readNoiseSigma * (device.gMaxS - device.gMinS);
}
