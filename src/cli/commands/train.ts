import { rmSync } from 'node:fs';
import type { Command } from 'commander';
import { createProgress } from '../../core/progress.js';
import { saveCheckpoint } from '../../snn/Checkpoint.js';
import { pruneFractionAt } from '../../snn/prune.js';
import type { SnnRecipe } from '../../snn/SnnRecipe.js';
import { recipeDataset, resolveRecipe, train, trainEpochs, type TrainResult } from '../../snn/train.js';
import { isTrainingSnapshot } from '../../snn/TrainingSnapshot.js';
import { chooseTrainThreads } from '../../snn/trainThreads.js';
import { MIN_IMAGES_PER_NEURON } from '../MIN_IMAGES_PER_NEURON.js';
import { parseIntOption, printJson } from '../output.js';
import { checkTrainOutput } from './trainOutput.js';

interface TrainCliOptions {
  recipe: string;
  out: string;
  trainImages?: number;
  epochs?: number;
  seed?: number;
  force?: boolean;
  json?: boolean;
  threads?: number;
  resume?: string;
  snapshotEvery: number;
  snapshotDir?: string;
}

/** `xsnn train`: trains a network from a recipe and writes a checkpoint directory. */
export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train the Diehl & Cook SNN on MNIST with STDP (plus pruning/quantization if the recipe asks) and write a checkpoint')
    .requiredOption('--recipe <name|path>', 'a recipe in snn/ (e.g. dc2015-400, rathi-400, tiny) or a YAML path')
    .requiredOption(
      '--out <dir>',
      'checkpoint directory to write (a new path, or an existing checkpoint with --force: replaced so that a kill leaves the old or the new one)',
    )
    .option('--train-images <n>', "train on the first N training images (default: the recipe's, else all)", parseIntOption('--train-images', 1))
    .option(
      '--epochs <n>',
      "passes over the training images (default: the recipe's; with --resume, the snapshot's run's: another count lengthens or shortens that run)",
      parseIntOption('--epochs', 1),
    )
    .option('--seed <n>', "seed (default: the recipe's)", parseIntOption('--seed', 0))
    .option('--force', 'replace an existing checkpoint at --out (anything else there is never replaced)')
    .option(
      '--threads <n>',
      'threads the neurons are split over (default: every idle core, fewer for small networks; the checkpoint does not depend on it)',
      parseIntOption('--threads', 1),
    )
    .option('--snapshot-every <n>', 'write a training snapshot every N images (0 = never)', parseIntOption('--snapshot-every', 0), 5000)
    .option('--snapshot-dir <dir>', 'where snapshots go (default: <out>.snapshot; removed once the checkpoint is written)')
    .option('--resume <dir>', 'continue an interrupted run from its snapshot directory (same recipe, seed, images and xsnn version; see --epochs)')
    .option('--json', 'print a JSON summary on stdout')
    .action(async (opts: TrainCliOptions) => {
      await runTrain(opts);
    });
}

/** The `train` action: trains, writes the checkpoint, removes the snapshot and prints the summary. */
async function runTrain(opts: TrainCliOptions): Promise<void> {
  const resolved = resolveRecipe(opts.recipe);
  checkTrainOutput(opts.out, opts.force === true);
  const dataset = await recipeDataset(resolved.recipe, 'train');
  const perEpoch = Math.min(dataset.count, opts.trainImages ?? resolved.recipe.protocol.trainImages ?? dataset.count);
  const recipe = resolved.recipe;
  const epochs = trainEpochs(opts, recipe); // resolved once here: resuming reads it from the snapshot
  const total = perEpoch * epochs;
  const threads = opts.threads ?? threadsNow(recipe.network.neurons);
  const bar = trainProgressBar(recipe, total);
  const snapshotDir = opts.snapshotDir ?? `${opts.out}.snapshot`;
  const result = train({
    recipe: opts.recipe,
    dataset,
    ...(opts.trainImages !== undefined ? { trainImages: opts.trainImages } : {}),
    epochs,
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    threads,
    ...(opts.resume !== undefined ? { resume: opts.resume } : {}),
    ...(opts.snapshotEvery > 0 ? { snapshot: { dir: snapshotDir, every: opts.snapshotEvery } } : {}),
    progressEvery: 20,
    onProgress: (p) => {
      bar.update(p.imagesDone, {
        spikes: p.spikesPerImage.toFixed(1),
        pruned: pct(p.prunedFraction),
        target: pct(pruningTargetAt(recipe, p.imagesDone)),
      });
    },
  });
  bar.stop();
  saveCheckpoint(opts.out, result.checkpoint);
  if (isTrainingSnapshot(snapshotDir)) rmSync(snapshotDir, { recursive: true, force: true });
  for (const w of budgetWarnings(recipe, result)) process.stderr.write(`xsnn train: warning: ${w}\n`);
  const summary = trainSummary(opts.out, result);
  printTrainSummary(summary, opts.json === true);
}

/** The default thread count, with a note on stderr when other work keeps it below the machine's cores. */
function threadsNow(neurons: number): number {
  const c = chooseTrainThreads(neurons);
  if (c.idleCores !== null && c.threads < c.quietThreads) {
    process.stderr.write(
      `xsnn train: note: ${(c.cores - c.idleCores).toFixed(1)} of ${c.cores} cores busy with other work: training on ${c.threads} thread(s), not ${c.quietThreads} ` +
        `(the threads meet at every time step, so one sharing its core holds up the rest; --threads ${c.quietThreads} to use them anyway)\n`,
    );
  }
  return c.threads;
}

/** The training progress bar: images, ETA, rate, and the pruning target and levels when the recipe has them. */
function trainProgressBar(recipe: SnnRecipe, total: number): ReturnType<typeof createProgress> {
  const recipeLevels = recipe.quantization.values?.length ?? recipe.quantization.levels;
  const pruning = recipe.pruning.criterion !== 'none';
  const percentile = pruning && recipe.pruning.criterion !== 'absolute';
  // ETA early in the line: the fields after it may be cut on a narrow terminal
  return createProgress(
    total,
    [
      'train {bar} {value}/{total} img | eta {eta_formatted} | {rate} img/s',
      pruning ? `pruned {pruned}%${percentile ? ` (target now {target}%, final ${pct(recipe.pruning.fraction)}%)` : ''}` : null,
      recipeLevels !== null ? `${recipeLevels} levels` : null,
      '{spikes} spikes/img',
    ]
      .filter((x) => x !== null)
      .join(' | '),
    { spikes: '-', pruned: '0.0', target: '0.0' },
  );
}

/** The run's summary (`--json` prints it as is). */
function trainSummary(out: string, result: TrainResult) {
  return {
    checkpoint: out,
    recipe: result.checkpoint.recipeName,
    seed: result.checkpoint.seed,
    neurons: result.checkpoint.neurons,
    trainImages: result.trainImages,
    epochs: result.epochs,
    seconds: Number(result.seconds.toFixed(3)),
    imagesPerSecond: Number(result.imagesPerSecond.toFixed(2)),
    presentations: result.presentations,
    meanSpikesPerImage: Number(result.meanSpikesPerImage.toFixed(3)),
    synapses: result.synapses,
    prunedFraction: result.prunedFraction,
    levels: result.levels,
    threads: result.threads,
    imagesTrained: result.imagesTrained,
  };
}

/** Prints the summary as JSON, or as three lines of text. */
function printTrainSummary(summary: ReturnType<typeof trainSummary>, json: boolean): void {
  if (json) printJson(summary);
  else {
    process.stdout.write(
      `trained ${summary.recipe} (N=${summary.neurons}, seed ${summary.seed}) on ${summary.trainImages} images x ${summary.epochs} epoch(s) in ${summary.seconds.toFixed(1)} s ` +
        `(${summary.imagesPerSecond.toFixed(1)} img/s, ${summary.presentations} presentations, ${summary.meanSpikesPerImage.toFixed(1)} spikes/img)\n` +
        `synapses ${summary.synapses} (${(100 * summary.prunedFraction).toFixed(1)}% pruned), levels ${summary.levels ?? 'continuous'}\n` +
        `checkpoint written to ${summary.checkpoint}\n`,
    );
  }
}

function pct(fraction: number): string {
  return (100 * fraction).toFixed(1);
}

/** The percentile criteria's target pruned fraction after `images` training images (`pruneFractionAt`); 0 for the others. */
function pruningTargetAt(recipe: SnnRecipe, images: number): number {
  const p = recipe.pruning;
  if (p.criterion === 'none' || p.criterion === 'absolute' || images < p.startAfter) return 0;
  return pruneFractionAt(p, images);
}

/**
 * Why a training run's network may be poor, from its budget: too few images
 * per neuron (many neurons will never fire and stay unassigned), a pruning
 * ramp cut short, and a pruned fraction that comes from weights quantizing to
 * zero rather than from pruning.
 */
export function budgetWarnings(recipe: SnnRecipe, result: TrainResult): string[] {
  const out: string[] = [];
  const images = result.trainImages * result.epochs;
  const neurons = recipe.network.neurons;
  if (images / neurons < MIN_IMAGES_PER_NEURON) {
    out.push(
      `small training budget: ${images} image presentations for ${neurons} neurons (${(images / neurons).toFixed(1)} per neuron, ` +
        `fewer than ${MIN_IMAGES_PER_NEURON}): expect many neurons never to fire and stay unassigned, and low accuracy (train on more images, --train-images)`,
    );
  }
  const p = recipe.pruning;
  if ((p.criterion === 'global-percentile' || p.criterion === 'per-neuron-percentile') && p.ramp !== null && images < p.ramp.to) {
    out.push(
      `the pruning ramp reaches its ${pct(p.fraction)}% target at image ${p.ramp.to}, but training stopped at image ${images}: ` +
        `pruning reached a ${pct(pruningTargetAt(recipe, images))}% target`,
    );
  }
  const target = pruningTargetAt(recipe, images);
  const fromZero = result.prunedFraction - target;
  if (recipe.quantization.pruneZero && result.levels !== null && p.criterion !== 'absolute' && fromZero > 0.05) {
    out.push(
      `${pct(result.prunedFraction)}% of the synapses are pruned, but pruning removed only ${pct(target)}%: ` +
        `the other ${pct(fromZero)}% are weights that quantized to zero at the end (quantization.pruneZero), a sign of weak, undertrained weights`,
    );
  }
  return out;
}
