/** Configuration: errors, physical units, YAML presets validated by zod. */
export { XsnnError, checkArgument, usageError, formatIssue, type ErrorLocation, type XsnnIssue, type XsnnErrorOptions } from './XsnnError.js';
export { zodIssues, type ZodIssuesOptions, type IssueLocator } from './zodIssues.js';
export { parseQuantity, parseFeatureArea, formatQuantity, SI_UNITS, type Dimension } from './units.js';
export { quantity, positiveQuantity, nonNegativeQuantity, featureArea, citationSchema } from './zodUnits.js';
export { readYaml, parseYamlText, validateConfig, loadYaml, MAX_ALIAS_COUNT, type YamlSource } from './loadYaml.js';
export { loadPreset, resolvePresetPath, listPresetNames, presetDir, packageRoot, type PresetKind, type LoadedPreset } from './presets.js';
