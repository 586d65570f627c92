// crossbar/spec (hardware helper): tile specifications and presets.
export * from './spec/index.js';
// crossbar/mapping (mapper/packer helper): weights onto tiles, metrics, verification.
export { MAPPING_FORMAT_VERSION, type Mapping, type MappedTile, type MappingMetrics, type LowerBounds, type CandidateSummary, type MappingTiming, type MappingRecordOptions } from './mapping/Mapping.js';
export { type MapOptions, type ResolvedMapOptions, MAP_OPTION_DEFAULTS, resolveMapOptions } from './mapping/MapOptions.js';
export { mapWeights } from './mapping/mapWeights.js';
export { mappingAlgorithms, mappingAlgorithmNames } from './mapping/mappingAlgorithms.js';
export { type MappingAlgorithm, type AlgorithmResult } from './mapping/MappingAlgorithm.js';
export { mappingFromAssignment, type MappingFromAssignmentOptions } from './mapping/mappingFromAssignment.js';
export { mappingMetrics, type MappingMetricsOptions } from './mapping/mappingMetrics.js';
export { lowerBounds, naiveTileCount, type TileSize } from './mapping/lowerBounds.js';
export { verifyMapping, type MappingViolation, type VerifyMappingOptions } from './mapping/verifyMapping.js';
export { parseMatrixMarket, readMatrixMarket, formatMatrixMarket } from './mapping/readMatrixMarket.js';
export { mappingToJson, parseMapping, loadMapping, saveMapping, type MappingToJsonOptions } from './mapping/mappingJson.js';
export { loadWeights } from './mapping/loadWeights.js';
// crossbar/cosim (co-simulation helper): SNN inference through the mapped tiles, event counts, energy and area.
export * from './cosim/index.js';
