import type { NetworkState, NetworkStateArrays } from '../NetworkState.js';
import type { ExcitatoryKernel } from './ExcitatoryKernel.js';

/** The per-neuron arrays the step loop writes: a network state's and the thresholds θ. */
export type StepArrays = NetworkStateArrays & { readonly theta: Float64Array };

/**
 * The per-neuron arrays the step loop of one partition writes: private copies
 * of the network's state, loaded from it before each presentation and stored
 * back after it. Between presentations the state holds the values.
 * - The arrays of the E update (v, g_e, g_i, last spike, θ) and, when the
 *   kernel delivers the input, the pending depression are the
 *   {@link ExcitatoryKernel}'s, in its WebAssembly memory.
 * - When several threads share the state, no thread writes a cache line that
 *   another thread's neurons share during a presentation (the arrays' base
 *   addresses are not aligned to cache lines, so a partition boundary would
 *   otherwise fall inside one line of each array, written by both threads every step).
 */
export class StepState {
  private constructor(
    /** The arrays to step over. */
    readonly arrays: StepArrays,
    private readonly shared: StepArrays,
  ) {}

  /** Private copies of the state's arrays and of θ; the E update's (and the kernel's delivery's) in `kernel`'s memory. */
  static copyOf(state: NetworkState, theta: Float64Array, kernel: ExcitatoryKernel): StepState {
    const shared: StepArrays = { ...state.arrays(), theta };
    const inKernel: Partial<Record<keyof StepArrays, Float64Array>> = {
      vE: kernel.vE,
      geE: kernel.geE,
      giE: kernel.giE,
      lastE: kernel.lastE,
      theta: kernel.theta,
      ...(kernel.dep.length === theta.length ? { dep: kernel.dep } : {}),
    };
    const copy = Object.fromEntries(Object.entries(shared).map(([k, a]) => [k, inKernel[k as keyof StepArrays] ?? (a as Float64Array).slice()]));
    return new StepState(copy as unknown as StepArrays, shared);
  }

  /** Copies neurons `[lo, hi)` of the shared arrays into the private ones (before a presentation). */
  load(lo: number, hi: number): void {
    copyRange(this.shared, this.arrays, lo, hi);
  }

  /** Copies neurons `[lo, hi)` of the private arrays back into the shared ones (after a presentation). */
  store(lo: number, hi: number): void {
    copyRange(this.arrays, this.shared, lo, hi);
  }
}

function copyRange(from: StepArrays, to: StepArrays, lo: number, hi: number): void {
  for (const k of Object.keys(from) as (keyof StepArrays)[]) (to[k] as Float64Array).set((from[k] as Float64Array).subarray(lo, hi), lo);
}
