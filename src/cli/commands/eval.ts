import type { Command } from 'commander';
import { createProgress } from '../../core/progress.js';
import { evaluate } from '../../snn/evaluate.js';
import { loadCheckpoint, saveCheckpoint } from '../../snn/Checkpoint.js';
import { MIN_IMAGES_PER_NEURON } from '../MIN_IMAGES_PER_NEURON.js';
import { parseIntOption, printJson } from '../output.js';

interface EvalCliOptions {
  checkpoint: string;
  labelImages?: number;
  testImages?: number;
  threads?: number;
  seed?: number;
  saveLabels?: boolean;
  json?: boolean;
}

/** `xsnn eval`: test accuracy of a checkpoint (labels from training images, accuracy on the test set). */
export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('evaluate a checkpoint: plasticity and thresholds frozen, neuron labels from training images, accuracy on the MNIST test set')
    .requiredOption('--checkpoint <dir>', 'checkpoint directory written by `xsnn train`')
    .option('--label-images <n>', "training images used to assign neuron labels (default: the recipe's, 10000)", parseIntOption('--label-images', 1))
    .option('--test-images <n>', 'test images (default: all 10000)', parseIntOption('--test-images', 1))
    .option('--threads <n>', 'worker threads (default: all cores; results do not depend on it)', parseIntOption('--threads', 1))
    .option('--seed <n>', "seed of the test-mode input (default: the checkpoint's)", parseIntOption('--seed', 0))
    .option('--save-labels', 'store the neuron labels in the checkpoint (labels.i8), for co-simulation')
    .option('--json', 'print the result as JSON')
    .action(async (opts: EvalCliOptions) => {
      let bar: ReturnType<typeof createProgress> | undefined;
      const r = await evaluate({
        checkpoint: opts.checkpoint,
        ...(opts.labelImages !== undefined ? { labelImages: opts.labelImages } : {}),
        ...(opts.testImages !== undefined ? { testImages: opts.testImages } : {}),
        ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        onProgress: (done, total) => {
          bar ??= createProgress(total, 'eval {bar} {value}/{total} img | {rate} img/s | eta {eta_formatted}');
          bar.update(done);
        },
      });
      bar?.stop();
      const ck = loadCheckpoint(opts.checkpoint);
      const unassignedShare = r.unassignedNeurons / ck.neurons;
      if (unassignedShare > 0.1) {
        const trained = ck.counts.trainImages * ck.counts.epochs;
        const why =
          trained < MIN_IMAGES_PER_NEURON * ck.neurons
            ? `the network is undertrained (${trained} training images for ${ck.neurons} neurons, fewer than ${MIN_IMAGES_PER_NEURON} per neuron)`
            : 'too few label images (--label-images), or an undertrained network';
        process.stderr.write(
          `xsnn eval: warning: ${r.unassignedNeurons} of ${ck.neurons} neurons never fired on the ${r.labelImages} label images and are unassigned (they vote for no class): ${why}\n`,
        );
      }
      if (opts.saveLabels === true) {
        saveCheckpoint(opts.checkpoint, { ...ck, labels: r.assignments, labelSource: { labelImages: r.labelImages, seed: opts.seed ?? ck.seed } });
      }
      const out = {
        checkpoint: opts.checkpoint,
        accuracy: r.accuracy,
        testImages: r.testImages,
        labelImages: r.labelImages,
        imagesPerSecond: Number(r.imagesPerSecond.toFixed(2)),
        seconds: Number(r.seconds.toFixed(3)),
        threads: r.threads,
        unassignedNeurons: r.unassignedNeurons,
        meanSpikesPerTestImage: Number(r.meanSpikesPerTestImage.toFixed(3)),
        labelPresentations: r.labelPresentations,
        testPresentations: r.testPresentations,
        classAccuracy: r.classAccuracy.map((x) => Number(x.toFixed(4))),
        confusion: r.confusion,
      };
      if (opts.json === true) {
        printJson(out);
        return;
      }
      const lines = [
        `accuracy ${(100 * r.accuracy).toFixed(2)}% on ${r.testImages} test images (labels from ${r.labelImages} training images; ${r.unassignedNeurons} neurons unassigned)`,
        `${r.imagesPerSecond.toFixed(1)} img/s on ${r.threads} thread(s), ${r.seconds.toFixed(1)} s`,
        'confusion matrix (rows = true class, columns = predicted):',
        `      ${r.confusion.map((_, c) => String(c).padStart(5)).join('')}`,
        ...r.confusion.map(
          (row, c) => `  ${String(c).padStart(2)}: ${row.map((x) => String(x).padStart(5)).join('')}   ${(100 * r.classAccuracy[c]!).toFixed(1)}%`,
        ),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
