import type { EventCounts, TileEventCounts } from '../energy/EventCounts.js';

/**
 * The per-tile event counters of the co-simulation, one Float64Array of
 * `tiles × TILE_COUNTER_FIELDS.length` (tile-major), in this field order. The
 * names are those of the energy model's {@link TileEventCounts}.
 */
export const TILE_COUNTER_FIELDS = [
  'rowActivations',
  'programmedCellReads',
  'prunedCellReads',
  'programmedReadConductanceS',
  'columnSenses',
  'partialSumMerges',
  'neuronUpdates',
  'spikesRouted',
  'partialSumPackets',
  'inputSpikeArrivals',
  'inputSpikes',
  'readCycles',
  'busiestSteps',
] as const;

/** Number of counters per tile. */
export const TILE_COUNTER_STRIDE = TILE_COUNTER_FIELDS.length;

/** Index of each counter inside a tile's block. */
export const COUNTER = {
  rowActivations: 0,
  programmedCellReads: 1,
  prunedCellReads: 2,
  programmedReadConductanceS: 3,
  columnSenses: 4,
  partialSumMerges: 5,
  neuronUpdates: 6,
  spikesRouted: 7,
  partialSumPackets: 8,
  inputSpikeArrivals: 9,
  inputSpikes: 10,
  readCycles: 11,
  busiestSteps: 12,
} as const;

/**
 * Run-wide step activity kept after the per-tile blocks (same array, so threads add
 * it like the rest): Σ_s busiest read cycles, Σ_s busiest packets, active steps,
 * pipelined latency (s), E output spikes, and the delay-FIFO shifts (Σ over input
 * spikes arriving at a row of delay d of d; `fifo` only).
 */
export const ACTIVITY = { busiestReadCycles: 0, busiestPackets: 1, activeSteps: 2, pipelinedS: 3, outputSpikes: 4, delayShifts: 5 } as const;
/** Length of the activity block. */
export const ACTIVITY_LENGTH = 6;

/** Zeroed counters for `tiles` tiles (plus the activity block). */
export function newTileCounters(tiles: number): Float64Array {
  return new Float64Array(tiles * TILE_COUNTER_STRIDE + ACTIVITY_LENGTH);
}

/** Adds counters `b` into `a` (same tile count). */
export function addTileCounters(a: Float64Array, b: ArrayLike<number>): void {
  for (let k = 0; k < a.length; k++) a[k]! += b[k]!;
}

/**
 * Turns per-tile counters into the energy model's {@link EventCounts}: network
 * totals (sums over tiles) plus `perTile`. Training-only fields (writes) are 0.
 */
export function eventCountsFromCounters(
  counters: Float64Array,
  tiles: number,
  run: { readonly simulatedTimeS: number; readonly inferences: number; readonly steps?: number },
): EventCounts {
  const S = TILE_COUNTER_STRIDE;
  const A = tiles * S;
  const perTile: TileEventCounts[] = [];
  const total = new Float64Array(S);
  for (let t = 0; t < tiles; t++) {
    const o = t * S;
    for (let f = 0; f < S; f++) total[f]! += counters[o + f]!;
    perTile.push(tileCounts(counters, o));
  }
  const activity =
    counters.length >= A + ACTIVITY_LENGTH && run.steps !== undefined
      ? {
          activity: {
            steps: run.steps,
            busiestReadCycles: counters[A + ACTIVITY.busiestReadCycles]!,
            busiestPackets: counters[A + ACTIVITY.busiestPackets]!,
            activeSteps: counters[A + ACTIVITY.activeSteps]!,
            pipelinedS: counters[A + ACTIVITY.pipelinedS]!,
          },
          outputSpikes: counters[A + ACTIVITY.outputSpikes]!,
        }
      : {};
  return { ...tileCounts(total, 0), simulatedTimeS: run.simulatedTimeS, inferences: run.inferences, perTile, ...activity };
}

function tileCounts(c: ArrayLike<number>, o: number): TileEventCounts {
  return {
    rowActivations: c[o + COUNTER.rowActivations]!,
    programmedCellReads: c[o + COUNTER.programmedCellReads]!,
    prunedCellReads: c[o + COUNTER.prunedCellReads]!,
    programmedReadConductanceS: c[o + COUNTER.programmedReadConductanceS]!,
    columnSenses: c[o + COUNTER.columnSenses]!,
    partialSumMerges: c[o + COUNTER.partialSumMerges]!,
    neuronUpdates: c[o + COUNTER.neuronUpdates]!,
    spikesRouted: c[o + COUNTER.spikesRouted]!,
    partialSumPackets: c[o + COUNTER.partialSumPackets]!,
    inputSpikeArrivals: c[o + COUNTER.inputSpikeArrivals]!,
    inputSpikes: c[o + COUNTER.inputSpikes]!,
    readCycles: c[o + COUNTER.readCycles]!,
    busiestSteps: c[o + COUNTER.busiestSteps]!,
    weightWrites: 0,
    levelSteps: 0,
  };
}
