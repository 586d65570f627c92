import { dirname } from 'node:path';
import { loadPreset } from '../config/presets.js';
import { XsnnError } from '../config/XsnnError.js';
import { cellsPerWeight } from '../devices/cellsPerWeight.js';
import type { DeviceModel } from '../devices/DeviceModel.js';
import { loadDevice } from '../devices/loadDevice.js';
import { CrossbarSchema, type CrossbarConfig } from './CrossbarSchema.js';
import type { CrossbarSpec } from './CrossbarSpec.js';

/** Options of {@link loadCrossbar}: overrides applied after the preset is read. */
export interface LoadCrossbarOptions {
  /** Use this device preset (name or path) instead of the spec's. */
  readonly device?: string;
  /** Override the tile rows. */
  readonly rows?: number;
  /** Override the tile columns. */
  readonly cols?: number;
}

const SHORTHAND = /^\s*([+-]?\d+)\s*[x×]\s*([+-]?\d+)\s*$/;

/**
 * Loads a crossbar spec from a preset name (`rram-128x128-adc5`), a YAML path,
 * or the shorthand `RxC` (`128x128`, `96x200`): the `base` preset with rows and
 * columns overridden. Resolves `extends:` and the device preset, checks that a
 * tile can hold at least one weight, and returns a {@link CrossbarSpec}.
 * A size of 0 or below, or a non-integer size, is an {@link XsnnError}.
 */
export function loadCrossbar(ref: string, options: LoadCrossbarOptions = {}): CrossbarSpec {
  if (typeof ref !== 'string' || ref.trim() === '')
    throw new XsnnError('loadCrossbar: expected a crossbar preset name, YAML path or RxC size', { received: JSON.stringify(ref) });
  const m = SHORTHAND.exec(ref);
  let rows = options.rows;
  let cols = options.cols;
  let presetRef = ref;
  let name: string | undefined;
  if (m !== null) {
    rows ??= Number(m[1]);
    cols ??= Number(m[2]);
    presetRef = 'base';
    name = `${m[1]}x${m[2]}`;
  }
  for (const [what, v] of [
    ['rows', rows],
    ['cols', cols],
  ] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) {
      throw new XsnnError(`loadCrossbar: ${what} must be a whole number >= 1`, { field: what, expected: 'a positive tile size', received: String(v) });
    }
  }
  const preset = loadPreset('crossbar', presetRef, CrossbarSchema);
  const config: CrossbarConfig = { ...preset.value, ...(rows !== undefined ? { rows } : {}), ...(cols !== undefined ? { cols } : {}) };
  const deviceRef = options.device ?? config.device;
  // A device path written in a preset is relative to the file that wrote it; a bare name is a shipped device preset.
  const looksLikePath = /[\\/]|\.ya?ml$/i.test(deviceRef);
  const deviceFile = options.device === undefined && looksLikePath ? definingFile(preset.chain, 'device') : undefined;
  const device = loadDevice(deviceRef, deviceFile !== undefined ? { relativeTo: dirname(deviceFile) } : {});
  return crossbarFromConfig(config, device, { name: name ?? preset.name, file: preset.file, deviceRef });
}

function definingFile(chain: ReadonlyArray<{ file: string; data: unknown }>, key: string): string | undefined {
  for (const src of chain) if (src.data !== null && typeof src.data === 'object' && key in src.data) return src.file;
  return undefined;
}

/**
 * Builds a {@link CrossbarSpec} from a validated config and a resolved device
 * (library use without YAML). Throws when a tile cannot hold one weight.
 */
export function crossbarFromConfig(config: CrossbarConfig, device: DeviceModel, meta: { name?: string; file?: string; deviceRef?: string } = {}): CrossbarSpec {
  const cells = config.weightPrecision === undefined ? 1 : cellsPerWeight(config.weightPrecision, device);
  const columnsPerWeight = cells * (config.weightEncoding === 'differential' ? 2 : 1);
  const logicalCols = Math.floor(config.cols / columnsPerWeight);
  const where = meta.file !== undefined ? { file: meta.file } : {};
  if (logicalCols < 1) {
    throw new XsnnError(`a tile of ${config.cols} columns cannot hold one weight`, {
      ...where,
      field: 'cols',
      expected: `at least ${columnsPerWeight} columns (${cells} cell(s) per weight${config.weightEncoding === 'differential' ? ' x 2 for the differential pair' : ''})`,
      received: String(config.cols),
    });
  }
  const nodeM = config.node ?? device.nodeM;
  return Object.freeze({
    name: meta.name ?? 'inline',
    title: config.name,
    file: meta.file,
    source: config.source,
    notes: config.notes,
    rows: config.rows,
    cols: config.cols,
    nodeM,
    device,
    deviceRef: meta.deviceRef ?? device.name,
    weightBits: config.weightPrecision,
    weightEncoding: config.weightEncoding,
    cellsPerWeight: cells,
    columnsPerWeight,
    logicalCols,
    splitColumns: config.splitColumns,
    periphery: Object.freeze({ ...config.periphery }),
    columnsPerAdder: config.columnsPerAdder,
    timing: Object.freeze({ ...config.timing }),
    neurons: Object.freeze({ ...config.neurons }),
    delays: Object.freeze({ ...config.delays }),
    cellAreaM2: device.cellAreaF2 * nodeM * nodeM,
  });
}
