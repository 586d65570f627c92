/**
 * Design-space sweeps: definitions (`reports/*.yaml`), points keyed by the hash
 * of their resolved configuration, a resumable, shardable parallel runner, and
 * merging of shard outputs.
 */
export {
  SweepSpecSchema,
  SweepNetworkSchema,
  CrossbarSizeSchema,
  VariationSchema,
  ReportReferenceSchema,
  type SweepSpec,
  type SweepNetwork,
  type ReportReference,
} from './SweepSpec.js';
export { loadSweepSpec, type LoadedSweepSpec } from './loadSweepSpec.js';
export { resolveSweep, checkpointPathOf, type ResolvedSweep, type ResolvedNetwork, type ResolvedPreset, type ResolveSweepOptions } from './resolveSweep.js';
export { hashCheckpoint } from './hashCheckpoint.js';
export type { SweepPoint, PresetRef } from './SweepPoint.js';
export { expandSweep } from './expandSweep.js';
export { parseShard, selectShard, type Shard } from './Shard.js';
export {
  ResultRecordSchema,
  ExplainTermSchema,
  EnergyBreakdownSchema,
  AreaBreakdownSchema,
  ENERGY_COMPONENTS,
  AREA_COMPONENTS,
  type ResultRecord,
  type ExplainTerm,
  type EnergyBreakdownJ,
  type AreaBreakdownM2,
} from '../core/ResultRecord.js';
export { ResultLineSchema, type ResultLine } from './ResultLine.js';
export { readResultsLog, ResultsAppender, type ResultsLogContents } from './ResultsLog.js';
export { SweepManifestSchema, readSweepManifest, manifestPath, type SweepManifest } from './SweepManifest.js';
export { createSharedWork, type SharedWork, type SharedWorkOptions } from './SharedWork.js';
export { parseEvaluatorRef, importEvaluator, normalizeEvaluatorRef, type PointEvaluator, type EvaluatorContext, type EvaluatorRef } from './PointEvaluator.js';
export { evaluatePoints, checkRecord, describePoint, type PointFailure } from './evaluatePoints.js';
export { runSweep, buildManifest, type RunSweepOptions, type SweepRunSummary } from './runSweep.js';
export { mergeSweeps, type MergeSweepsOptions, type MergeSummary } from './mergeSweeps.js';
export { DEFAULT_EVALUATOR } from './defaultEvaluator.js';
