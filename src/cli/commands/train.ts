import { rmSync } from 'node:fs';
import type { Command } from 'commander';
import { createProgress } from '../../core/progress.js';
import { saveCheckpoint } from '../../snn/Checkpoint.js';
import { recipeDataset, resolveRecipe, train } from '../../snn/train.js';
import { isTrainingSnapshot } from '../../snn/TrainingSnapshot.js';
import { parseIntOption, printJson } from '../output.js';

interface TrainCliOptions {
  recipe: string;
  out: string;
  trainImages?: number;
  epochs?: number;
  seed?: number;
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
    .requiredOption('--out <dir>', 'checkpoint directory to write (replaced atomically)')
    .option('--train-images <n>', "train on the first N training images (default: the recipe's, else all)", parseIntOption('--train-images', 1))
    .option('--epochs <n>', "passes over the training images (default: the recipe's)", parseIntOption('--epochs', 1))
    .option('--seed <n>', "seed (default: the recipe's)", parseIntOption('--seed', 0))
    .option(
      '--threads <n>',
      'threads the neurons are split over (default: all cores, fewer for small networks; the checkpoint does not depend on it)',
      parseIntOption('--threads', 1),
    )
    .option('--snapshot-every <n>', 'write a training snapshot every N images (0 = never)', parseIntOption('--snapshot-every', 0), 5000)
    .option('--snapshot-dir <dir>', 'where snapshots go (default: <out>.snapshot; removed once the checkpoint is written)')
    .option('--resume <dir>', 'continue an interrupted run from its snapshot directory (same recipe, seed, images and xsnn version)')
    .option('--json', 'print a JSON summary on stdout')
    .action(async (opts: TrainCliOptions) => {
      const resolved = resolveRecipe(opts.recipe);
      const dataset = await recipeDataset(resolved.recipe, 'train');
      const perEpoch = Math.min(dataset.count, opts.trainImages ?? resolved.recipe.protocol.trainImages ?? dataset.count);
      const bar = createProgress(
        perEpoch * (opts.epochs ?? resolved.recipe.protocol.epochs),
        'train {bar} {value}/{total} img | {rate} img/s | {spikes} spikes/img | pruned {pruned}% | levels {levels} | eta {eta_formatted}',
        { spikes: '-', pruned: '0.0', levels: '-' },
      );
      const snapshotDir = opts.snapshotDir ?? `${opts.out}.snapshot`;
      const result = train({
        recipe: opts.recipe,
        dataset,
        ...(opts.trainImages !== undefined ? { trainImages: opts.trainImages } : {}),
        ...(opts.epochs !== undefined ? { epochs: opts.epochs } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
        ...(opts.resume !== undefined ? { resume: opts.resume } : {}),
        ...(opts.snapshotEvery > 0 ? { snapshot: { dir: snapshotDir, every: opts.snapshotEvery } } : {}),
        progressEvery: 20,
        onProgress: (p) => {
          bar.update(p.imagesDone, {
            spikes: p.spikesPerImage.toFixed(1),
            pruned: (100 * p.prunedFraction).toFixed(1),
            levels: p.levels === null ? '-' : p.levels,
          });
        },
      });
      bar.stop();
      saveCheckpoint(opts.out, result.checkpoint);
      if (isTrainingSnapshot(snapshotDir)) rmSync(snapshotDir, { recursive: true, force: true });
      const summary = {
        checkpoint: opts.out,
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
      if (opts.json === true) printJson(summary);
      else {
        process.stdout.write(
          `trained ${summary.recipe} (N=${summary.neurons}, seed ${summary.seed}) on ${summary.trainImages} images x ${summary.epochs} epoch(s) in ${summary.seconds.toFixed(1)} s ` +
            `(${summary.imagesPerSecond.toFixed(1)} img/s, ${summary.presentations} presentations, ${summary.meanSpikesPerImage.toFixed(1)} spikes/img)\n` +
            `synapses ${summary.synapses} (${(100 * summary.prunedFraction).toFixed(1)}% pruned), levels ${summary.levels ?? 'continuous'}\n` +
            `checkpoint written to ${opts.out}\n`,
        );
      }
    });
}
