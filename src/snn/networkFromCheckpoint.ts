import type { Checkpoint } from './Checkpoint.js';
import { InputSynapses } from './InputSynapses.js';
import { SnnNetwork } from './SnnNetwork.js';

/** The parts of a checkpoint needed to run the network. */
export type NetworkSnapshot = Pick<Checkpoint, 'recipe' | 'nInputs' | 'neurons' | 'maxDelay' | 'weights' | 'mask' | 'delays' | 'theta'>;

/**
 * Builds a test-mode-ready {@link SnnNetwork} from a checkpoint (copies θ; the
 * synapses are rebuilt in the sparse layout from the dense arrays). Replace
 * `network.drive` to co-simulate the input→E drive on other hardware.
 */
export function networkFromCheckpoint(ck: NetworkSnapshot): SnnNetwork {
  const syn = InputSynapses.fromDense(ck.weights, ck.mask, ck.delays, ck.nInputs, ck.neurons, ck.maxDelay);
  return new SnnNetwork(ck.recipe, syn, Float64Array.from(ck.theta));
}
