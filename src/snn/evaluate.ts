import type { Dataset } from '../data/Dataset.js';
import { predictClasses } from './assignLabels.js';
import { loadCheckpoint, type Checkpoint } from './Checkpoint.js';
import { evaluationImages } from './evaluationImages.js';
import { computeResponses } from './computeResponses.js';
import { labelNeurons } from './labelNeurons.js';

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** A checkpoint, or the path of a checkpoint directory. */
  readonly checkpoint: Checkpoint | string;
  /** Training images (first N) whose responses assign the labels; default the recipe's `evaluation.labelImages` (10,000). */
  readonly labelImages?: number;
  /** Test images (first N); default the recipe's `evaluation.testImages`, else all 10,000. */
  readonly testImages?: number;
  /** Label-pass images; default the recipe's data source, training split. */
  readonly labelSet?: Dataset;
  /** Test images; default the recipe's data source, test split. */
  readonly testSet?: Dataset;
  /** Seed of the test-mode Poisson input; default the checkpoint's seed. */
  readonly seed?: number;
  /** Worker threads (default all cores; results do not depend on it). */
  readonly threads?: number;
  /** Progress: images done of both passes. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What {@link evaluate} returns. */
export interface EvaluateResult {
  /** Fraction of test images classified correctly (0…1). */
  readonly accuracy: number;
  readonly testImages: number;
  readonly labelImages: number;
  /** Images (label + test passes) per second of wall time. */
  readonly imagesPerSecond: number;
  readonly seconds: number;
  readonly threads: number;
  /** `confusion[true][predicted]` counts. */
  readonly confusion: number[][];
  /** Per-class recall. */
  readonly classAccuracy: number[];
  /** Neuron labels (−1 = never fired in the label pass). */
  readonly assignments: Int8Array;
  readonly unassignedNeurons: number;
  readonly meanSpikesPerTestImage: number;
  readonly labelPresentations: number;
  readonly testPresentations: number;
}

/**
 * Evaluates a trained network (method.md): plasticity and thresholds frozen;
 * labels are assigned from test-mode responses to the first `labelImages`
 * TRAINING images, and accuracy is measured on the test set. Each image starts
 * from the rest state with its own random stream (`Rng(seed, phase, k)`), so the
 * figures do not depend on the thread count (DC1 instead carries state over
 * from image to image; with a 150 ms rest the difference is the residual decay).
 */
export async function evaluate(options: EvaluateOptions): Promise<EvaluateResult> {
  const ck = typeof options.checkpoint === 'string' ? loadCheckpoint(options.checkpoint) : options.checkpoint;
  const { nLabel, nTest, labelSet, testSet, classes } = await evaluationImages(ck, options, 'evaluate');
  const seed = options.seed ?? ck.seed;
  const t0 = performance.now();
  const total = nLabel + nTest;
  options.onProgress?.(0, total);
  const lab = await labelNeurons({
    checkpoint: ck,
    labelSet,
    classes,
    seed,
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(options.onProgress !== undefined ? { onProgress: (d: number) => options.onProgress!(d, total) } : {}),
  });
  const assignments = lab.assignments;
  const test = await computeResponses({
    network: ck,
    dataset: testSet,
    phase: 'test',
    seed,
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(options.onProgress !== undefined ? { onProgress: (d: number) => options.onProgress!(nLabel + d, total) } : {}),
  });
  const pred = predictClasses(test.counts, assignments, classes);
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let correct = 0;
  for (let k = 0; k < nTest; k++) {
    const t = testSet.labels[k]!;
    confusion[t]![pred[k]!]!++;
    if (t === pred[k]) correct++;
  }
  let spikes = 0;
  for (let q = 0; q < test.counts.length; q++) spikes += test.counts[q]!;
  const seconds = (performance.now() - t0) / 1000;
  let unassigned = 0;
  for (let j = 0; j < assignments.length; j++) if (assignments[j]! < 0) unassigned++;
  const sum = (a: Uint16Array): number => a.reduce((x, y) => x + y, 0);
  return {
    accuracy: correct / nTest,
    testImages: nTest,
    labelImages: nLabel,
    imagesPerSecond: total / seconds,
    seconds,
    threads: Math.max(lab.threads, test.threads),
    confusion,
    classAccuracy: confusion.map((row, c) => {
      const n = row.reduce((a, b) => a + b, 0);
      return n > 0 ? row[c]! / n : 0;
    }),
    assignments,
    unassignedNeurons: unassigned,
    meanSpikesPerTestImage: spikes / nTest,
    labelPresentations: lab.presentations,
    testPresentations: sum(test.presentations),
  };
}
