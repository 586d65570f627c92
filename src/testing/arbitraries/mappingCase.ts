import fc from 'fast-check';
import { Rng } from '../../core/Rng.js';
import type { MappingCase } from '../MappingCase.js';
import { bernoulliCase } from './bernoulliCase.js';
import { clipColumns } from './buildMatrix.js';
import { edgeCase } from './edgeCase.js';
import { plantedCase } from './plantedCase.js';
import { powerLawCase } from './powerLawCase.js';
import type { TileShapeConstraints } from './tileShape.js';

/** Constraints of {@link mappingCase}. */
export interface MappingCaseConstraints extends TileShapeConstraints {
  /**
   * Generate cases a no-split mapper can solve: columns with more than R
   * synapses are clipped to R. Default true (splitting allowed, nothing clipped).
   */
  splitColumns?: boolean;
}

/**
 * Any mapping problem: Bernoulli masks (density 0.05–0.5), planted blocks with
 * and without 1 % noise under permutations, power-law degrees, and the edge
 * cases (empty, 1×1, empty lines, rows wider than C, columns taller than R,
 * R or C = 1).
 */
export function mappingCase(constraints: MappingCaseConstraints = {}): fc.Arbitrary<MappingCase> {
  const any = fc.oneof(
    bernoulliCase(constraints),
    plantedCase(constraints),
    plantedCase({ ...constraints, noise: 0.01 }),
    powerLawCase(constraints),
    edgeCase(constraints),
  );
  return (constraints.splitColumns ?? true) ? any : clippedToTileRows(any);
}

/** Makes cases solvable without column splitting: every column keeps at most R synapses (the lowest rows). */
export function clippedToTileRows(arb: fc.Arbitrary<MappingCase>): fc.Arbitrary<MappingCase> {
  return arb.map((c) => {
    let tallest = 0;
    const deg = new Int32Array(c.weights.cols);
    for (let k = 0; k < c.weights.colIdx.length; k++) tallest = Math.max(tallest, ++deg[c.weights.colIdx[k]!]!);
    if (tallest <= c.tileRows) return c;
    return { ...c, weights: clipColumns(c.weights, c.tileRows, new Rng(c.seed, 5)) };
  });
}
