import fc from 'fast-check';
import { Rng } from '../../core/Rng.js';
import type { MappingCase } from '../MappingCase.js';
import { buildMatrix } from './buildMatrix.js';
import { tileShape, type TileShapeConstraints } from './tileShape.js';

/** Constraints of {@link powerLawCase}. */
export interface PowerLawCaseConstraints extends TileShapeConstraints {
  maxRows?: number;
  maxCols?: number;
}

/**
 * Power-law degrees: neuron j's fan-in ≈ rows·(j+1)^−α (α in 0.5 … 2, neurons
 * shuffled), its inputs drawn with probability ∝ (i+1)^−α over shuffled inputs,
 * so a few inputs and neurons are hubs and many are nearly empty.
 */
export function powerLawCase(constraints: PowerLawCaseConstraints = {}): fc.Arbitrary<MappingCase> {
  return fc
    .record({
      rows: fc.integer({ min: 1, max: constraints.maxRows ?? 16 }),
      cols: fc.integer({ min: 1, max: constraints.maxCols ?? 16 }),
      alpha: fc.double({ min: 0.5, max: 2, noNaN: true }),
      tile: tileShape(constraints),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .map(({ rows, cols, alpha, tile, seed }) => {
      const rng = new Rng(seed, 3);
      const rowOrder = rng.shuffle(Int32Array.from({ length: rows }, (_, i) => i));
      const colOrder = rng.shuffle(Int32Array.from({ length: cols }, (_, j) => j));
      const weight = Array.from({ length: rows }, (_, i) => (i + 1) ** -alpha);
      const total = weight.reduce((s, x) => s + x, 0);
      const cells = new Set<number>();
      for (let q = 0; q < cols; q++) {
        const fanIn = Math.max(1, Math.round(rows * (q + 1) ** -alpha));
        for (let d = 0, tries = 0; d < fanIn && tries < 20 * rows; tries++) {
          let u = rng.uniform() * total;
          let i = 0;
          while (i < rows - 1 && u >= weight[i]!) u -= weight[i++]!;
          const cell = rowOrder[i]! * cols + colOrder[q]!;
          if (!cells.has(cell)) {
            cells.add(cell);
            d++;
          }
        }
      }
      return { weights: buildMatrix(rows, cols, cells, rng), ...tile, kind: `powerLaw(${alpha.toFixed(2)})`, seed };
    });
}
