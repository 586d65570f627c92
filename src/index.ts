/**
 * xsnn: co-simulate spiking neural networks on in-memory crossbar hardware.
 * Data flows one way: data → snn → mapping (onto crossbar tiles) → energy →
 * cosim → sweep → report.
 *
 * The root export is what a user calls: train, evaluate, map, simulate,
 * compare, sweep, report, the preset loaders, their option and result types,
 * and the mapping record with its metrics. Building blocks (drives, energy
 * terms, report renderers, schemas) are in the folder modules and are not part
 * of this list; the command line is `xsnn` (src/cli), not a library export;
 * the mapper property-testing kit is `xsnn/testing`.
 */

// Version and errors.
export { version } from './core/version.js';
export { XsnnError, type ErrorLocation } from './config/XsnnError.js';
export { parseQuantity, formatQuantity, type Dimension } from './config/units.js';
export { listPresetNames, type PresetKind, type LoadedPreset } from './config/presets.js';

// Datasets.
export { type Dataset } from './data/Dataset.js';
export { loadMnist, type LoadMnistOptions } from './data/loadMnist.js';
export { loadImageFolder, type LoadImageFolderOptions } from './data/loadImageFolder.js';
export { makePatternDataset, type PatternDatasetOptions } from './data/makePatternDataset.js';
export { type CsrMatrix, csrFromDense, csrToDense } from './core/CsrMatrix.js';

// Spiking network: recipes, training, checkpoints, evaluation.
export { loadRecipe, type SnnRecipe, type SnnRecipeInput } from './snn/SnnRecipe.js';
export { train, type TrainOptions, type TrainResult, type TrainProgress } from './snn/train.js';
export { chooseTrainThreads, defaultTrainThreads, type TrainThreadChoice, type DefaultTrainThreadsOptions } from './snn/trainThreads.js';
export { idleCores, type IdleCoresOptions } from './core/idleCores.js';
export { evaluate, type EvaluateOptions, type EvaluateResult } from './snn/evaluate.js';
export {
  saveCheckpoint,
  loadCheckpoint,
  checkpointCsr,
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type Checkpoint,
  type CheckpointManifest,
} from './snn/Checkpoint.js';

// Hardware presets: devices and crossbar tiles.
export { loadDevice } from './devices/loadDevice.js';
export { type DeviceModel } from './devices/DeviceModel.js';
export { loadCrossbar, type LoadCrossbarOptions } from './crossbar/loadCrossbar.js';
export { type CrossbarSpec } from './crossbar/CrossbarSpec.js';

// Mapping onto tiles.
export { mapWeights } from './mapping/mapWeights.js';
export { type MapOptions } from './mapping/MapOptions.js';
export { mappingAlgorithmNames } from './mapping/mappingAlgorithms.js';
export { MAPPING_FORMAT_VERSION, type Mapping, type MappedTile, type MappingMetrics, type LowerBounds, type CandidateSummary } from './mapping/Mapping.js';
export { verifyMapping, type MappingViolation, type VerifyMappingOptions } from './mapping/verifyMapping.js';
export { loadMapping, saveMapping } from './mapping/mappingJson.js';
export { loadWeights } from './mapping/loadWeights.js';
export { readMatrixMarket } from './mapping/readMatrixMarket.js';

// Co-simulation and the dense-versus-sparse comparison.
export { simulate, type SimulateOptions, type SimulationResult, type SimulationSample } from './cosim/simulate.js';
export { compareNetworks, type CompareNetworksOptions, type ComparedNetwork, type NetworkComparison } from './cosim/compareNetworks.js';
export { formatSimulation } from './cosim/formatSimulation.js';
export { formatComparison } from './cosim/formatComparison.js';
export { type EnergyReport, type EnergyBreakdown } from './energy/energyFromCounts.js';
export { type AreaReport, type AreaBreakdown } from './energy/areaOf.js';

// Sweeps.
export { loadSweepSpec, type LoadedSweepSpec } from './sweep/loadSweepSpec.js';
export { type SweepSpec } from './sweep/SweepSpec.js';
export { runSweep, type RunSweepOptions, type SweepRunSummary } from './sweep/runSweep.js';
export { mergeSweeps, type MergeSweepsOptions, type MergeSummary } from './sweep/mergeSweeps.js';
export { readResultsLog, type ResultsLogContents } from './sweep/ResultsLog.js';
export { type ResultRecord } from './core/ResultRecord.js';
export { type PointEvaluator, type EvaluatorContext } from './sweep/PointEvaluator.js';

// Reports.
export { writeReport, type WriteReportOptions, type WrittenReport } from './report/writeReport.js';
export { runReportSpec, type RunReportSpecOptions, type ReportSpecRun } from './report/runReportSpec.js';
