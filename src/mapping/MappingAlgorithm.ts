import type { Assignment } from './_internals/Assignment.js';
import type { MappingProblem } from './_internals/MappingProblem.js';
import type { CandidateSummary } from './Mapping.js';

/** What an algorithm returns: the placement, and for the packer its candidates. */
export interface AlgorithmResult {
  readonly assignment: Assignment;
  readonly candidates?: readonly CandidateSummary[];
  readonly candidateSeconds?: readonly number[];
}

/**
 * A mapping algorithm of the ladder in mapping.md. Every algorithm has the same
 * signature: the problem (weights, tile size, options) in, an assignment of each
 * synapse to a tile out. Run one through `mapWeights(w, { algorithm: name })`.
 */
export interface MappingAlgorithm {
  readonly name: string;
  /** One line for `xsnn map --help` and the docs. */
  readonly description: string;
  /** True when the algorithm splits columns by construction (skipped with splitColumns=false). */
  readonly needsSplit: boolean;
  run(problem: MappingProblem): AlgorithmResult;
}
