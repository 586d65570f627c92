import type { Dataset } from '../data/Dataset.js';
import { assignLabels } from './assignLabels.js';
import type { Checkpoint } from './Checkpoint.js';
import { computeResponses } from './computeResponses.js';

/** Options of {@link labelNeurons}. */
export interface LabelNeuronsOptions {
  readonly checkpoint: Checkpoint;
  /** The labelled images (e.g. the first N training images). */
  readonly labelSet: Dataset;
  /** Number of classes (default: the dataset's). */
  readonly classes?: number;
  /** Seed of the test-mode Poisson input (image k: `Rng(seed, label stream, k)`). */
  readonly seed: number;
  /** Worker threads (default all cores; the labels do not depend on it). */
  readonly threads?: number;
  /** Progress: label images done. */
  readonly onProgress?: (done: number) => void;
}

/** What {@link labelNeurons} returns. */
export interface NeuronLabels {
  /** Class of each E neuron (−1 = never fired in the label pass). */
  readonly assignments: Int8Array;
  /** Presentations of the label pass (retries included). */
  readonly presentations: number;
  readonly threads: number;
}

/**
 * The label pass of method.md on the network itself (no hardware): plasticity
 * and thresholds frozen, each neuron takes the class for which its mean spike
 * count over `labelSet` is highest (`assignLabels`). `evaluate` uses it, and so
 * does a co-simulation that deploys the network's own labels to the hardware
 * (`simulate` with `labels: 'network'`).
 */
export async function labelNeurons(o: LabelNeuronsOptions): Promise<NeuronLabels> {
  const lab = await computeResponses({
    network: o.checkpoint,
    dataset: o.labelSet,
    phase: 'label',
    seed: o.seed,
    ...(o.threads !== undefined ? { threads: o.threads } : {}),
    ...(o.onProgress !== undefined ? { onProgress: o.onProgress } : {}),
  });
  const assignments = assignLabels({
    responses: lab.counts,
    labels: o.labelSet.labels,
    neurons: o.checkpoint.neurons,
    classes: o.classes ?? o.labelSet.classes,
  });
  let presentations = 0;
  for (let k = 0; k < lab.presentations.length; k++) presentations += lab.presentations[k]!;
  return { assignments, presentations, threads: lab.threads };
}
