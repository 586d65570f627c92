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
} as const;

/** Zeroed counters for `tiles` tiles. */
export function newTileCounters(tiles: number): Float64Array {
  return new Float64Array(tiles * TILE_COUNTER_STRIDE);
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
  run: { readonly simulatedTimeS: number; readonly inferences: number },
): EventCounts {
  const S = TILE_COUNTER_STRIDE;
  const perTile: TileEventCounts[] = [];
  const total = new Float64Array(S);
  for (let t = 0; t < tiles; t++) {
    const o = t * S;
    for (let f = 0; f < S; f++) total[f]! += counters[o + f]!;
    perTile.push(tileCounts(counters, o));
  }
  return { ...tileCounts(total, 0), simulatedTimeS: run.simulatedTimeS, inferences: run.inferences, perTile };
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
    weightWrites: 0,
    levelSteps: 0,
  };
}
