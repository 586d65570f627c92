import { loadPreset } from '../config/presets.js';
import { XsnnError } from '../config/XsnnError.js';
import { deviceFromConfig, type DeviceModel } from './DeviceModel.js';
import { DeviceSchema } from './DeviceSchema.js';

/**
 * Loads a device preset by name (`rram-hfox-32nm`, from the package's `devices/`
 * folder) or by YAML path, resolving `extends:`, validating it with
 * {@link DeviceSchema} (errors name the file, line, field and both units) and
 * returning the resolved {@link DeviceModel} in SI units. `relativeTo` is the folder
 * a relative path (or a sibling `<name>.yaml`) is looked up in first.
 */
export function loadDevice(ref: string, options: { relativeTo?: string } = {}): DeviceModel {
  if (typeof ref !== 'string' || ref.trim() === '')
    throw new XsnnError('loadDevice: expected a device preset name or YAML path', { received: JSON.stringify(ref) });
  const preset = loadPreset('devices', ref, DeviceSchema, options.relativeTo);
  const levelList = preset.value.levels;
  const model = deviceFromConfig(preset.value, { name: preset.name, file: preset.file });
  if (Array.isArray(levelList)) {
    for (let k = 1; k < levelList.length; k++) {
      if (!(levelList[k]! > levelList[k - 1]!)) throw new XsnnError('level list must be strictly ascending', { file: preset.file, field: `levels.${k}` });
    }
    const tol = 1e-9 * model.gMaxS;
    if (levelList[0]! < model.gMinS - tol || levelList[levelList.length - 1]! > model.gMaxS + tol) {
      throw new XsnnError('level list must lie within [gMin, gMax]', {
        file: preset.file,
        field: 'levels',
        expected: `conductances in [${model.gMinS} S, ${model.gMaxS} S]`,
        received: `[${levelList[0]} S … ${levelList[levelList.length - 1]} S]`,
      });
    }
  }
  return model;
}
