import { XsnnError } from '../config/XsnnError.js';
import type { Dataset } from '../data/Dataset.js';
import { loadMnist } from '../data/loadMnist.js';
import type { Checkpoint } from './Checkpoint.js';
import { loadRecipe, parseRecipe, type SnnRecipe } from './SnnRecipe.js';
import { assertSnapshotTarget, loadTrainingSnapshot, saveTrainingSnapshot, snapshotEpochs } from './TrainingSnapshot.js';
import { PartitionTeam, partitionCuts, partitionRange, trainWorkersAvailable } from './_internals/PartitionTeam.js';
import { SharedStepExchange } from './_internals/SharedStepExchange.js';
import { TrainingRun, type TrainingSetup } from './_internals/TrainingRun.js';
import { chooseTrainThreads } from './trainThreads.js';

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
  /**
   * Passes. When resuming, a different count than the snapshot's run lengthens or shortens the run: the checkpoint is
   * the one an uninterrupted run of that many passes gives (a snapshot past the new end is refused).
   * @defaultValue the snapshot's when resuming, else the recipe's `protocol.epochs`
   */
  readonly epochs?: number;
  /** Seed; default the recipe's `seed`. */
  readonly seed?: number;
  readonly onProgress?: (p: TrainProgress) => void;
  /** Images between progress reports (default 50). */
  readonly progressEvery?: number;
  /**
   * Threads the neurons of the network are split over (each simulates its share of every time step, in lock step).
   * The checkpoint does not depend on it. @defaultValue {@link chooseTrainThreads} (every idle core, fewer for small networks)
   */
  readonly threads?: number;
  /** Write a training snapshot to `dir` every `every` images (atomically replacing the previous one). @defaultValue none */
  readonly snapshot?: { readonly dir: string; readonly every: number };
  /** Continue from the snapshot in this directory (it must come from the same recipe, seed, data, lengths and xsnn version). */
  readonly resume?: string;
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
  /** Threads the training ran on. */
  readonly threads: number;
  /** Images trained by this call (fewer than all when resumed). */
  readonly imagesTrained: number;
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
      // loaded here only: the image decoder (a native canvas module) costs start-up that MNIST runs should not pay
      const { loadImageFolder } = await import('../data/loadImageFolder.js');
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
 * Deterministic: the same recipe, data and seed give the same checkpoint, on any
 * number of `threads`, and whether or not the run was interrupted and `resume`d
 * from a `snapshot`.
 */
export function train(options: TrainOptions): TrainResult {
  const setup = trainingSetup(options);
  const t0 = performance.now();
  const threads = trainThreads(options.threads, setup.recipe.network.neurons);
  const cells = threads > 1 ? PartitionTeam.cells(threads) : null;
  let team: PartitionTeam | null = null;
  const exchange =
    cells === null
      ? null
      : new SharedStepExchange(cells, 0, threads, () => {
          throw team?.failure() ?? new XsnnError('train: a training thread failed');
        });
  const N = setup.recipe.network.neurons;
  const run = new TrainingRun(setup, exchange === null ? null : { range: partitionRange(N, 0, threads), exchange, blocks: partitionCuts(N, threads) });
  const start = options.resume === undefined ? 0 : resumeFrom(run, options.resume);
  let failed = true;
  try {
    if (cells !== null) team = PartitionTeam.start(run, setup, cells, threads, start);
    trainImages(run, start, options);
    failed = false;
  } finally {
    team?.close(failed);
  }
  const checkpoint = run.finish();
  const seconds = (performance.now() - t0) / 1000;
  const { total } = run;
  const c = checkpoint.counts;
  return {
    checkpoint,
    trainImages: setup.perEpoch,
    epochs: setup.epochs,
    seconds,
    imagesPerSecond: (total - start) / seconds,
    presentations: run.presentations,
    meanSpikesPerImage: run.spikes / total,
    synapses: c.synapses,
    prunedFraction: c.prunedFraction,
    levels: c.levels,
    threads,
    imagesTrained: total - start,
  };
}

/** Resolves and checks the options into what the run is. */
function trainingSetup(options: TrainOptions): TrainingSetup {
  const { recipe, raw, name } = resolveRecipe(options.recipe);
  if (options.dataset === undefined && recipe.data.kind !== 'mnist') {
    throw new XsnnError(
      `train: recipe '${name}' reads a ${recipe.data.kind} dataset; load it first and pass it: train({ recipe, dataset: await recipeDataset(recipe, 'train') })`,
    );
  }
  const dataset = options.dataset ?? mnistOf(recipe, 'train');
  const seed = options.seed ?? recipe.seed;
  if (!Number.isInteger(seed)) throw new XsnnError(`train: seed must be an integer, got ${seed}`);
  if (dataset.count < 1) throw new XsnnError(`train: dataset '${dataset.name}' holds no images`, { field: 'dataset', expected: 'at least one training image' });
  const perEpoch = Math.min(dataset.count, options.trainImages ?? recipe.protocol.trainImages ?? dataset.count);
  if (!Number.isInteger(perEpoch) || perEpoch < 1) throw new XsnnError(`train: trainImages must be a whole number >= 1, got ${options.trainImages}`);
  const epochs = trainEpochs(options, recipe);
  const snap = options.snapshot;
  if (snap !== undefined && !(Number.isInteger(snap.every) && snap.every >= 1)) {
    throw new XsnnError(`train: snapshot.every must be a whole number >= 1, got ${snap.every}`);
  }
  if (snap !== undefined) assertSnapshotTarget(snap.dir);
  return { recipe, raw, name, dataset, seed, perEpoch, epochs };
}

/** Passes of a run: as asked, else the snapshot's run's when resuming, else the recipe's. */
export function trainEpochs(options: Pick<TrainOptions, 'epochs' | 'resume'>, recipe: SnnRecipe): number {
  const epochs = options.epochs ?? (options.resume !== undefined ? snapshotEpochs(options.resume) : null) ?? recipe.protocol.epochs;
  if (!(Number.isInteger(epochs) && epochs >= 1)) throw new XsnnError(`train: epochs must be a whole number >= 1, got ${epochs}`);
  return epochs;
}

function trainThreads(requested: number | undefined, neurons: number): number {
  if (requested !== undefined && !(Number.isInteger(requested) && requested >= 1))
    throw new XsnnError(`train: threads must be a whole number >= 1, got ${requested}`);
  const want = Math.min(requested ?? chooseTrainThreads(neurons).threads, neurons);
  return want > 1 && trainWorkersAvailable() ? want : 1;
}

/** Restores a snapshot into the run; returns the images already done. */
function resumeFrom(run: TrainingRun, dir: string): number {
  const snap = loadTrainingSnapshot(dir, run.identity());
  run.assertCanEndAt(snap.imagesDone, dir);
  run.restore(snap);
  return snap.imagesDone;
}

/** The image loop from image `start`: train, report progress, write snapshots. */
function trainImages(run: TrainingRun, start: number, options: TrainOptions): void {
  const { total } = run;
  const every = options.progressEvery ?? 50;
  const snap = options.snapshot;
  for (let idx = start; idx < total; idx++) {
    run.trainImage(idx);
    const done = idx + 1;
    if (options.onProgress !== undefined && (done % every === 0 || done === total)) {
      const s = run.status();
      options.onProgress({
        imagesDone: done,
        totalImages: total,
        spikesPerImage: run.windowImages > 0 ? run.windowSpikes / run.windowImages : 0,
        presentations: run.presentations,
        prunedFraction: s.prunedFraction,
        levels: s.levels,
      });
      run.windowSpikes = 0;
      run.windowImages = 0;
    }
    if (snap !== undefined && done % snap.every === 0 && done < total) saveTrainingSnapshot(snap.dir, run.snapshot(done));
  }
}
