import { XsnnError } from '../config/XsnnError.js';
import { assertCsr, type CsrMatrix } from '../core/CsrMatrix.js';
import { assignmentCost } from './_internals/assignmentCost.js';
import { makeMappingProblem } from './_internals/MappingProblem.js';
import type { Mapping } from './Mapping.js';
import { mappingAlgorithmNames, mappingAlgorithms } from './mappingAlgorithms.js';
import { mappingFromAssignment } from './mappingFromAssignment.js';
import { resolveMapOptions, type MapOptions } from './MapOptions.js';

/**
 * Maps a weight matrix (CSR; rows = inputs, columns = neurons; stored entries =
 * surviving synapses) onto R×C crossbar tiles with the chosen algorithm
 * (default: the packer, which returns the best of every algorithm). Deterministic
 * for a seed: same inputs and options give an identical mapping except `timing`.
 *
 * @throws {@link XsnnError} for a malformed matrix, bad options, an unknown
 * algorithm, or, with `splitColumns: false`, a neuron with more than R synapses.
 */
export function mapWeights(weights: CsrMatrix, options: MapOptions): Mapping {
  const t0 = performance.now();
  const fn = 'mapWeights';
  assertCsr(weights, `${fn}: weights`);
  const opts = resolveMapOptions(weights, options, fn);
  const alg = mappingAlgorithms[opts.algorithm];
  if (alg === undefined) {
    throw new XsnnError(`${fn}: unknown algorithm '${opts.algorithm}'`, { field: 'algorithm', expected: `one of ${mappingAlgorithmNames.join(', ')}` });
  }
  const p = makeMappingProblem(weights, opts);
  if (!opts.splitColumns) {
    const deg = p.columnFrame.deg;
    for (let j = 0; j < deg.length; j++) {
      if (deg[j]! > opts.tileRows) {
        throw new XsnnError(
          `${fn}: neuron ${j} has ${deg[j]} synapses but a tile has only ${opts.tileRows} rows, so it cannot be mapped without splitting its column`,
          {
            expected: 'splitColumns: true, or tiles with at least as many rows as the largest fan-in',
            received: `fan-in ${deg[j]}`,
          },
        );
      }
    }
  }
  if (alg.needsSplit && !opts.splitColumns) {
    throw new XsnnError(`${fn}: algorithm '${alg.name}' splits columns by construction; it cannot run with splitColumns: false`, { field: 'algorithm' });
  }
  const result = alg.run(p);
  assignmentCost(p, result.assignment, alg.name); // capacity and no-split self-check
  const seconds = (performance.now() - t0) / 1000;
  return mappingFromAssignment(weights, result.assignment.tileOf, {
    ...options,
    algorithm: alg.name,
    seconds,
    ...(result.candidates !== undefined ? { candidates: result.candidates } : {}),
    ...(result.candidateSeconds !== undefined ? { candidateSeconds: result.candidateSeconds } : {}),
  });
}
