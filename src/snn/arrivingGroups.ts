/**
 * The delay-group walk of one time step: writes into `out` the groups
 * `k = i·(maxDelay+1) + d` (see {@link InputSynapses}) whose spikes arrive at
 * step `step`, i.e. input `i` fired at step `step − d` (0 ≤ step − d ≤ `last`),
 * ordered by delay d, then by input; returns how many. `stepPtr`/`inputs` are an
 * {@link InputSpikes} bucket layout. The plastic training loop and
 * {@link SynapticDrive} both deliver in this order.
 */
export function arrivingGroups(stepPtr: Int32Array, inputs: Int32Array, step: number, maxDelay: number, last: number, out: Int32Array): number {
  const D1 = maxDelay + 1;
  let m = 0;
  for (let d = 0; d <= maxDelay; d++) {
    const se = step - d;
    if (se < 0) break;
    if (se > last) continue;
    for (let q = stepPtr[se]!, qEnd = stepPtr[se + 1]!; q < qEnd; q++) out[m++] = inputs[q]! * D1 + d;
  }
  return m;
}
