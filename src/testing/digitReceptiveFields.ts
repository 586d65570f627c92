import { Rng } from '../core/Rng.js';
import { XsnnError } from '../config/XsnnError.js';
import type { CsrMatrix } from '../core/CsrMatrix.js';
import { loadMnist } from '../data/loadMnist.js';
import { prunePerNeuron } from './prunePerNeuron.js';

/** Options of {@link digitReceptiveFields}. */
export interface DigitReceptiveFieldsOptions {
  /** Number of neurons (columns). Required. */
  neurons: number;
  /** Fraction of each neuron's 784 weights removed, e.g. 0.75. Required. */
  prunedFraction: number;
  /**
   * Seed.
   * @defaultValue 0
   */
  seed?: number;
  /**
   * Training images averaged into each receptive field.
   * @defaultValue 8
   */
  imagesPerNeuron?: number;
  /**
   * Candidate images per class the nearest neighbours are drawn from.
   * @defaultValue 60
   */
  poolPerClass?: number;
  /**
   * Uniform noise added to every weight, as a fraction of the field's maximum.
   * @defaultValue 0.05
   */
  noise?: number;
}

/**
 * A SYNTHETIC stand-in for the input→excitatory weights of a trained
 * Diehl & Cook network (784 × neurons), for developing and benchmarking the
 * mapper when no trained checkpoint is at hand. It is not learned: each neuron's
 * receptive field is the mean of one random MNIST training image and its
 * `imagesPerNeuron − 1` nearest neighbours (cosine) among `poolPerClass`
 * images of the same class (STDP receptive fields look like such prototypes:
 * digit strokes, dead border pixels), plus uniform noise, then pruned per neuron
 * by percentile ({@link prunePerNeuron}). Weights are in [0, 1].
 */
export function digitReceptiveFields(options: DigitReceptiveFieldsOptions): CsrMatrix {
  const fn = 'digitReceptiveFields';
  const n = options.neurons;
  if (!Number.isInteger(n) || n < 1) throw new XsnnError(`${fn}: neurons must be a whole number >= 1`, { received: String(n) });
  const per = options.imagesPerNeuron ?? 8;
  const poolPerClass = options.poolPerClass ?? 60;
  const noise = options.noise ?? 0.05;
  const rng = new Rng(options.seed ?? 0, 0x5eed);
  const ds = loadMnist({ split: 'train', limit: Math.max(2000, poolPerClass * 20) });
  const size = ds.width * ds.height;
  const pools: number[][] = Array.from({ length: 10 }, () => []);
  for (let k = 0; k < ds.count; k++) {
    const pool = pools[ds.labels[k]!]!;
    if (pool.length < poolPerClass) pool.push(k);
  }
  const norms = new Float64Array(ds.count);
  for (const pool of pools) {
    for (const k of pool) {
      let s = 0;
      for (let p = 0; p < size; p++) s += ds.pixels[k * size + p]! ** 2;
      norms[k] = Math.sqrt(s) || 1;
    }
  }
  const dense = new Float32Array(size * n);
  const field = new Float64Array(size);
  for (let j = 0; j < n; j++) {
    const pool = pools[rng.int(10)]!;
    const seedImage = pool[rng.int(pool.length)]!;
    const sims = pool.map((k) => {
      let s = 0;
      for (let p = 0; p < size; p++) s += ds.pixels[seedImage * size + p]! * ds.pixels[k * size + p]!;
      return { k, s: s / norms[k]! };
    });
    sims.sort((x, y) => y.s - x.s || x.k - y.k);
    field.fill(0);
    const take = Math.min(per, sims.length);
    for (let q = 0; q < take; q++) {
      const k = sims[q]!.k;
      for (let p = 0; p < size; p++) field[p]! += ds.pixels[k * size + p]!;
    }
    let max = 0;
    for (let p = 0; p < size; p++) max = Math.max(max, field[p]!);
    for (let p = 0; p < size; p++) dense[p * n + j] = (field[p]! / (max || 1)) * (1 - noise) + noise * rng.uniform();
  }
  return prunePerNeuron(dense, { rows: size, cols: n, prunedFraction: options.prunedFraction });
}
