import type { CsrMatrix } from '../core/CsrMatrix.js';

/** One generated mapping problem: weights and a tile size. */
export interface MappingCase {
  /** Weights, rows = inputs, columns = neurons; stored entries are synapses (some weigh exactly 0). */
  readonly weights: CsrMatrix;
  /** R. */
  readonly tileRows: number;
  /** C. */
  readonly tileCols: number;
  /** Which generator made it, e.g. `bernoulli(0.23)`, `planted(k=3)`. */
  readonly kind: string;
  /** The optimal tile count when it is known by construction (planted blocks without noise). */
  readonly optimum?: number;
  /** Seed for anything a law draws about this case (permutations, inputs). */
  readonly seed: number;
}
