/**
 * `xsnn/testing`: property-test a crossbar mapper with fast-check.
 *
 * ```ts
 * import { arbitraries, mappingLaws, verifyMapping } from 'xsnn/testing';
 * ```
 * `arbitraries` generate mapping problems, `mappingLaws(mapper)` returns the
 * laws of mapping.md as reusable properties, `verifyMapping` checks one mapping.
 * Needs the `fast-check` package (a peer dependency).
 */
export { arbitraries } from './arbitraries/index.js';
export type {
  BernoulliCaseConstraints,
  MappingCaseConstraints,
  PlantedCaseConstraints,
  PowerLawCaseConstraints,
  TileShapeConstraints,
  TinyCaseConstraints,
} from './arbitraries/index.js';
export type { MappingCase } from './MappingCase.js';
export { mappingLaws, MAPPING_LAW_DEFAULTS, type Mapper, type MapperOptions, type MappingLaw, type MappingLawOptions } from './mappingLaws.js';
export { exhaustiveMinTiles, type ExhaustiveOptions } from './exhaustiveMinTiles.js';
export { inOrderFillTiles } from './inOrderFillTiles.js';
export { permuteMatrix, deleteSynapse } from './permuteMatrix.js';
export { prunePerNeuron, type PrunePerNeuronOptions } from './prunePerNeuron.js';
export { digitReceptiveFields, type DigitReceptiveFieldsOptions } from './digitReceptiveFields.js';
export { verifyMapping, type MappingViolation, type VerifyMappingOptions } from '../mapping/verifyMapping.js';
export { mappingFromAssignment, type MappingFromAssignmentOptions } from '../mapping/mappingFromAssignment.js';
export { mapWeights } from '../mapping/mapWeights.js';
export type { Mapping, MappedTile, MappingMetrics } from '../mapping/Mapping.js';
export type { CsrMatrix } from '../core/CsrMatrix.js';
