import { bandsInOrder } from '../_internals/naturalBands.js';
import { bandsToAssignment } from '../_internals/bandsToAssignment.js';
import type { MappingAlgorithm } from '../MappingAlgorithm.js';

/**
 * Rung 2 on W: bands of R consecutive inputs (natural order); each band keeps
 * only the neurons it uses (column compaction), cut into tiles of C.
 * K = Σ_b ⌈|N(b)|/C⌉ ≤ naive K. Splits columns by construction.
 */
export const rowBands: MappingAlgorithm = {
  name: 'rowBands',
  description: 'bands of R consecutive inputs, unused neurons dropped per band (column compaction)',
  needsSplit: true,
  run(p) {
    const bands = bandsInOrder(p.rowFrame);
    return { assignment: bandsToAssignment(p.rowFrame, bands.band, bands.bands) };
  },
};

/**
 * Rung 2 on Wᵀ: groups of C consecutive neurons; each group keeps only the
 * inputs it uses (row compaction), cut into tiles of R. Tiles still hold ≤ R
 * inputs and ≤ C neurons. Without splitting, groups close when their inputs
 * would overflow one tile.
 */
export const columnBands: MappingAlgorithm = {
  name: 'columnBands',
  description: 'groups of C consecutive neurons, unused inputs dropped per group (row compaction on the transpose)',
  needsSplit: false,
  run(p) {
    const bands = bandsInOrder(p.columnFrame);
    return { assignment: bandsToAssignment(p.columnFrame, bands.band, bands.bands) };
  },
};
