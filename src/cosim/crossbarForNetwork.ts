import { XsnnError } from '../config/XsnnError.js';
import type { DeviceModel } from '../devices/DeviceModel.js';
import type { Checkpoint } from '../snn/Checkpoint.js';
import { crossbarFromConfig } from '../crossbar/loadCrossbar.js';
import type { CrossbarSpec } from '../crossbar/CrossbarSpec.js';
import { isValidWeightBits, WEIGHT_BITS } from '../devices/weightBits.js';

/** Precision a dense (unquantized, float32-trained) network is stored at on a device with discrete levels. */
export const DENSE_WEIGHT_BITS = 8;

/** Options of {@link crossbarForNetwork}. */
export interface CrossbarForNetworkOptions {
  readonly crossbar: CrossbarSpec;
  readonly checkpoint: Pick<Checkpoint, 'counts' | 'recipe'>;
  /** Device to use instead of the crossbar's (e.g. another preset, or another σ). */
  readonly device?: DeviceModel;
  /** Force the precision: bits (bit-sliced) or `device` (one cell per weight at the device's levels). */
  readonly weightBits?: number | 'device';
}

/** The crossbar spec a network is co-simulated on, and why its weight precision was chosen. */
export interface NetworkCrossbar {
  readonly crossbar: CrossbarSpec;
  /** Human-readable reason for the precision. */
  readonly precision: string;
}

/**
 * Chooses how a checkpoint's weights are stored on a crossbar and returns the
 * spec with that precision (and device). In order:
 * 1. `weightBits` given: that;
 * 2. the crossbar preset sets `weightPrecision`: that;
 * 3. the network is quantized to L levels: one cell per weight at the device's
 *    levels when L ≤ the device's level count (or the device is continuous), else
 *    ⌈log2 L⌉ bits bit-sliced;
 * 4. a dense float network: one cell per weight on a continuous device (exact),
 *    else {@link DENSE_WEIGHT_BITS} bits bit-sliced over ⌈8 / cellBits⌉ cells.
 */
export function crossbarForNetwork(o: CrossbarForNetworkOptions): NetworkCrossbar {
  const xb = o.crossbar;
  const device = o.device ?? xb.device;
  let bits: number | undefined;
  let why: string;
  if (o.weightBits !== undefined) {
    bits = o.weightBits === 'device' ? undefined : o.weightBits;
    why = o.weightBits === 'device' ? 'forced: one cell per weight at the device levels' : `forced: ${o.weightBits} bits`;
  } else if (xb.weightBits !== undefined) {
    bits = xb.weightBits;
    why = `crossbar preset '${xb.name}': ${bits} bits`;
  } else {
    const levels = networkLevels(o.checkpoint);
    const continuous = !Number.isFinite(device.levelCount);
    if (levels !== null && levels > 0) {
      if (continuous || levels <= device.levelCount) {
        bits = undefined;
        why = `network quantized to ${levels} levels, which fit the device's ${continuous ? 'continuous range' : `${device.levelCount} levels`}: one cell per weight`;
      } else {
        bits = Math.ceil(Math.log2(levels));
        why = `network quantized to ${levels} levels, more than the device's ${device.levelCount}: ${bits} bits bit-sliced`;
      }
    } else if (continuous) {
      bits = undefined;
      why = 'dense float weights on a continuous device: one cell per weight, exact';
    } else {
      bits = DENSE_WEIGHT_BITS;
      why = `dense network at its trained precision, taken as ${DENSE_WEIGHT_BITS} bits, bit-sliced onto the device`;
    }
  }
  if (bits !== undefined && !isValidWeightBits(bits))
    throw new XsnnError(`crossbarForNetwork: weight bits must be a whole number in ${WEIGHT_BITS.min}..${WEIGHT_BITS.max}, got ${bits}`);
  const spec = crossbarFromConfig(
    {
      name: xb.title,
      source: xb.source,
      ...(xb.notes !== undefined ? { notes: xb.notes } : {}),
      device: xb.deviceRef,
      rows: xb.rows,
      cols: xb.cols,
      node: xb.nodeM,
      weightPrecision: bits,
      weightEncoding: xb.weightEncoding,
      splitColumns: xb.splitColumns,
      periphery: xb.periphery,
      columnsPerAdder: xb.columnsPerAdder,
      timing: xb.timing,
      neurons: xb.neurons,
      delays: xb.delays,
    },
    device,
    { name: xb.name, ...(xb.file !== undefined ? { file: xb.file } : {}), deviceRef: o.device !== undefined ? device.name : xb.deviceRef },
  );
  return { crossbar: spec, precision: why };
}

/**
 * The weight levels a network is quantized to: the recipe's `quantization.levels`
 * (or its explicit `values` plus level 0), else the distinct levels the
 * checkpoint recorded; `null` for an unquantized (float) network.
 */
export function networkLevels(ck: Pick<Checkpoint, 'counts' | 'recipe'>): number | null {
  const q = ck.recipe.quantization;
  if (q.levels !== null) return q.levels;
  if (q.values !== null) return new Set([0, ...q.values]).size;
  return ck.counts.levels;
}
