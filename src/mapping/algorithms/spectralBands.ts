import { Rng } from '../../core/Rng.js';
import type { Assignment } from '../_internals/Assignment.js';
import { assignmentCost, compareCost } from '../_internals/assignmentCost.js';
import { bandsToAssignment } from '../_internals/bandsToAssignment.js';
import type { BandFrame, MappingProblem } from '../_internals/MappingProblem.js';
import { bandsInOrder } from '../_internals/naturalBands.js';
import { spectralOrder } from '../_internals/spectralOrder.js';
import type { MappingAlgorithm } from '../MappingAlgorithm.js';

function bandsFrom(frame: BandFrame, order: Int32Array, colRank: Int32Array): Assignment {
  const bands = bandsInOrder(frame, order);
  return bandsToAssignment(frame, bands.band, bands.bands, colRank);
}

/** Rows of the other frame in rank order (the singular vectors serve both frames). */
function orderOfRanks(rank: Int32Array): Int32Array {
  const order = new Int32Array(rank.length);
  for (let i = 0; i < rank.length; i++) order[rank[i]!] = i;
  return order;
}

function spectral(p: MappingProblem): Assignment {
  // 30 power iterations, fewer on large matrices (at most ~1.5e7 entry visits).
  const iterations = Math.max(5, Math.round(Math.min(30, 1.5e7 / Math.max(1, p.nnz)) * p.options.effort));
  const frame = p.columnFrame;
  const { order, colRank } = spectralOrder(frame, new Rng(p.options.seed, 21), iterations);
  let best = bandsFrom(frame, order, colRank);
  if (p.options.splitColumns) {
    // Same singular vectors, other frame: inputs in spectral order, neurons ranked by it.
    const neuronRank = new Int32Array(order.length);
    for (let q = 0; q < order.length; q++) neuronRank[order[q]!] = q;
    const inputOrder = orderOfRanks(colRank);
    const emptyLast = Int32Array.from(inputOrder).sort(
      (x, y) => (p.rowFrame.deg[x] === 0 ? 1 : 0) - (p.rowFrame.deg[y] === 0 ? 1 : 0) || colRank[x]! - colRank[y]!,
    );
    const alt = bandsFrom(p.rowFrame, emptyLast, neuronRank);
    if (compareCost(assignmentCost(p, alt, 'spectralBands'), assignmentCost(p, best, 'spectralBands')) < 0) best = alt;
  }
  return best;
}

/**
 * Rung 3, spectral co-clustering: rows and columns ordered by the second
 * singular vectors of the degree-normalised matrix (see `spectralOrder`), then
 * bands in that order with compaction, columns of a band in spectral order. One
 * pair of singular vectors orders both W (bands of inputs, with splitting) and Wᵀ
 * (groups of neurons); the better banding is returned.
 */
export const spectralBands: MappingAlgorithm = {
  name: 'spectralBands',
  description: 'spectral co-clustering order (second singular vectors of D^-1/2 W D^-1/2), then bands with compaction',
  needsSplit: false,
  run: (p) => ({ assignment: spectral(p) }),
};
