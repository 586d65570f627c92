import { XsnnError } from '../config/XsnnError.js';

/**
 * Hardware events of one tile (or of the whole network), counted by the
 * co-simulation. All counts are totals over the simulated run.
 */
export interface TileEventCounts {
  /** Input spikes driving a tile row (one per tile holding the row). */
  readonly rowActivations: number;
  /** Programmed cells read (cells on an activated row holding a synapse; every slice counts). */
  readonly programmedCellReads: number;
  /**
   * Σ of the conductances (S) of the programmed cells read. Optional: when given,
   * the array energy is V_read²·t_read·Σ G exactly; otherwise the mid-range
   * conductance (G_min + G_max)/2 stands in for each read.
   */
  readonly programmedReadConductanceS?: number;
  /** Pruned positions on activated rows (cells present in the tile but holding no synapse). */
  readonly prunedCellReads: number;
  /** Column sense events: ADC conversions, or integrate-and-fire circuit reads. */
  readonly columnSenses: number;
  /** Partial sums of split columns added digitally. */
  readonly partialSumMerges: number;
  /** Digital neuron state updates (integrate/leak/threshold). */
  readonly neuronUpdates: number;
  /** Output spikes routed off-tile (to other tiles). */
  readonly spikesRouted: number;
  /** Cell writes (STDP updates that moved a cell to another level). */
  readonly weightWrites: number;
  /** Level steps written in total (Σ |Δlevel| over writes). */
  readonly levelSteps: number;
  /**
   * Σ over writes of (G_before + G_after)/2 · |Δlevel| (S). Optional: when given, the
   * write energy follows hardware.md's formula exactly; otherwise the mid-range
   * conductance stands in.
   */
  readonly writeStepConductanceS?: number;
  /** Partial-sum packets sent over the interconnect (remote parts of split columns), a subset of the merges. */
  readonly partialSumPackets?: number;
  /** Input spikes arriving at a tile row (written into its row-driver buffer). */
  readonly inputSpikeArrivals?: number;
  /** Input spikes entering the chip (each once). */
  readonly inputSpikes?: number;
  /** Σ over steps of this tile's read cycles (0 when the tile had no input that step). */
  readonly readCycles?: number;
  /** Steps in which this tile was (one of) the busiest. */
  readonly busiestSteps?: number;
}

/**
 * The step activity the latency model reads, counted by the co-simulation step by
 * step: sums over steps of the busiest tile's work, so latency follows the real traffic.
 */
export interface StepActivity {
  /** Simulated steps (every presentation). */
  readonly steps: number;
  /** Σ over steps of max over tiles of that tile's read cycles. */
  readonly busiestReadCycles: number;
  /** Σ over steps of max over tiles of that tile's partial-sum packets. */
  readonly busiestPackets: number;
  /** Steps in which at least one tile had input. */
  readonly activeSteps: number;
  /** Pipelined latency of the run (s), per image a₀ + Σ max(b, a_{s+1}) + b, computed with the drive's time constants; 0 when none were given. */
  readonly pipelinedS: number;
}

/** Events of a whole run: the network totals, optionally per tile, plus time and inference count. */
export interface EventCounts extends TileEventCounts {
  /** Simulated time in seconds (leakage × time). */
  readonly simulatedTimeS: number;
  /** Inferences (presented samples) in the run, for per-inference energy. */
  readonly inferences: number;
  /** The same counts per tile (their sums should equal the network totals). */
  readonly perTile?: ReadonlyArray<TileEventCounts>;
  /** Step activity for the latency model (co-simulation only). */
  readonly activity?: StepActivity;
  /** E spikes of the run (each drives its I neuron, whose spike inhibits the N − 1 other E neurons). */
  readonly outputSpikes?: number;
}

/** The count fields that must be non-negative finite numbers. */
export const EVENT_COUNT_FIELDS = [
  'rowActivations',
  'programmedCellReads',
  'prunedCellReads',
  'columnSenses',
  'partialSumMerges',
  'neuronUpdates',
  'spikesRouted',
  'weightWrites',
  'levelSteps',
] as const;

/** Counts of nothing: every event 0, no time, no inference. */
export function zeroEventCounts(): EventCounts {
  return {
    rowActivations: 0,
    programmedCellReads: 0,
    prunedCellReads: 0,
    columnSenses: 0,
    partialSumMerges: 0,
    neuronUpdates: 0,
    spikesRouted: 0,
    weightWrites: 0,
    levelSteps: 0,
    simulatedTimeS: 0,
    inferences: 0,
  };
}

/** Fails fast on a negative, NaN or infinite count (names `fn` and the field). */
export function assertEventCounts(counts: TileEventCounts & Partial<Pick<EventCounts, 'simulatedTimeS' | 'inferences' | 'outputSpikes'>>, fn: string): void {
  const fields: string[] = [
    ...EVENT_COUNT_FIELDS,
    'programmedReadConductanceS',
    'writeStepConductanceS',
    'partialSumPackets',
    'inputSpikeArrivals',
    'inputSpikes',
    'outputSpikes',
    'simulatedTimeS',
    'inferences',
  ];
  for (const f of fields) {
    const v = (counts as unknown as Record<string, unknown>)[f];
    if (v === undefined && !(EVENT_COUNT_FIELDS as readonly string[]).includes(f)) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new XsnnError(`${fn}: event count '${f}' must be a finite number >= 0`, { field: f, received: String(v) });
    }
  }
}
