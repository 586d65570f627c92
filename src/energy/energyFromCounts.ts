import { XsnnError } from '../config/XsnnError.js';
import type { EventEnergies } from './eventEnergies.js';
import { assertEventCounts, type EventCounts, type TileEventCounts } from './EventCounts.js';
import { explainTerm, input, type ExplainTerm } from './ExplainTerm.js';
import type { LatencyReport } from './latencyFromCounts.js';

/** Energy categories of hardware.md (J). */
export interface EnergyBreakdown {
  /** Cell reads: V_read² · G · t_read. */
  readonly array: number;
  /** Column sensing: ADC conversions or IF-circuit reads. */
  readonly periphery: number;
  /** Row drivers. */
  readonly drivers: number;
  /** Partial-sum merges and neuron updates. */
  readonly accumulation: number;
  /** Spikes routed between tiles. */
  readonly routing: number;
  /** Leakage power × the leakage time of the operating mode (accelerated: hardware latency; realtime: steps · dt). */
  readonly leakage: number;
  /** Weight writes (training). */
  readonly writes: number;
}

/** The result of {@link energyFromCounts}. */
export interface EnergyReport {
  readonly title: string;
  /** Total energy of the run (J). */
  readonly totalJ: number;
  /** totalJ / inferences (J); 0 when there were no inferences. */
  readonly perInferenceJ: number;
  readonly breakdownJ: EnergyBreakdown;
  /** One term per contribution (count × energy); their values sum to `totalJ`. */
  readonly terms: ReadonlyArray<ExplainTerm>;
  /** Dynamic energy per tile (no leakage), when per-tile counts were given. */
  readonly perTile?: ReadonlyArray<{ readonly totalJ: number; readonly breakdownJ: EnergyBreakdown }>;
}

/** Category of each term name, in report order. */
const CATEGORY: Record<string, keyof EnergyBreakdown> = {
  arrayProgrammed: 'array',
  arrayPruned: 'array',
  drivers: 'drivers',
  columnSensing: 'periphery',
  partialSumMerges: 'accumulation',
  neuronUpdates: 'accumulation',
  inhibition: 'accumulation',
  columnMux: 'periphery',
  spikeBuffers: 'drivers',
  partialSumPackets: 'routing',
  routing: 'routing',
  writeSteps: 'writes',
  writeColumnCharge: 'writes',
  leakage: 'leakage',
};

/** How leakage is charged: over `timeS`, with the formula's name for that time. */
interface LeakageTime {
  readonly timeS: number;
  readonly name: string;
  readonly source: string;
}

function contributions(c: TileEventCounts & { readonly outputSpikes?: number }, e: EventEnergies, leak: LeakageTime | undefined): ExplainTerm[] {
  const count = (name: string, value: number) => input(name, value, '1', 'event counts of the simulation');
  const mul = (name: string, what: string, n: number, energy: ExplainTerm): ExplainTerm =>
    explainTerm({
      name,
      valueSI: n * energy.valueSI,
      unit: 'J',
      formula: `${what} · ${energy.name}`,
      inputs: [count(what, n), input(energy.name, energy.valueSI, energy.unit, energy.source)],
      source: energy.source,
      parts: [energy],
    });
  const out: ExplainTerm[] = [];
  if (c.programmedReadConductanceS !== undefined) {
    out.push(
      explainTerm({
        name: 'arrayProgrammed',
        valueSI: c.programmedReadConductanceS * e.readEnergyPerSiemens.valueSI,
        unit: 'J',
        formula: 'Σ G_read · readEnergyPerSiemens',
        inputs: [
          input('Σ G_read', c.programmedReadConductanceS, 'S', 'conductances of programmed cells read, summed by the simulation'),
          input('readEnergyPerSiemens', e.readEnergyPerSiemens.valueSI, 'J/S', e.readEnergyPerSiemens.source),
        ],
        source: e.readEnergyPerSiemens.source,
        parts: [e.readEnergyPerSiemens],
      }),
    );
  } else {
    out.push(mul('arrayProgrammed', 'programmedCellReads', c.programmedCellReads, e.readEnergyPerCell));
  }
  out.push(mul('arrayPruned', 'prunedCellReads', c.prunedCellReads, e.prunedReadEnergyPerCell));
  out.push(mul('drivers', 'rowActivations', c.rowActivations, e.driverEnergyPerRow));
  out.push(mul('spikeBuffers', 'inputSpikeArrivals', c.inputSpikeArrivals ?? 0, e.spikeBufferEnergy));
  out.push(mul('columnSensing', 'columnSenses', c.columnSenses, e.senseEnergyPerColumn));
  out.push(mul('columnMux', 'columnSenses', c.columnSenses, e.columnMuxEnergy));
  out.push(mul('partialSumMerges', 'partialSumMerges', c.partialSumMerges, e.mergeEnergy));
  out.push(mul('neuronUpdates', 'neuronUpdates', c.neuronUpdates, e.neuronUpdateEnergy));
  if (c.outputSpikes !== undefined) out.push(mul('inhibition', 'outputSpikes', c.outputSpikes, e.inhibitionEnergyPerSpike));
  out.push(mul('routing', 'spikesRouted', c.spikesRouted, e.routingEnergyPerSpike));
  out.push(mul('partialSumPackets', 'partialSumPackets', c.partialSumPackets ?? 0, e.partialSumPacketEnergy));
  if (c.writeStepConductanceS !== undefined) {
    out.push(
      explainTerm({
        name: 'writeSteps',
        valueSI: c.writeStepConductanceS * e.writeEnergyPerStepSiemens.valueSI,
        unit: 'J',
        formula: 'Σ (G_before + G_after)/2 · |Δlevel| · writeEnergyPerStepSiemens',
        inputs: [
          input('Σ (G_before+G_after)/2 · |Δlevel|', c.writeStepConductanceS, 'S', 'summed by the simulation'),
          input('writeEnergyPerStepSiemens', e.writeEnergyPerStepSiemens.valueSI, 'J/S', e.writeEnergyPerStepSiemens.source),
        ],
        source: e.writeEnergyPerStepSiemens.source,
        parts: [e.writeEnergyPerStepSiemens],
      }),
    );
  } else {
    out.push(mul('writeSteps', 'levelSteps', c.levelSteps, e.writeEnergyPerLevelStep));
  }
  out.push(mul('writeColumnCharge', 'weightWrites', c.weightWrites, e.writeColumnChargeEnergy));
  if (leak !== undefined) {
    out.push(
      explainTerm({
        name: 'leakage',
        valueSI: leak.timeS * e.leakagePower.valueSI,
        unit: 'J',
        formula: `${leak.name} · leakagePower`,
        inputs: [input(leak.name, leak.timeS, 's', leak.source), input('leakagePower', e.leakagePower.valueSI, 'W', e.leakagePower.source)],
        source: e.leakagePower.source,
        parts: [e.leakagePower],
      }),
    );
  }
  return out;
}

function breakdownOf(terms: ReadonlyArray<ExplainTerm>): EnergyBreakdown {
  const b = { array: 0, periphery: 0, drivers: 0, accumulation: 0, routing: 0, leakage: 0, writes: 0 };
  for (const t of terms) b[CATEGORY[t.name]!] += t.valueSI;
  return b;
}

/** Options of {@link energyFromCounts}. */
export interface EnergyFromCountsOptions {
  /** The run's latency: leakage is charged over its `leakageTimeS` (operating mode). Default: over `simulatedTimeS` (realtime without gating). */
  readonly latency?: LatencyReport;
}

/**
 * Energy of a run: Σ over event kinds of count × energy per event, plus leakage
 * power × the leakage time of the operating mode (the latency report's, else the simulated time). Linear in the counts; exactly 0 with zero counts and
 * zero time. Categories follow hardware.md (array, periphery, drivers,
 * accumulation, routing, leakage, writes).
 */
export function energyFromCounts(counts: EventCounts, energies: EventEnergies, options: EnergyFromCountsOptions = {}): EnergyReport {
  assertEventCounts(counts, 'energyFromCounts');
  if (counts.simulatedTimeS === undefined || counts.inferences === undefined)
    throw new XsnnError('energyFromCounts: counts need simulatedTimeS and inferences');
  const lat = options.latency;
  const leak: LeakageTime =
    lat !== undefined
      ? {
          timeS: lat.leakageTimeS,
          name: lat.mode === 'realtime' ? 'leakageTime (realtime)' : 'latency (accelerated)',
          source: 'latency model (docs/timing.md)',
        }
      : { timeS: counts.simulatedTimeS, name: 'simulatedTimeS', source: 'simulation' };
  const terms = contributions(counts, energies, leak);
  const breakdownJ = breakdownOf(terms);
  const totalJ = terms.reduce((s, t) => s + t.valueSI, 0);
  let perTile: EnergyReport['perTile'];
  if (counts.perTile !== undefined) {
    perTile = counts.perTile.map((tc, i) => {
      assertEventCounts(tc, `energyFromCounts (tile ${i})`);
      const tt = contributions(tc, energies, undefined);
      return { totalJ: tt.reduce((s, t) => s + t.valueSI, 0), breakdownJ: breakdownOf(tt) };
    });
  }
  return {
    title: `Energy of ${counts.inferences} inference(s) on ${energies.tiles} tile(s) of '${energies.crossbarName}' with '${energies.deviceName}'`,
    totalJ,
    perInferenceJ: counts.inferences > 0 ? totalJ / counts.inferences : 0,
    breakdownJ,
    terms,
    ...(perTile !== undefined ? { perTile } : {}),
  };
}
