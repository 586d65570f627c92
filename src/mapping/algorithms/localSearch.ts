import { compactAssignment, type Assignment } from '../_internals/Assignment.js';
import type { MappingProblem } from '../_internals/MappingProblem.js';
import { cachedGreedyBands } from '../_internals/greedyBands.js';
import { bandsToAssignment } from '../_internals/bandsToAssignment.js';
import { assignmentCost, compareCost } from '../_internals/assignmentCost.js';
import type { MappingAlgorithm } from '../MappingAlgorithm.js';
import { TileOccupancy } from '../_internals/TileOccupancy.js';
import { dissolveTiles } from '../_internals/dissolveTiles.js';
import { consolidateTiles } from '../_internals/consolidateTiles.js';

/** Phase 1's entry-visit budget is effort·max(this, 10·nnz); phase 2 gets half of it. */
export const MIN_LOCAL_SEARCH_WORK = 3e7;

/**
 * Rung 5, local search on big·K + α·E + β·T (K first).
 *
 * Phase 1 (K, {@link dissolveTiles}): repeatedly tries to dissolve (split up) a
 * tile, fewest synapses first, by moving each of its synapses into another tile
 * that holds its row and column, or holds one and has room for the other, or has
 * room for both (the move adding the fewest lines wins, so merges of small tiles
 * fall out as a special case); without column splitting a whole column moves at
 * once and must fit with its rows. A dissolve that cannot place every synapse is
 * rolled back, so K never rises and capacity always holds.
 *
 * Phase 2 (α·E + β·T with K fixed, {@link consolidateTiles}): consolidating moves
 * of a neuron's or an input's synapses between tiles, each applied only when it
 * lowers the objective.
 *
 * A sweep visits the tiles by increasing size and ends after max(48, K/10)·effort
 * failed dissolves in a row; at most 3·effort sweeps, and a budget of entry
 * visits (a count, so the result is deterministic). Memory O(K·(rows+cols)):
 * beyond `MAX_OCCUPANCY_COUNTERS` (6e7) counters the start is returned unchanged.
 */
export function improveByLocalSearch(p: MappingProblem, start: Assignment): Assignment {
  const K = start.tiles;
  if (K <= 1 || !TileOccupancy.fits(p, K)) return start;
  const state = new TileOccupancy(p, start);
  const budget = p.options.effort * Math.max(MIN_LOCAL_SEARCH_WORK, 10 * p.nnz);
  dissolveTiles(state, budget);
  consolidateTiles(state, budget / 2);
  return compactAssignment(state.tileOf, K);
}

/**
 * Local search as a standalone algorithm: starts from the better of greedy
 * band growth on W (with splitting) and on Wᵀ, then {@link improveByLocalSearch}.
 * In the packer it starts from the best other candidate instead.
 */
export const localSearch: MappingAlgorithm = {
  name: 'localSearch',
  description: 'dissolves tiles by moving their synapses into other tiles (moves, merges); starts from greedy bands',
  needsSplit: false,
  run(p) {
    const col = cachedGreedyBands(p, p.columnFrame);
    let start = bandsToAssignment(p.columnFrame, col.band, col.bands);
    if (p.options.splitColumns) {
      const row = cachedGreedyBands(p, p.rowFrame);
      const alt = bandsToAssignment(p.rowFrame, row.band, row.bands);
      if (compareCost(assignmentCost(p, alt, 'localSearch'), assignmentCost(p, start, 'localSearch')) < 0) start = alt;
    }
    return { assignment: improveByLocalSearch(p, start) };
  },
};
