/**
 * Crossbar co-simulation of SNN inference: the mapped tiles as the SNN's input
 * drive (device programming with variation and faults, per-tile column sums,
 * read noise, ADC), per-tile event counts, energy and area of a run, Monte Carlo
 * over device draws, and the dense-versus-sparse comparison.
 */
export { buildDriveLayout, type DriveLayout, type BuildDriveLayoutOptions } from './DriveLayout.js';
export { delayExpandedCsr, mapsDelayRows, cosimMatrix, mappedRowDelaySum, type DelayedSynapses } from './delayExpandedCsr.js';
export { type DriveWeights } from './DriveWeights.js';
export { type DriveTraffic } from './DriveTraffic.js';
export { type WorkCache } from './WorkCache.js';
export { programCrossbar, programSynapses, type ProgramCrossbarOptions, type ProgramSynapsesOptions, type ProgrammedCrossbar } from './programCrossbar.js';
export { isIdealDevice } from './isIdealDevice.js';
export { CrossbarDrive, READ_NOISE_STREAM, type CrossbarDriveOptions } from './CrossbarDrive.js';
export { TILE_COUNTER_FIELDS, TILE_COUNTER_STRIDE, COUNTER, newTileCounters, addTileCounters, eventCountsFromCounters } from './tileCounters.js';
export { cosimResponses, type CosimResponsesOptions, type CosimResponses } from './cosimResponses.js';
export { cosimNetwork, type DriveSpec } from './cosimNetwork.js';
export { crossbarForNetwork, networkLevels, DENSE_WEIGHT_BITS, type CrossbarForNetworkOptions, type NetworkCrossbar } from './crossbarForNetwork.js';
export {
  simulate,
  simulateCrossbars,
  DEVICE_SAMPLE_STREAM,
  type SimulateOptions,
  type SimulateCrossbarsOptions,
  type SimulationResult,
  type SimulationSample,
} from './simulate.js';
export { simulationRecord, type SimulationRecordMeta } from './simulationRecord.js';
export { compareNetworks, type CompareNetworksOptions, type ComparedNetwork, type NetworkComparison } from './compareNetworks.js';
export { formatSimulation, explainSimulation } from './formatSimulation.js';
export { formatComparison } from './formatComparison.js';
