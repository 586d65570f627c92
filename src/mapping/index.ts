/** The mapper/packer: weight matrices onto crossbar tiles, metrics, lower bounds, verification, mapping files. */
export {
  MAPPING_FORMAT_VERSION,
  type Mapping,
  type MappedTile,
  type MappingMetrics,
  type LowerBounds,
  type CandidateSummary,
  type MappingTiming,
  type MappingRecordOptions,
} from './Mapping.js';
export { type MapOptions, type ResolvedMapOptions, MAP_OPTION_DEFAULTS, resolveMapOptions } from './MapOptions.js';
export { mapWeights } from './mapWeights.js';
export { mappingAlgorithms, mappingAlgorithmNames } from './mappingAlgorithms.js';
export { type MappingAlgorithm, type AlgorithmResult } from './MappingAlgorithm.js';
export { mappingFromAssignment, type MappingFromAssignmentOptions } from './mappingFromAssignment.js';
export { mappingMetrics, type MappingMetricsOptions } from './mappingMetrics.js';
export { lowerBounds, naiveTileCount, type TileSize } from './lowerBounds.js';
export { verifyMapping, type MappingViolation, type VerifyMappingOptions } from './verifyMapping.js';
export { parseMatrixMarket, readMatrixMarket, formatMatrixMarket } from './readMatrixMarket.js';
export { mappingToJson, parseMapping, loadMapping, saveMapping, type MappingToJsonOptions } from './mappingJson.js';
export { loadWeights } from './loadWeights.js';
