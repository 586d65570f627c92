import { XsnnError } from '../config/XsnnError.js';
import { takeImages, type Dataset } from '../data/Dataset.js';
import { checkDatasetFits, type Checkpoint } from './Checkpoint.js';
import { recipeDataset } from './train.js';

/** What {@link evaluationImages} reads: the image budgets and datasets a caller may pass. */
export interface EvaluationImagesOptions {
  /** The checkpoint as the caller named it (a path is quoted in dataset errors). */
  readonly checkpoint: string | Checkpoint;
  /** @defaultValue the recipe's training split */
  readonly labelSet?: Dataset;
  /** @defaultValue the recipe's test split */
  readonly testSet?: Dataset;
  /** @defaultValue the recipe's `evaluation.labelImages` */
  readonly labelImages?: number;
  /** @defaultValue the recipe's `evaluation.testImages`, else the whole test set */
  readonly testImages?: number;
}

/** The label and test images of an evaluation, and the class count of both. */
export interface EvaluationImages {
  readonly nLabel: number;
  readonly nTest: number;
  readonly labelSet: Dataset;
  readonly testSet: Dataset;
  readonly classes: number;
}

/**
 * The first `labelImages` training and `testImages` test images a checkpoint is
 * evaluated on (by `evaluate` and by the co-simulation), checked against the
 * network's input size and the datasets' sizes.
 * @throws XsnnError naming `fn` and the field when a budget is not a whole number >= 1 or exceeds its dataset.
 */
export async function evaluationImages(ck: Checkpoint, options: EvaluationImagesOptions, fn: string): Promise<EvaluationImages> {
  const recipe = ck.recipe;
  const labelAll = options.labelSet ?? (await recipeDataset(recipe, 'train'));
  const testAll = options.testSet ?? (await recipeDataset(recipe, 'test'));
  const ckPath = typeof options.checkpoint === 'string' ? options.checkpoint : undefined;
  checkDatasetFits(ck, labelAll, ckPath);
  checkDatasetFits(ck, testAll, ckPath);
  const nLabel = options.labelImages ?? recipe.evaluation.labelImages;
  const nTest = options.testImages ?? recipe.evaluation.testImages ?? testAll.count;
  for (const [what, n, ds] of [
    ['labelImages', nLabel, labelAll],
    ['testImages', nTest, testAll],
  ] as const) {
    if (!Number.isInteger(n) || n < 1) throw new XsnnError(`${fn}: ${what} must be a whole number >= 1, got ${n}`, { field: what });
    if (n > ds.count) throw new XsnnError(`${fn}: ${what} = ${n} but ${ds.name} has ${ds.count} images`, { field: what });
  }
  const labelSet = takeImages(labelAll, nLabel);
  const testSet = takeImages(testAll, nTest);
  return { nLabel, nTest, labelSet, testSet, classes: Math.max(labelSet.classes, testSet.classes) };
}
