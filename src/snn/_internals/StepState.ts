import type { NetworkState, NetworkStateArrays } from '../NetworkState.js';

/** The per-neuron arrays the step loop writes: a network state's and the thresholds θ. */
export type StepArrays = NetworkStateArrays & { readonly theta: Float64Array };

/**
 * The per-neuron arrays the step loop of one partition writes. Alone, they are
 * the network's state itself. A partition that shares the state with other
 * threads steps over private copies instead, loaded from the shared arrays
 * before each presentation and stored back after it: during a presentation no
 * thread writes a cache line that another thread's neurons share (the arrays'
 * base addresses are not aligned to cache lines, so a partition boundary would
 * otherwise fall inside one line of each array, written by both threads every step).
 * Between presentations the shared arrays hold the state.
 */
export class StepState {
  private constructor(
    /** The arrays to step over. */
    readonly arrays: StepArrays,
    private readonly shared: StepArrays | null,
  ) {}

  /** The state's own arrays (a network alone in its thread): {@link load} and {@link store} do nothing. */
  static over(state: NetworkState, theta: Float64Array): StepState {
    return new StepState({ ...state.arrays(), theta }, null);
  }

  /** Private copies of the state's arrays (a partition sharing the state with other threads). */
  static copyOf(state: NetworkState, theta: Float64Array): StepState {
    const shared: StepArrays = { ...state.arrays(), theta };
    const copy = Object.fromEntries(Object.entries(shared).map(([k, a]) => [k, (a as Float64Array).slice()]));
    return new StepState(copy as unknown as StepArrays, shared);
  }

  /** Copies neurons `[lo, hi)` of the shared arrays into the private ones (before a presentation). */
  load(lo: number, hi: number): void {
    if (this.shared !== null) copyRange(this.shared, this.arrays, lo, hi);
  }

  /** Copies neurons `[lo, hi)` of the private arrays back into the shared ones (after a presentation). */
  store(lo: number, hi: number): void {
    if (this.shared !== null) copyRange(this.arrays, this.shared, lo, hi);
  }
}

function copyRange(from: StepArrays, to: StepArrays, lo: number, hi: number): void {
  for (const k of Object.keys(from) as (keyof StepArrays)[]) (to[k] as Float64Array).set((from[k] as Float64Array).subarray(lo, hi), lo);
}
