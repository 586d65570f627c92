import { Rng } from '../core/Rng.js';
import { XsnnError } from '../config/XsnnError.js';
import type { Dataset } from '../data/Dataset.js';
import { inputSize } from '../data/Dataset.js';
import { loadMnist } from '../data/loadMnist.js';
import { loadImageFolder } from '../data/loadImageFolder.js';
import { version } from '../core/version.js';
import type { Checkpoint } from './Checkpoint.js';
import { initialSynapses } from './initialSynapses.js';
import { InputSynapses } from './InputSynapses.js';
import { learningRateScaleAt } from './learningRateScaleAt.js';
import { pruneFractionAt, pruneSynapses } from './prune.js';
import { quantizationDefaults, quantizationLevels, quantizeSynapseWeights } from './quantize.js';
import { ShadowWeights } from './ShadowWeights.js';
import { SnnNetwork } from './SnnNetwork.js';
import { loadRecipe, parseRecipe, type SnnRecipe } from './SnnRecipe.js';
import { STREAM } from '../core/streams.js';

/** Progress of {@link train}, reported every `progressEvery` images. */
export interface TrainProgress {
  readonly imagesDone: number;
  readonly totalImages: number;
  /** Mean E spikes per accepted presentation since the last report. */
  readonly spikesPerImage: number;
  readonly presentations: number;
  readonly prunedFraction: number;
  /** Distinct weight levels right now (null if not quantized yet). */
  readonly levels: number | null;
}

/** Options of {@link train}. */
export interface TrainOptions {
  /** A shipped recipe name, a YAML path, or a recipe object as written in YAML (unit strings). */
  readonly recipe: string | Record<string, unknown>;
  /** Training images; default: the recipe's MNIST training set (other `data` kinds: pass `await recipeDataset(recipe, 'train')`). */
  readonly dataset?: Dataset;
  /** Images per epoch (first N); default the recipe's `protocol.trainImages`, else all. */
  readonly trainImages?: number;
  /** Passes; default the recipe's `protocol.epochs`. */
  readonly epochs?: number;
  /** Seed; default the recipe's `seed`. */
  readonly seed?: number;
  readonly onProgress?: (p: TrainProgress) => void;
  /** Images between progress reports (default 50). */
  readonly progressEvery?: number;
}

/** What {@link train} returns. */
export interface TrainResult {
  readonly checkpoint: Checkpoint;
  readonly trainImages: number;
  readonly epochs: number;
  readonly seconds: number;
  readonly imagesPerSecond: number;
  readonly presentations: number;
  readonly meanSpikesPerImage: number;
  readonly synapses: number;
  readonly prunedFraction: number;
  readonly levels: number | null;
}

/** Resolves a recipe option into the validated recipe, its raw merged form and name. */
export function resolveRecipe(ref: string | Record<string, unknown>): { recipe: SnnRecipe; raw: Record<string, unknown>; name: string } {
  if (typeof ref === 'string') {
    const p = loadRecipe(ref);
    return { recipe: p.value, raw: p.raw, name: p.name };
  }
  return { recipe: parseRecipe(ref), raw: ref, name: 'inline' };
}

/** Loads the training (or test) images a recipe names (`data`): MNIST or a folder of labelled images. */
export async function recipeDataset(recipe: SnnRecipe, split: 'train' | 'test'): Promise<Dataset> {
  switch (recipe.data.kind) {
    case 'mnist':
      return mnistOf(recipe, split);
    case 'folder': {
      const d = recipe.data;
      return loadImageFolder({
        dir: d.dir!,
        width: d.width,
        height: d.height,
        dog: d.dog === null ? undefined : { sigmaCenter: d.dog.sigmaCenter, sigmaSurround: d.dog.sigmaSurround, radius: d.dog.radius, gain: d.dog.gain },
        classes: d.classes ?? undefined,
        fit: d.fit,
        split,
        testFraction: d.testFraction,
        perClass: d.perClass ?? undefined,
        seed: d.splitSeed,
      });
    }
    default:
      throw new XsnnError(`unknown data kind '${String(recipe.data.kind)}'`);
  }
}

function mnistOf(recipe: SnnRecipe, split: 'train' | 'test'): Dataset {
  return loadMnist(recipe.data.dir !== null ? { split, dir: recipe.data.dir } : { split });
}

function distinctLevels(w: Float32Array, hasZero: boolean): number {
  const s = new Set<number>();
  if (hasZero) s.add(0);
  for (let e = 0; e < w.length; e++) s.add(w[e]!);
  return s.size;
}

/**
 * Trains the network of a recipe with unsupervised STDP (method.md): for each
 * image, normalisation, Poisson presentation with retries and rest, plastic
 * input synapses and adaptive thresholds; every `pruning.every` images the
 * pruning criterion (with its ramp) removes synapses for good, and the
 * survivors are quantized at the quantization interval (nearest or stochastic
 * rounding, `quantization.rounding`) and at the end; with `quantization.shadow`
 * the network instead always runs on quantized weights re-derived before every
 * presentation from full-precision shadow weights that accumulate STDP (see
 * {@link ShadowWeights}).
 * Image k of epoch e draws its input from `new Rng(seed, STREAM.train, e·count + k)`.
 * Deterministic: the same recipe, data and seed give the same checkpoint.
 */
export function train(options: TrainOptions): TrainResult {
  const { recipe, raw, name } = resolveRecipe(options.recipe);
  if (options.dataset === undefined && recipe.data.kind !== 'mnist') {
    throw new XsnnError(
      `train: recipe '${name}' reads a ${recipe.data.kind} dataset; load it first and pass it: train({ recipe, dataset: await recipeDataset(recipe, 'train') })`,
    );
  }
  const ds = options.dataset ?? mnistOf(recipe, 'train');
  const seed = options.seed ?? recipe.seed;
  if (!Number.isInteger(seed)) throw new XsnnError(`train: seed must be an integer, got ${seed}`);
  if (ds.count < 1) throw new XsnnError(`train: dataset '${ds.name}' holds no images`, { field: 'dataset', expected: 'at least one training image' });
  const perEpoch = Math.min(ds.count, options.trainImages ?? recipe.protocol.trainImages ?? ds.count);
  if (!Number.isInteger(perEpoch) || perEpoch < 1) throw new XsnnError(`train: trainImages must be a whole number >= 1, got ${options.trainImages}`);
  const epochs = options.epochs ?? recipe.protocol.epochs;
  const nIn = inputSize(ds);
  const N = recipe.network.neurons;
  const t0 = performance.now();

  const init = initialSynapses(recipe, nIn, seed);
  let syn = InputSynapses.fromDense(init.weights, new Uint8Array(nIn * N).fill(1), init.delays, nIn, N, init.maxDelay);
  const theta = new Float64Array(N).fill(recipe.network.threshold.thetaInit);
  const net = new SnnNetwork(recipe, syn, theta);

  const P = recipe.pruning;
  const Q = recipe.quantization;
  const wMax = recipe.network.input.wMax;
  const levels = quantizationLevels(Q, wMax);
  const pruneEvery = P.criterion === 'none' ? 0 : P.every;
  const choice = quantizationDefaults(Q);
  const shadowMode = levels !== null && choice.shadow;
  const quantEvery = levels === null || shadowMode ? 0 : (Q.every ?? pruneEvery);
  const quantize = (rng?: Rng): void => quantizeSynapseWeights({ w: syn.w, col: syn.col, neurons: N, spec: Q, wMax, ...(rng !== undefined ? { rng } : {}) });
  // shadow-weight mode: STDP accumulates in full precision, the network runs on the quantization
  const shadow = shadowMode ? new ShadowWeights(N, recipe.protocol.normalizeSum, () => quantize()) : null;
  const foldShadow = (): void => shadow?.fold(syn);
  const beforePresentation =
    shadow === null
      ? undefined
      : (): void => {
          shadow.beforePresentation(syn);
          quantized = true;
        };
  const total = perEpoch * epochs;
  const every = options.progressEvery ?? 50;
  let presentations = 0;
  let spikes = 0;
  let windowSpikes = 0;
  let windowImages = 0;
  let quantized = false;

  const prune = (done: number): void => {
    foldShadow();
    const dense = syn.toDenseWeights();
    const mask = syn.toMask();
    const n = pruneSynapses({
      weights: dense,
      mask,
      nInputs: nIn,
      neurons: N,
      criterion: P.criterion,
      threshold: P.threshold,
      fraction: pruneFractionAt(P, done),
    });
    if (n > 0) {
      syn = InputSynapses.fromDense(dense, mask, init.delays, nIn, N, init.maxDelay);
      net.setSynapses(syn);
    }
  };
  const prunedFraction = (): number => 1 - syn.size / (nIn * N);

  const size = nIn;
  for (let ep = 0; ep < epochs; ep++) {
    for (let k = 0; k < perEpoch; k++) {
      const idx = ep * perEpoch + k;
      net.learningRateScale = learningRateScaleAt(recipe.learning, idx);
      const r = net.trainImage(ds.pixels, k * size, new Rng(seed, STREAM.train, idx), beforePresentation);
      presentations += r.presentations;
      spikes += r.total;
      windowSpikes += r.total;
      windowImages++;
      const done = idx + 1;
      if (done < total) {
        if (pruneEvery > 0 && done % pruneEvery === 0 && done >= P.startAfter) prune(done);
        if (quantEvery > 0 && done % quantEvery === 0) {
          quantize(choice.rounding === 'stochastic' ? new Rng(seed, STREAM.quantize, done) : undefined);
          quantized = true;
        }
      }
      if (options.onProgress !== undefined && (done % every === 0 || done === total)) {
        options.onProgress({
          imagesDone: done,
          totalImages: total,
          spikesPerImage: windowImages > 0 ? windowSpikes / windowImages : 0,
          presentations,
          prunedFraction: prunedFraction(),
          levels: quantized ? distinctLevels(syn.w, syn.size < nIn * N) : null,
        });
        windowSpikes = 0;
        windowImages = 0;
      }
    }
  }
  // final pruning and quantization (shadow mode: of the full-precision weights)
  foldShadow();
  if (pruneEvery > 0 && total >= P.startAfter) prune(total);
  const mask = syn.toMask();
  if (levels !== null) {
    quantize();
    if (Q.pruneZero) {
      const dense = syn.toDenseWeights();
      for (let k = 0; k < dense.length; k++) if (mask[k] !== 0 && dense[k] === 0) mask[k] = 0;
      syn = InputSynapses.fromDense(dense, mask, init.delays, nIn, N, init.maxDelay);
      net.setSynapses(syn);
    }
  }
  const weights = syn.toDenseWeights();
  const finalMask = syn.toMask();
  const alive = syn.size;
  const nLevels = levels === null ? null : distinctLevels(syn.w, alive < nIn * N);
  const seconds = (performance.now() - t0) / 1000;
  const checkpoint: Checkpoint = {
    recipeName: name,
    recipeRaw: raw,
    recipe,
    seed,
    xsnnVersion: version,
    dataset: { name: ds.name, sha256: ds.sha256, width: ds.width, height: ds.height, channels: ds.channels, classes: ds.classes },
    counts: {
      trainImages: perEpoch,
      epochs,
      presentations,
      excSpikes: spikes,
      synapses: alive,
      prunedFraction: 1 - alive / (nIn * N),
      levels: nLevels,
    },
    nInputs: nIn,
    neurons: N,
    maxDelay: init.maxDelay,
    weights,
    mask: finalMask,
    delays: init.delays,
    theta: net.theta,
  };
  return {
    checkpoint,
    trainImages: perEpoch,
    epochs,
    seconds,
    imagesPerSecond: total / seconds,
    presentations,
    meanSpikesPerImage: spikes / total,
    synapses: alive,
    prunedFraction: 1 - alive / (nIn * N),
    levels: nLevels,
  };
}
