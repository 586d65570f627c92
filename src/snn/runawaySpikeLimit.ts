import type { SnnRecipe } from './SnnRecipe.js';

/**
 * E spikes in one training presentation above which the network has run away
 * (every neuron firing as fast as its refractory period lets it, as forward Euler
 * does once a step diverges, docs/method.md "Neuron model"): half of the most the
 * layer can fire,
 *
 *   limit = ½ · N · n_pres / (n_ref + 1),  n_pres = round(T_pres / dt),  n_ref = round(t_ref / dt).
 *
 * Learning networks fire a few spikes per neuron and image at most (the shipped
 * recipes: 11–61 per image in all), far below it.
 */
export function runawaySpikeLimit(recipe: SnnRecipe): number {
  const { neurons, dt, exc } = recipe.network;
  const presSteps = Math.round(recipe.protocol.presentation / dt);
  const refSteps = Math.round(exc.refractory / dt);
  return (0.5 * neurons * presSteps) / (refSteps + 1);
}
