/** Device models: conductance levels, programming with variation and faults, read noise. */
export { DeviceSchema, type DeviceConfig } from './DeviceSchema.js';
export { deviceFromConfig, type DeviceModel } from './DeviceModel.js';
export { loadDevice } from './loadDevice.js';
export { deviceLevels } from './deviceLevels.js';
export { nearestLevel, type LevelTieRule } from './nearestLevel.js';
export { WEIGHT_BITS, isValidWeightBits } from './weightBits.js';
export { cellBits, cellsPerWeight } from './cellsPerWeight.js';
export { programWeights, CellFault, PROGRAMMING_STREAM, type ProgramWeightsOptions, type ProgrammedWeights } from './programWeights.js';
export { conductanceToWeight, weightPerSiemens, type ConductanceToWeightOptions } from './conductanceToWeight.js';
export { applyReadNoise, readNoiseSigmaS } from './applyReadNoise.js';
