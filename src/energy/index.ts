/** Energy and area model: peripheral table, per-event energies, energy from event counts, area, explain, NeuroSim cross-check. */
// `ExplainTerm` is exported as `HardwareExplainTerm` here because src/sweep exports a flat `ExplainTerm` record
// (see flattenExplainTerms for the conversion); inside src/energy the type is `ExplainTerm`.
export { explainTerm, type ExplainTerm as HardwareExplainTerm, type ExplainInput } from './ExplainTerm.js';
export { flattenExplainTerms, type FlatExplainTerm } from './flattenExplainTerms.js';
export { vddAt, areaScale, energyScale, VDD_TABLE, SCALING_RULE } from './nodeScaling.js';
export {
  PERIPHERAL_FIGURES,
  sarAdcArea,
  sarAdcEnergy,
  sarAdcLatencyS,
  isaacAdc,
  ifNeuron,
  dac1b,
  partialSumAdder,
  transistorDensityPerM2,
  leakagePowerDensity,
  dffArea,
} from './peripherals.js';
export { zeroEventCounts, assertEventCounts, EVENT_COUNT_FIELDS, type EventCounts, type TileEventCounts, type StepActivity } from './EventCounts.js';
export { eventEnergies, eventEnergyTerms, type EventEnergies, type EventEnergiesOptions } from './eventEnergies.js';
export { energyFromCounts, type EnergyReport, type EnergyBreakdown, type EnergyFromCountsOptions } from './energyFromCounts.js';
export { areaOf, delayBufferBits, type AreaInput, type AreaReport, type AreaBreakdown } from './areaOf.js';
export { areaInputFromMapping, type MappingStructure } from './areaInputFromMapping.js';
export { explain, type Explainable, type ExplainOptions } from './explain.js';
export { neurosimCrossCheck, type CrossCheck, type CrossCheckRow } from './neurosimCrossCheck.js';
export { stepTiming, type StepTiming, type StepTimingOptions } from './stepTiming.js';
export { latencyFromCounts, type LatencyReport, type LatencyBreakdown, type LatencyFromCountsOptions } from './latencyFromCounts.js';
export { programmingCost, type ProgrammingCost, type ProgrammingCountsInput } from './programmingCost.js';
export {
  BLOCK_FIGURES,
  rowDecoderArea,
  levelShifterArea,
  columnMuxArea,
  columnMuxEnergy,
  dffBitEnergy,
  lifUpdateEnergy,
  lifUnitArea,
  neuronStateArea,
  sramBitArea,
} from './hardwareBlocks.js';
