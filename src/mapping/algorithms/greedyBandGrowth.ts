import { cachedGreedyBands } from '../_internals/greedyBands.js';
import { bandsToAssignment } from '../_internals/bandsToAssignment.js';
import type { MappingAlgorithm } from '../MappingAlgorithm.js';

/**
 * Rung 3, greedy band growth on W: grow each band of ≤ R inputs by adding the
 * input that brings the fewest new neurons, then column compaction.
 */
export const greedyRowBands: MappingAlgorithm = {
  name: 'greedyRowBands',
  description: 'greedy band growth over inputs (add the input bringing fewest new neurons), then compaction',
  needsSplit: true,
  run(p) {
    const bands = cachedGreedyBands(p, p.rowFrame);
    return { assignment: bandsToAssignment(p.rowFrame, bands.band, bands.bands) };
  },
};

/**
 * Rung 3 on Wᵀ: grow groups of ≤ C neurons by adding the neuron that brings the
 * fewest new inputs, then row compaction. Without splitting, a group stops
 * growing when no neuron fits one tile.
 */
export const greedyColumnBands: MappingAlgorithm = {
  name: 'greedyColumnBands',
  description: 'greedy band growth over neurons (add the neuron bringing fewest new inputs), then compaction',
  needsSplit: false,
  run(p) {
    const bands = cachedGreedyBands(p, p.columnFrame);
    return { assignment: bandsToAssignment(p.columnFrame, bands.band, bands.bands) };
  },
};
