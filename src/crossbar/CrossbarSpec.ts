import type { DeviceModel } from '../devices/DeviceModel.js';
import type { DelaysConfig, NeuronsConfig, Periphery, TimingConfig } from './CrossbarSchema.js';

/**
 * A resolved crossbar tile specification: sizes, the device (resolved), weight
 * storage and periphery, in SI units. Built by `loadCrossbar`.
 *
 * Column bookkeeping (NeuroSim-style bit-slicing):
 *   cellsPerWeight   = ⌈weightBits / cellBits⌉ (1 when weightBits is undefined),
 *   columnsPerWeight = cellsPerWeight · (2 if differential else 1),
 *   logicalCols      = ⌊cols / columnsPerWeight⌋ neurons (weights per row) per tile.
 */
export interface CrossbarSpec {
  /** Preset name, `RxC` shorthand (`128x128`) or `inline`. */
  readonly name: string;
  readonly title: string;
  readonly file: string | undefined;
  readonly source: string;
  readonly notes: string | undefined;
  /** Word lines (inputs) per tile. */
  readonly rows: number;
  /** Physical bit lines (cell columns) per tile. */
  readonly cols: number;
  /** Technology node of the tile in metres. */
  readonly nodeM: number;
  readonly device: DeviceModel;
  /** The device reference as written in the preset. */
  readonly deviceRef: string;
  /** Stored weight precision in bits; undefined: the device's own levels, one cell per weight. */
  readonly weightBits: number | undefined;
  readonly weightEncoding: 'unsigned' | 'differential';
  readonly cellsPerWeight: number;
  readonly columnsPerWeight: number;
  /** Weights (neurons) per tile row: ⌊cols / columnsPerWeight⌋ ≥ 1. */
  readonly logicalCols: number;
  readonly splitColumns: boolean;
  readonly periphery: Periphery;
  readonly columnsPerAdder: number;
  /** Timing model and operating mode (docs/timing.md). */
  readonly timing: TimingConfig;
  /** Digital LIF neuron hardware. */
  readonly neurons: NeuronsConfig;
  /** How synaptic delays are realised. */
  readonly delays: DelaysConfig;
  /** Cell area at the tile's node, cellAreaF2 · nodeM², in m². */
  readonly cellAreaM2: number;
}
