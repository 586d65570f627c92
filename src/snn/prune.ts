import { XsnnError } from '../config/XsnnError.js';
import type { SnnRecipe } from './SnnRecipe.js';

/** The pruning section of a recipe. */
export type PruningSpec = SnnRecipe['pruning'];

/**
 * Target pruned fraction after `imagesDone` training images: `fraction`, or with
 * a ramp, `fraction · clamp((imagesDone − from) / (to − from), 0, 1)`.
 */
export function pruneFractionAt(spec: PruningSpec, imagesDone: number): number {
  if (spec.ramp === null) return spec.fraction;
  const { from, to } = spec.ramp;
  if (imagesDone <= from) return 0;
  if (imagesDone >= to || to === from) return spec.fraction;
  return (spec.fraction * (imagesDone - from)) / (to - from);
}

/** Options of {@link pruneSynapses}. */
export interface PruneOptions {
  /** Dense weights, row-major `[input][neuron]`. */
  readonly weights: ArrayLike<number>;
  /** Dense mask (1 = alive), updated in place; pruned synapses are never revived. */
  readonly mask: Uint8Array;
  readonly nInputs: number;
  readonly neurons: number;
  readonly criterion: PruningSpec['criterion'];
  /** `absolute`: alive weights strictly below this are pruned. */
  readonly threshold?: number;
  /** Percentile criteria: the target pruned fraction (of all synapses, or of each neuron's). */
  readonly fraction?: number;
}

/**
 * Prunes synapses in place in `mask` and returns how many were newly pruned.
 * - `absolute`: every alive synapse with w < threshold;
 * - `global-percentile`: the weakest alive synapses until ⌊fraction · total⌋ of
 *   all synapses are pruned;
 * - `per-neuron-percentile`: the same per E neuron (column), ⌊fraction · nInputs⌋ each.
 * Ties at the cut are broken by the lower index (deterministic). Already pruned
 * synapses count towards the target and are never revived.
 */
export function pruneSynapses(o: PruneOptions): number {
  const { weights, mask, nInputs, neurons } = o;
  const total = nInputs * neurons;
  if (weights.length !== total || mask.length !== total) throw new XsnnError(`pruneSynapses: expected ${total} weights and mask entries`);
  switch (o.criterion) {
    case 'none':
      return 0;
    case 'absolute': {
      const thr = o.threshold ?? 0;
      let n = 0;
      for (let k = 0; k < total; k++) {
        if (mask[k] !== 0 && weights[k]! < thr) {
          mask[k] = 0;
          n++;
        }
      }
      return n;
    }
    case 'global-percentile': {
      const idx = new Int32Array(total);
      for (let k = 0; k < total; k++) idx[k] = k;
      return pruneWeakest(weights, mask, idx, Math.floor((o.fraction ?? 0) * total));
    }
    case 'per-neuron-percentile': {
      const target = Math.floor((o.fraction ?? 0) * nInputs);
      const idx = new Int32Array(nInputs);
      let n = 0;
      for (let j = 0; j < neurons; j++) {
        for (let i = 0; i < nInputs; i++) idx[i] = i * neurons + j;
        n += pruneWeakest(weights, mask, idx, target);
      }
      return n;
    }
    default:
      throw new XsnnError(`pruneSynapses: unknown criterion '${String(o.criterion)}'`);
  }
}

/** Among the synapses `idx`, prunes the weakest alive ones until `target` of them are pruned. */
function pruneWeakest(weights: ArrayLike<number>, mask: Uint8Array, idx: Int32Array, target: number): number {
  let dead = 0;
  for (let q = 0; q < idx.length; q++) if (mask[idx[q]!] === 0) dead++;
  let need = target - dead;
  if (need <= 0) return 0;
  const alive = new Float64Array(idx.length - dead);
  let m = 0;
  for (let q = 0; q < idx.length; q++) if (mask[idx[q]!] !== 0) alive[m++] = weights[idx[q]!]!;
  alive.sort();
  const cut = alive[need - 1]!;
  let n = 0;
  // everything strictly below the cut, then ties at the cut in index order
  for (let q = 0; q < idx.length; q++) {
    const k = idx[q]!;
    if (mask[k] !== 0 && weights[k]! < cut) {
      mask[k] = 0;
      n++;
    }
  }
  need -= n;
  for (let q = 0; q < idx.length && need > 0; q++) {
    const k = idx[q]!;
    if (mask[k] !== 0 && weights[k]! === cut) {
      mask[k] = 0;
      n++;
      need--;
    }
  }
  return n;
}
