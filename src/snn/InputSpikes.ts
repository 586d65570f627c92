import type { Rng } from '../core/Rng.js';

/**
 * The input spikes of one presentation, bucketed by step: the inputs that fire
 * at step `s` (0 ≤ s < steps) are `inputs[stepPtr[s] … stepPtr[s+1])`, in
 * increasing input order. Buffers are reused between presentations.
 */
export class InputSpikes {
  steps = 0;
  stepPtr: Int32Array = new Int32Array(1);
  inputs: Int32Array = new Int32Array(4096);
  private tmpStep: Int32Array = new Int32Array(4096);
  private tmpInput: Int32Array = new Int32Array(4096);

  /** Total number of input spikes. */
  get count(): number {
    return this.stepPtr[this.steps]!;
  }

  /**
   * Sets the spikes explicitly (tests, replaying recorded trains): `events` are
   * `[step, input]` pairs with 0 ≤ step < steps, in any order.
   */
  setEvents(steps: number, events: ReadonlyArray<readonly [step: number, input: number]>): this {
    const sorted = [...events].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.steps = steps;
    this.stepPtr = new Int32Array(steps + 1);
    this.inputs = new Int32Array(Math.max(1, sorted.length));
    for (const [s] of sorted) {
      if (!(Number.isInteger(s) && s >= 0 && s < steps)) throw new RangeError(`InputSpikes.setEvents: step ${s} outside [0, ${steps})`);
      this.stepPtr[s + 1]!++;
    }
    for (let s = 0; s < steps; s++) this.stepPtr[s + 1]! += this.stepPtr[s]!;
    sorted.forEach(([, i], k) => (this.inputs[k] = i));
    return this;
  }

  /**
   * Draws a Poisson spike train for each input: input `i` fires in each step
   * with probability `p_i = pixel_i · pixelRateHz · intensity · dtS`, i.e. a
   * Bernoulli trial per step as in Brian's PoissonGroup. Sampled exactly by
   * geometric inter-spike intervals, `gap = 1 + ⌊ln U / ln(1 − p)⌋`, so zero
   * pixels cost nothing. `p ≥ 1` fires every step.
   */
  generate(pixels: Uint8Array, offset: number, size: number, scale: number, steps: number, rng: Rng): this {
    if (this.stepPtr.length < steps + 1) this.stepPtr = new Int32Array(steps + 1);
    this.steps = steps;
    let n = 0;
    let tStep = this.tmpStep;
    let tIn = this.tmpInput;
    for (let i = 0; i < size; i++) {
      const px = pixels[offset + i]!;
      if (px === 0) continue;
      const p = px * scale;
      if (p >= 1) {
        if (n + steps > tStep.length) ({ tStep, tIn } = this.grow(n + steps));
        for (let s = 0; s < steps; s++) {
          tStep[n] = s;
          tIn[n++] = i;
        }
        continue;
      }
      const invLogQ = 1 / Math.log1p(-p);
      let s = -1;
      for (;;) {
        s += 1 + Math.floor(Math.log(1 - rng.uniform()) * invLogQ);
        if (s >= steps) break;
        if (n >= tStep.length) ({ tStep, tIn } = this.grow(n + 1));
        tStep[n] = s;
        tIn[n++] = i;
      }
    }
    // counting sort by step (stable: inputs stay in increasing order)
    const ptr = this.stepPtr;
    ptr.fill(0, 0, steps + 1);
    for (let k = 0; k < n; k++) ptr[tStep[k]! + 1]!++;
    for (let s = 0; s < steps; s++) ptr[s + 1]! += ptr[s]!;
    if (this.inputs.length < n) this.inputs = new Int32Array(Math.max(n, this.inputs.length * 2));
    const out = this.inputs;
    const fill = this.fillBuf(steps);
    fill.set(ptr.subarray(0, steps));
    for (let k = 0; k < n; k++) out[fill[tStep[k]!]!++] = tIn[k]!;
    return this;
  }

  private fillArr: Int32Array = new Int32Array(1);
  private fillBuf(steps: number): Int32Array {
    if (this.fillArr.length < steps) this.fillArr = new Int32Array(steps);
    return this.fillArr;
  }

  private grow(min: number): { tStep: Int32Array; tIn: Int32Array } {
    const cap = Math.max(min, this.tmpStep.length * 2);
    const a = new Int32Array(cap);
    a.set(this.tmpStep);
    const b = new Int32Array(cap);
    b.set(this.tmpInput);
    this.tmpStep = a;
    this.tmpInput = b;
    return { tStep: a, tIn: b };
  }
}
