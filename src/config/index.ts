/** Configuration: errors, physical units, YAML presets validated by zod. */
export { XsnnError, check, type ErrorLocation } from './XsnnError.js';
export { parseQuantity, parseFeatureArea, formatQuantity, SI_UNITS, type Dimension } from './units.js';
export { quantity, positiveQuantity, nonNegativeQuantity, featureArea, source } from './zodUnits.js';
export { readYaml, parseYamlText, validate, loadYaml, type YamlSource } from './loadYaml.js';
export { loadPreset, resolvePresetPath, listPresetNames, presetDir, packageRoot, type PresetKind, type LoadedPreset } from './presets.js';
