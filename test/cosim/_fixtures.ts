import { makePatternDataset } from '../../src/data/index.js';
import { type Checkpoint, train } from '../../src/snn/index.js';

/** Synthetic 16×16 three-class images (256 inputs): fast to train and to simulate. */
export const trainSet = makePatternDataset({ classes: 3, count: 120, seed: 1 });
export const testSet = makePatternDataset({ classes: 3, count: 60, seed: 2 });

const base = { source: 'unit test', network: { neurons: 12 }, protocol: { normalizeSum: 50 }, learning: { etaPost: 0.05 } };

let dense: Checkpoint | undefined;
let sparse: Checkpoint | undefined;

/** A small dense network (float weights) trained on {@link trainSet}. */
export function denseCheckpoint(): Checkpoint {
  dense ??= train({ recipe: base, dataset: trainSet, trainImages: 120 }).checkpoint;
  return dense;
}

/** A small pruned (70 %) and 4-level quantized network trained on {@link trainSet}. */
export function sparseCheckpoint(): Checkpoint {
  sparse ??= train({
    recipe: { ...base, pruning: { criterion: 'per-neuron-percentile', every: 40, fraction: 0.7 }, quantization: { levels: 4 } },
    dataset: trainSet,
    trainImages: 120,
  }).checkpoint;
  return sparse;
}

/** Options that point a co-simulation at the synthetic sets. */
export const images = { labelSet: trainSet, testSet, labelImages: 60, testImages: 40, threads: 1 } as const;
