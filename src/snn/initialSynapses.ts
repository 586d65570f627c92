import { Rng } from '../core/Rng.js';
import type { SnnRecipe } from './SnnRecipe.js';
import { STREAM } from '../core/streams.js';

/** Initial input→E connectivity, dense row-major `[input][neuron]`. */
export interface InitialSynapses {
  readonly weights: Float32Array;
  /** Delays in steps, 0 … maxDelay. */
  readonly delays: Uint8Array;
  readonly maxDelay: number;
}

/** Number of delay steps: round(delayMax / dt). */
export function maxDelaySteps(recipe: SnnRecipe): number {
  return Math.round(recipe.network.input.delayMax / recipe.network.dt);
}

/**
 * Draws the initial weights w = (U[0,1) + wInitOffset) · wInitScale and delays
 * d = rint(U[0,1) · maxDelay) steps (U[0, delayMax) rounded to whole steps), from
 * the stream `Rng(seed, STREAM.init)`: first the whole weight matrix, then the
 * delay matrix, each in row-major `[input][neuron]` order (as the Brian2 peer).
 */
export function initialSynapses(recipe: SnnRecipe, nInputs: number, seed: number): InitialSynapses {
  const N = recipe.network.neurons;
  const { wInitScale, wInitOffset } = recipe.network.input;
  const maxDelay = maxDelaySteps(recipe);
  const rng = new Rng(seed, STREAM.init);
  const weights = new Float32Array(nInputs * N);
  for (let k = 0; k < weights.length; k++) weights[k] = (rng.uniform() + wInitOffset) * wInitScale;
  const delays = new Uint8Array(nInputs * N);
  for (let k = 0; k < delays.length; k++) delays[k] = Math.round(rng.uniform() * maxDelay);
  return { weights, delays, maxDelay };
}
