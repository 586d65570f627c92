/**
 * The spiking network: Diehl & Cook (2015) two-layer SNN with STDP learning,
 * STDP-based pruning and weight quantization (Rathi, Panda & Roy), checkpoints,
 * label assignment and evaluation. See snn/README.md for the recipes.
 */
export { SnnRecipeSchema, loadRecipe, parseRecipe, type SnnRecipe, type SnnRecipeInput } from './SnnRecipe.js';
export { InputSynapses, type InputSynapsesLayout, type InputSynapsesParts } from './InputSynapses.js';
export { InputSpikes } from './InputSpikes.js';
export { type InputDrive, SynapticDrive } from './InputDrive.js';
export { SnnNetwork, type ImageResponse, type SnnNetworkOptions } from './SnnNetwork.js';
export { NetworkState, type NetworkStateArrays } from './NetworkState.js';
export { type StepExchange } from './StepExchange.js';
export { ColumnNormalizer } from './ColumnNormalizer.js';
export { arrivingGroups } from './arrivingGroups.js';
export { runawaySpikeLimit } from './runawaySpikeLimit.js';
export {
  saveTrainingSnapshot,
  loadTrainingSnapshot,
  isTrainingSnapshot,
  assertSnapshotTarget,
  snapshotEpochs,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type TrainingSnapshot,
  type SnapshotIdentity,
  type SnapshotCounters,
} from './TrainingSnapshot.js';
export { initialSynapses, maxDelaySteps, type InitialSynapses } from './initialSynapses.js';
export { pruneSynapses, pruneFractionAt, type PruneOptions, type PruningSpec } from './prune.js';
export { learningRateScaleAt } from './learningRateScaleAt.js';
export {
  quantizationLevels,
  quantizeWeights,
  quantizationDefaults,
  stochasticRoundWeights,
  quantizeSynapseWeights,
  type QuantizationSpec,
  type QuantizationChoices,
  type QuantizeSynapseOptions,
  type UniformSource,
} from './quantize.js';
export { ShadowWeights } from './ShadowWeights.js';
export {
  saveCheckpoint,
  loadCheckpoint,
  checkpointCsr,
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  type Checkpoint,
  type CheckpointManifest,
  type DatasetIdentity,
  type TrainingCounts,
} from './Checkpoint.js';
export { networkFromCheckpoint, type NetworkSnapshot } from './networkFromCheckpoint.js';
export { computeResponses, workersAvailable, type ComputeResponsesOptions, type Responses, type ResponsePhase } from './computeResponses.js';
export { assignLabels, predictClasses, type AssignLabelsOptions } from './assignLabels.js';
export { train, resolveRecipe, recipeDataset, trainEpochs, type TrainOptions, type TrainResult, type TrainProgress } from './train.js';
export {
  chooseTrainThreads,
  defaultTrainThreads,
  MIN_NEURONS_PER_TRAIN_THREAD,
  type DefaultTrainThreadsOptions,
  type TrainThreadChoice,
} from './trainThreads.js';
export { evaluate, type EvaluateOptions, type EvaluateResult } from './evaluate.js';
export { labelNeurons, type LabelNeuronsOptions, type NeuronLabels } from './labelNeurons.js';
export { STREAM as SNN_STREAMS } from '../core/streams.js';
