import { z } from 'zod';
import { hashValue } from '../core/hash.js';
import { loadPreset } from '../config/presets.js';
import { eventEnergyTerms } from '../energy/eventEnergies.js';
import { explainTerm, input } from '../energy/ExplainTerm.js';
import { flattenExplainTerms } from '../energy/flattenExplainTerms.js';
import type { EnergyBreakdownJ, ExplainTerm, LatencyBreakdownS, ResultRecord, TimingFigures } from '../core/ResultRecord.js';
import type { SimulationResult } from './simulate.js';

/** What {@link simulationRecord} needs besides the result. */
export interface SimulationRecordMeta {
  /** Network name (e.g. `dense`, or the recipe name). */
  readonly name: string;
  /** Content hash of the checkpoint (`hashCheckpoint`). */
  readonly checkpointHash: string;
  /** Name of the periphery (crossbar) preset. Default: the simulated crossbar's name. */
  readonly periphery?: string;
  /** Hash of the device preset's merged contents; default: computed from the device's preset file (or its model when it has none). */
  readonly devicePresetHash?: string;
}

/**
 * The {@link ResultRecord} of a co-simulation (what `xsnn simulate --json`
 * prints and a sweep point stores): energy per inference with its breakdown
 * (run totals ÷ inferences), area with its breakdown, tiles and bounds, and the
 * explain terms (per-event energies, energy terms of the run, area terms).
 */
export function simulationRecord(r: SimulationResult, meta: SimulationRecordMeta): ResultRecord {
  const energyBreakdownJ = energyBreakdownPerInference(r);
  const explain = explainTerms(r);
  const m = r.mapping.metrics;
  return {
    network: {
      name: meta.name,
      checkpointHash: meta.checkpointHash,
      synapses: r.network.synapses,
      prunedFraction: Math.min(1, Math.max(0, r.network.prunedFraction)),
      levels: r.network.levels ?? 0,
    },
    crossbar: { rows: r.crossbar.rows, cols: r.crossbar.cols, periphery: meta.periphery ?? r.crossbar.name },
    device: { name: r.device.name, presetHash: meta.devicePresetHash ?? devicePresetHash(r) },
    variationSigma: r.device.deviceToDevice.sigma,
    samples: r.samples.length,
    seed: r.seed,
    testImages: r.testImages,
    energyImages: r.energyImages,
    labels: r.labels,
    accuracy: { mean: r.accuracy.mean, std: r.accuracy.std },
    energyPerInferenceJ: Object.values(energyBreakdownJ).reduce((a, x) => a + x, 0),
    energyBreakdownJ,
    areaM2: r.area.totalM2,
    areaBreakdownM2: { ...r.area.breakdownM2 },
    tiles: m.tiles,
    naiveTiles: m.naiveTiles,
    lowerBound: Math.min(m.lowerBound.max, m.tiles),
    timing: timingRecord(r),
    explain,
  };
}

/** Run total ÷ inferences (0 when there were none). */
function perInference(r: SimulationResult, x: number): number {
  const inf = r.counts.inferences;
  return inf > 0 ? x / inf : 0;
}

/** The energy breakdown per inference (run totals ÷ inferences). */
function energyBreakdownPerInference(r: SimulationResult): EnergyBreakdownJ {
  const b = r.energy.breakdownJ;
  return {
    array: perInference(r, b.array),
    periphery: perInference(r, b.periphery),
    drivers: perInference(r, b.drivers),
    accumulation: perInference(r, b.accumulation),
    routing: perInference(r, b.routing),
    leakage: perInference(r, b.leakage),
    writes: perInference(r, b.writes),
  };
}

/** The explain terms: inferences, per-event energies, the run's energy terms, area, latency, figures and programming terms. */
function explainTerms(r: SimulationResult): ExplainTerm[] {
  const inferences = explainTerm({
    name: 'inferences',
    valueSI: r.counts.inferences,
    unit: '1',
    formula: 'energyImages · samples',
    inputs: [
      input('energyImages', r.energyImages, '1', 'simulation: the first test images, whose events are counted'),
      input('samples', r.samples.length, '1', 'simulation'),
    ],
    source: 'energy terms below are run totals; energyPerInferenceJ = Σ terms / inferences',
  });
  return flattenExplainTerms([
    inferences,
    ...eventEnergyTerms(r.energies),
    ...r.energy.terms,
    ...r.area.terms,
    ...r.latency.constants,
    ...r.latency.terms,
    ...r.figures.terms,
    ...r.programming.terms,
  ]);
}

/** The latency breakdown per inference; its last stage closes the sum exactly (rounding of the per-inference division). */
function latencyBreakdownPerInference(r: SimulationResult): LatencyBreakdownS {
  const lb = r.latency.breakdownS;
  const latencyBreakdownS = {
    rowDrive: perInference(r, lb.rowDrive),
    sensing: perInference(r, lb.sensing),
    partialSums: perInference(r, lb.partialSums),
    neurons: perInference(r, lb.neurons),
    inhibition: perInference(r, lb.inhibition),
    overlapOrIdle: 0,
  };
  latencyBreakdownS.overlapOrIdle =
    r.figures.latencyPerInferenceS -
    (latencyBreakdownS.rowDrive + latencyBreakdownS.sensing + latencyBreakdownS.partialSums + latencyBreakdownS.neurons + latencyBreakdownS.inhibition);
  return latencyBreakdownS;
}

/** The record's timing block: mode, latency and its breakdown, throughput, EDP, SOPs and programming cost. */
function timingRecord(r: SimulationResult): TimingFigures {
  return {
    mode: r.latency.mode,
    pipelined: r.latency.pipelined,
    latencyPerInferenceS: r.figures.latencyPerInferenceS,
    latencyBreakdownS: latencyBreakdownPerInference(r),
    throughputPerS: r.figures.throughputPerS,
    edpJs: r.figures.edpJs,
    sopsPerInference: r.figures.sopsPerInference,
    energyPerSopJ: r.figures.energyPerSopJ,
    programmingEnergyJ: r.programming.energyJ,
    programmingTimeS: r.programming.timeS,
  };
}

function devicePresetHash(r: SimulationResult): string {
  if (r.device.file !== undefined) return hashValue(loadPreset('devices', r.device.file, z.any()).raw);
  return hashValue({ device: r.device });
}
