import fc from 'fast-check';
import { Rng } from '../../core/Rng.js';
import type { MappingCase } from '../MappingCase.js';
import { buildMatrix, clipColumns } from './buildMatrix.js';

/** Constraints of {@link tinyCase}. */
export interface TinyCaseConstraints {
  /**
   * Most synapses.
   * @defaultValue 8 (exhaustive search stays in milliseconds)
   */
  maxSynapses?: number;
  /**
   * Clip columns to R synapses (no-split problems).
   * @defaultValue true
   */
  splitColumns?: boolean;
}

/** Tiny problems (≤ 5×5, ≤ 8 synapses, R and C in 1…3) whose optimum exhaustive search can find. */
export function tinyCase(constraints: TinyCaseConstraints = {}): fc.Arbitrary<MappingCase> {
  const max = constraints.maxSynapses ?? 8;
  return fc
    .record({
      rows: fc.integer({ min: 1, max: 5 }),
      cols: fc.integer({ min: 1, max: 5 }),
      tileRows: fc.integer({ min: 1, max: 3 }),
      tileCols: fc.integer({ min: 1, max: 3 }),
      count: fc.integer({ min: 0, max }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .map(({ rows, cols, tileRows, tileCols, count, seed }) => {
      const rng = new Rng(seed, 6);
      const cellOrder = rng.shuffle(Int32Array.from({ length: rows * cols }, (_, c) => c));
      let w = buildMatrix(rows, cols, cellOrder.subarray(0, Math.min(count, rows * cols)), rng);
      if (!(constraints.splitColumns ?? true)) w = clipColumns(w, tileRows, rng);
      return { weights: w, tileRows, tileCols, kind: 'tiny', seed };
    });
}
