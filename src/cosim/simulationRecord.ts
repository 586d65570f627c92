import { z } from 'zod';
import { hashValue } from '../core/hash.js';
import { loadPreset } from '../config/presets.js';
import { eventEnergyTerms } from '../energy/eventEnergies.js';
import { explainTerm, input } from '../energy/ExplainTerm.js';
import { flattenExplainTerms } from '../energy/flattenExplainTerms.js';
import type { ResultRecord } from '../core/ResultRecord.js';
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
  const inf = r.counts.inferences;
  const b = r.energy.breakdownJ;
  const per = (x: number): number => (inf > 0 ? x / inf : 0);
  const energyBreakdownJ = {
    array: per(b.array),
    periphery: per(b.periphery),
    drivers: per(b.drivers),
    accumulation: per(b.accumulation),
    routing: per(b.routing),
    leakage: per(b.leakage),
    writes: per(b.writes),
  };
  const inferences = explainTerm({
    name: 'inferences',
    valueSI: inf,
    unit: '1',
    formula: 'energyImages · samples',
    inputs: [
      input('energyImages', r.energyImages, '1', 'simulation: the first test images, whose events are counted'),
      input('samples', r.samples.length, '1', 'simulation'),
    ],
    source: 'energy terms below are run totals; energyPerInferenceJ = Σ terms / inferences',
  });
  const explain = flattenExplainTerms([
    inferences,
    ...eventEnergyTerms(r.energies),
    ...r.energy.terms,
    ...r.area.terms,
    ...r.latency.constants,
    ...r.latency.terms,
    ...r.figures.terms,
    ...r.programming.terms,
  ]);
  const lb = r.latency.breakdownS;
  const perS = (x: number): number => (inf > 0 ? x / inf : 0);
  const latencyBreakdownS = {
    rowDrive: perS(lb.rowDrive),
    sensing: perS(lb.sensing),
    partialSums: perS(lb.partialSums),
    neurons: perS(lb.neurons),
    inhibition: perS(lb.inhibition),
    overlapOrIdle: 0,
  };
  // the last stage closes the sum exactly (rounding of the per-inference division)
  latencyBreakdownS.overlapOrIdle =
    r.figures.latencyPerInferenceS -
    (latencyBreakdownS.rowDrive + latencyBreakdownS.sensing + latencyBreakdownS.partialSums + latencyBreakdownS.neurons + latencyBreakdownS.inhibition);
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
    timing: {
      mode: r.latency.mode,
      pipelined: r.latency.pipelined,
      latencyPerInferenceS: r.figures.latencyPerInferenceS,
      latencyBreakdownS,
      throughputPerS: r.figures.throughputPerS,
      edpJs: r.figures.edpJs,
      sopsPerInference: r.figures.sopsPerInference,
      energyPerSopJ: r.figures.energyPerSopJ,
      programmingEnergyJ: r.programming.energyJ,
      programmingTimeS: r.programming.timeS,
    },
    explain,
  };
}

function devicePresetHash(r: SimulationResult): string {
  if (r.device.file !== undefined) return hashValue(loadPreset('devices', r.device.file, z.any()).raw);
  return hashValue({ device: r.device });
}
