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

  constructor(synapses: InputSynapses) {
    this.synapses = synapses;
  }

  deliver(spikes: InputSpikes, step: number, ge: Float64Array): void {
    const { grpPtr, col, w, maxDelay } = this.synapses;
    const D1 = maxDelay + 1;
    const stepPtr = spikes.stepPtr;
    const inputs = spikes.inputs;
    const last = spikes.steps - 1;
    for (let d = 0; d <= maxDelay; d++) {
      const se = step - d;
      if (se < 0) break;
      if (se > last) continue;
      const qEnd = stepPtr[se + 1]!;
      for (let q = stepPtr[se]!; q < qEnd; q++) {
        const k = inputs[q]! * D1 + d;
        const eEnd = grpPtr[k + 1]!;
        for (let e = grpPtr[k]!; e < eEnd; e++) ge[col[e]!]! += w[e]!;
      }
    }
  }
}
