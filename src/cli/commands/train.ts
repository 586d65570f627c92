import type { Command } from 'commander';
import { createProgress } from '../../core/progress.js';
import { saveCheckpoint } from '../../snn/Checkpoint.js';
import { recipeDataset, resolveRecipe, train } from '../../snn/train.js';
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
    .option('--epochs <n>', "passes over the training images (default: the recipe's)", parseIntOption('--epochs', 1))
    .option('--seed <n>', "seed (default: the recipe's)", parseIntOption('--seed', 0))
    .option('--force', 'replace an existing checkpoint at --out (anything else there is never replaced)')
    .option('--json', 'print a JSON summary on stdout')
    .action(async (opts: TrainCliOptions) => {
      const resolved = resolveRecipe(opts.recipe);
      checkTrainOutput(opts.out, opts.force === true);
      const dataset = await recipeDataset(resolved.recipe, 'train');
      const perEpoch = Math.min(dataset.count, opts.trainImages ?? resolved.recipe.protocol.trainImages ?? dataset.count);
      const bar = createProgress(
        perEpoch * (opts.epochs ?? resolved.recipe.protocol.epochs),
        'train {bar} {value}/{total} img | {rate} img/s | {spikes} spikes/img | pruned {pruned}% | levels {levels} | eta {eta_formatted}',
        { spikes: '-', pruned: '0.0', levels: '-' },
      );
      const result = train({
        recipe: opts.recipe,
        dataset,
        ...(opts.trainImages !== undefined ? { trainImages: opts.trainImages } : {}),
        ...(opts.epochs !== undefined ? { epochs: opts.epochs } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
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
