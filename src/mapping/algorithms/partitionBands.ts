import { Rng } from '../../core/Rng.js';
import { bandsToAssignment } from '../_internals/bandsToAssignment.js';
import { cachedGreedyBands } from '../_internals/greedyBands.js';
import type { BandFrame, MappingProblem } from '../_internals/MappingProblem.js';
import { refineBands } from '../_internals/refineBands.js';
import type { MappingAlgorithm } from '../MappingAlgorithm.js';
import type { Assignment } from '../_internals/Assignment.js';

/**
 * Starts from greedy band growth with the fewest bands, and (up to 4e5
 * synapses) with one and two bands more (smaller bands leave the refinement
 * room to move rows), refines each, and keeps the partition with the fewest tiles (then the smallest Σ|N(b)|).
 */
function partition(p: MappingProblem, frame: BandFrame, stream: number): Assignment {
  const passes = Math.max(1, Math.round(6 * p.options.effort));
  // Work per refinement, in entry visits (deterministic, unlike a clock).
  const budget = p.options.effort * Math.max(1e7, 6 * p.nnz);
  let active = 0;
  for (let r = 0; r < frame.a.rows; r++) if (frame.deg[r]! > 0) active++;
  const fewest = Math.max(1, Math.ceil(active / frame.bandRows));
  let best: { a: Assignment; key: number } | undefined;
  // Extra starts only on small problems (a rule on the size, so runs stay deterministic).
  const extras = p.nnz <= 4e5 ? 2 : 0;
  for (let extra = 0; extra <= extras; extra++) {
    const cap = Math.ceil(active / (fewest + extra));
    if (extra > 0 && (cap < 1 || cap === Math.ceil(active / (fewest + extra - 1)))) continue;
    const start = cachedGreedyBands(p, frame, Math.min(frame.bandRows, Math.max(1, cap)));
    const refined = refineBands(frame, start, new Rng(p.options.seed, stream, extra), passes, budget);
    const a = bandsToAssignment(frame, refined.band, refined.bands);
    const key = a.tiles * (frame.a.cols * frame.a.rows + 1) + sumWidths(frame, refined.band);
    if (best === undefined || key < best.key) best = { a, key };
  }
  return best!.a;
}

function sumWidths(frame: BandFrame, band: Int32Array): number {
  const a = frame.a;
  const stamp = new Int32Array(a.cols).fill(-1);
  const order = Array.from({ length: a.rows }, (_, r) => r)
    .filter((r) => band[r]! >= 0)
    .sort((x, y) => band[x]! - band[y]! || x - y);
  let total = 0;
  for (const r of order) {
    const b = band[r]!;
    for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) {
      if (stamp[a.colIdx[k]!] !== b) {
        stamp[a.colIdx[k]!] = b;
        total++;
      }
    }
  }
  return total;
}

/**
 * Rungs 3+4 on W: hypergraph-style partitioning of the inputs into bands of ≤ R
 * (neurons are the nets), started from greedy band growth and refined by
 * Fiduccia–Mattheyses moves and swaps on the tile-aware gain; then compaction.
 */
export const partitionRowBands: MappingAlgorithm = {
  name: 'partitionRowBands',
  description: 'inputs partitioned into bands (neurons as nets), FM refinement on a tile-aware gain',
  needsSplit: true,
  run: (p) => ({ assignment: partition(p, p.rowFrame, 11) }),
};

/**
 * Rungs 3+4 on Wᵀ: the neurons partitioned into groups of ≤ C (inputs are the
 * nets), FM refinement on Σ_g ⌈|inputs(g)|/R⌉ then Σ_g |inputs(g)|; then row
 * compaction. Without splitting, each group must fit one tile.
 */
export const partitionColumnBands: MappingAlgorithm = {
  name: 'partitionColumnBands',
  description: 'neurons partitioned into groups (inputs as nets), FM refinement on a tile-aware gain',
  needsSplit: false,
  run: (p) => ({ assignment: partition(p, p.columnFrame, 12) }),
};
