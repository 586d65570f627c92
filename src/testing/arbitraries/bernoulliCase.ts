import fc from 'fast-check';
import { Rng } from '../../core/Rng.js';
import type { MappingCase } from '../MappingCase.js';
import { buildMatrix } from './buildMatrix.js';
import { tileShape, type TileShapeConstraints } from './tileShape.js';

/** Constraints of {@link bernoulliCase}. */
export interface BernoulliCaseConstraints extends TileShapeConstraints {
  /**
   * Largest number of inputs.
   * @defaultValue 14
   */
  maxRows?: number;
  /**
   * Largest number of neurons.
   * @defaultValue 14
   */
  maxCols?: number;
  /**
   * Density range.
   * @defaultValue 0.05 … 0.5
   */
  minDensity?: number;
  maxDensity?: number;
}

/** Masks where each cell is a synapse with probability `density` (0.05 … 0.5 by default). */
export function bernoulliCase(constraints: BernoulliCaseConstraints = {}): fc.Arbitrary<MappingCase> {
  const lo = constraints.minDensity ?? 0.05;
  const hi = constraints.maxDensity ?? 0.5;
  if (!(lo >= 0 && hi <= 1 && lo <= hi)) throw new Error(`bernoulliCase: need 0 <= minDensity <= maxDensity <= 1, got ${lo}, ${hi}`);
  return fc
    .record({
      rows: fc.integer({ min: 1, max: constraints.maxRows ?? 14 }),
      cols: fc.integer({ min: 1, max: constraints.maxCols ?? 14 }),
      density: fc.double({ min: lo, max: hi, noNaN: true }),
      tile: tileShape(constraints),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .map(({ rows, cols, density, tile, seed }) => {
      const rng = new Rng(seed, 1);
      const cells: number[] = [];
      for (let c = 0; c < rows * cols; c++) if (rng.uniform() < density) cells.push(c);
      return { weights: buildMatrix(rows, cols, cells, rng), ...tile, kind: `bernoulli(${density.toFixed(2)})`, seed };
    });
}
