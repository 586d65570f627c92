import { compactAssignment } from '../_internals/Assignment.js';
import { bandsInOrder } from '../_internals/naturalBands.js';
import { bandsToAssignment } from '../_internals/bandsToAssignment.js';
import type { MappingAlgorithm } from '../MappingAlgorithm.js';

/**
 * Rung 1, naive blocking: block (⌊i/R⌋, ⌊j/C⌋) of plain R×C blocking in natural
 * order, empty blocks skipped (K = naive K). Without column splitting: neurons
 * in natural order fill a tile until the next one's inputs would overflow R rows
 * or C columns (the fill-cores-in-order toolchain baseline).
 */
export const naiveBlocking: MappingAlgorithm = {
  name: 'naive',
  description: 'plain R×C blocks in natural order, empty blocks skipped (no split: neurons fill tiles in order)',
  needsSplit: false,
  run(p) {
    const { w, options } = p;
    if (!options.splitColumns) {
      const bands = bandsInOrder(p.columnFrame);
      return { assignment: bandsToAssignment(p.columnFrame, bands.band, bands.bands) };
    }
    const R = options.tileRows;
    const C = options.tileCols;
    const blockCols = Math.ceil(w.cols / C);
    const tileOf = new Int32Array(p.nnz);
    for (let i = 0; i < w.rows; i++) {
      const base = Math.floor(i / R) * blockCols;
      for (let k = w.rowPtr[i]!; k < w.rowPtr[i + 1]!; k++) tileOf[k] = base + Math.floor(w.colIdx[k]! / C);
    }
    return { assignment: compactAssignment(tileOf, Math.ceil(w.rows / R) * blockCols) };
  },
};
