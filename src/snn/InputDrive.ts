import { arrivingGroups } from './arrivingGroups.js';
import type { InputSpikes } from './InputSpikes.js';
import type { InputSynapses } from './InputSynapses.js';

/**
 * The input→E drive in test mode (plasticity off): at presentation step `step`
 * it adds to `ge[j]` the conductance arriving at each E neuron `j` from input
 * spikes emitted at steps `step − d` (d = each synapse's delay, 0…maxDelay).
 *
 * This is the seam for crossbar co-simulation: {@link SynapticDrive} is the
 * ideal (exact) drive; a crossbar model implements the same interface with
 * device-programmed effective weights or per-tile column partial sums
 * (e.g. ADC-quantized), and {@link SnnNetwork} runs unchanged around it.
 * `ge` is in units of the leak conductance; the spikes of a presentation are in
 * `spikes` (bucketed by emission step).
 */
export interface InputDrive {
  deliver(spikes: InputSpikes, step: number, ge: Float64Array): void;
}

/**
 * The exact drive: `ge[j] += Σ w_ij` over the (input i, delay d) pairs whose
 * spike arrives at this step, reading the delay-grouped sparse layout of
 * {@link InputSynapses} (only surviving synapses are visited).
 */
export class SynapticDrive implements InputDrive {
  readonly synapses: InputSynapses;
  private readonly groups: Int32Array;

  constructor(synapses: InputSynapses) {
    this.synapses = synapses;
    this.groups = new Int32Array(synapses.nInputs * (synapses.maxDelay + 1));
  }

  deliver(spikes: InputSpikes, step: number, ge: Float64Array): void {
    const { grpPtr, col, w, maxDelay } = this.synapses;
    const groups = this.groups;
    const m = arrivingGroups(spikes.stepPtr, spikes.inputs, step, maxDelay, spikes.steps - 1, groups);
    const B = this.synapses.blockCount;
    const K = groups.length;
    for (let g = 0; g < m; g++) {
      // blocks hold disjoint neurons, so each ge[j] gets its terms in the same order whatever the blocks
      for (let k = groups[g]!, kEnd = k + B * K; k < kEnd; k += K) {
        for (let e = grpPtr[k]!, eEnd = grpPtr[k + 1]!; e < eEnd; e++) ge[col[e]!]! += w[e]!;
      }
    }
  }
}
