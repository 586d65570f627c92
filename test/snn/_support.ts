import { InputSynapses, SnnNetwork, parseRecipe, type SnnRecipe } from '../../src/snn/index.js';

/** A validated recipe from a partial raw object (unit strings), with `source` filled in. */
export function recipeOf(raw: Record<string, unknown> = {}): SnnRecipe {
  return parseRecipe({ source: 'unit test', ...raw });
}

/** A network with `nIn` inputs and explicit dense weights/delays (row-major [input][neuron]). */
export function makeNet(o: { raw?: Record<string, unknown>; nIn: number; weights: number[]; delays?: number[]; mask?: number[] }): SnnNetwork {
  const recipe = recipeOf(o.raw ?? {});
  const N = recipe.network.neurons;
  const total = o.nIn * N;
  const delays = Uint8Array.from(o.delays ?? new Array<number>(total).fill(0));
  const mask = Uint8Array.from(o.mask ?? new Array<number>(total).fill(1));
  const maxDelay = Math.round(recipe.network.input.delayMax / recipe.network.dt);
  const syn = InputSynapses.fromDense(Float32Array.from(o.weights), mask, delays, o.nIn, N, maxDelay);
  return new SnnNetwork(recipe, syn, new Float64Array(N).fill(recipe.network.threshold.thetaInit));
}
