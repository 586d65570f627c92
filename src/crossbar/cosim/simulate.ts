import { deriveSeed } from '../../_internals/Rng.js';
import { XsnnError } from '../../config/XsnnError.js';
import type { Dataset } from '../../data/Dataset.js';
import { takeImages } from '../../data/Dataset.js';
import type { DeviceModel } from '../../devices/DeviceModel.js';
import { loadDevice } from '../../devices/loadDevice.js';
import { areaInputFromMapping } from '../../energy/areaInputFromMapping.js';
import { areaOf, type AreaReport } from '../../energy/areaOf.js';
import { energyFromCounts, type EnergyReport } from '../../energy/energyFromCounts.js';
import type { EventCounts } from '../../energy/EventCounts.js';
import { eventEnergies, type EventEnergies } from '../../energy/eventEnergies.js';
import { assignLabels, predictClasses } from '../../snn/assignLabels.js';
import { checkpointCsr, loadCheckpoint, type Checkpoint } from '../../snn/Checkpoint.js';
import { recipeDataset } from '../../snn/train.js';
import type { Mapping } from '../mapping/Mapping.js';
import { mapWeights } from '../mapping/mapWeights.js';
import { loadCrossbar } from '../spec/loadCrossbar.js';
import type { CrossbarSpec } from '../spec/CrossbarSpec.js';
import { cosimResponses, type DriveSpec } from './cosimResponses.js';
import { crossbarForNetwork, networkLevels } from './crossbarForNetwork.js';
import { buildDriveLayout, type DriveLayout } from './DriveLayout.js';
import { isIdealDevice } from './isIdealDevice.js';
import { programCrossbar } from './programCrossbar.js';
import { addTileCounters, eventCountsFromCounters, newTileCounters } from './tileCounters.js';
import { shareArrays } from './_internals/shareArrays.js';

/** Stream tag of the device-sample seeds: sample s programs with `deriveSeed(seed, DEVICE_SAMPLE_STREAM, s)`. */
export const DEVICE_SAMPLE_STREAM = 0x44455643; // "DEVC"

/** Options of {@link simulate}. Defaults are filled in {@link simulate} only. */
export interface SimulateOptions {
  /** A checkpoint or its directory. */
  readonly checkpoint: Checkpoint | string;
  /** Crossbar preset name, YAML path, `RxC` shorthand, or a loaded spec. */
  readonly crossbar: string | CrossbarSpec;
  /** Device preset (name or path) or model replacing the crossbar's device. Default: the crossbar's. */
  readonly device?: string | DeviceModel;
  /** Device-to-device variation σ (fraction of G_max − G_min) replacing the device's. Default: the device's. */
  readonly sigma?: number;
  /** Mapping algorithm (see `mappingAlgorithms`). Default `packer`. Ignored when `mapping` is given. */
  readonly algorithm?: string;
  /** A mapping of this checkpoint made for this crossbar's tile size (R × logical columns); default: mapped here. */
  readonly mapping?: Mapping;
  /** Weight storage: bits (bit-sliced) or `device`; default chosen by `crossbarForNetwork`. */
  readonly weightBits?: number | 'device';
  /** Labelling images (first N of the training split). Default: the recipe's `evaluation.labelImages`. */
  readonly labelImages?: number;
  /** Test images (first N). Default: the recipe's `evaluation.testImages`, else the whole test split. */
  readonly testImages?: number;
  readonly labelSet?: Dataset;
  readonly testSet?: Dataset;
  /** Independent device draws (Monte Carlo). Default 1. */
  readonly samples?: number;
  /** Seed of the input spikes (as `xsnn eval`), the device draws and the read noise. Default: the checkpoint's. */
  readonly seed?: number;
  /** Worker threads (default: all cores; results do not depend on it). */
  readonly threads?: number;
  /** Keep each sample's test spike counts in the result. Default false. */
  readonly keepResponses?: boolean;
  /** Progress: images done of samples × (label + test). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** One device sample of a {@link SimulationResult}. */
export interface SimulationSample {
  readonly sample: number;
  /** Seed the tiles were programmed with. */
  readonly programmingSeed: number;
  readonly accuracy: number;
  /** RMS of effective − stored weight over the synapses (weight units). */
  readonly weightErrorRms: number;
  readonly stuckAtHrs: number;
  readonly stuckAtLrs: number;
  readonly unassignedNeurons: number;
  /** Test spike counts (`testImages × neurons`) when `keepResponses`. */
  readonly testCounts?: Uint16Array;
}

/** What {@link simulate} returns. */
export interface SimulationResult {
  readonly network: { readonly recipe: string; readonly neurons: number; readonly synapses: number; readonly prunedFraction: number; readonly levels: number | null; readonly wMax: number };
  /** The crossbar actually simulated (precision and device resolved). */
  readonly crossbar: CrossbarSpec;
  readonly device: DeviceModel;
  /** Why the weights are stored at this precision. */
  readonly precision: string;
  readonly mapping: Mapping;
  /** Whether the device is ideal (weights realised exactly). */
  readonly ideal: boolean;
  readonly driveMode: 'linear' | 'tiled';
  readonly seed: number;
  readonly labelImages: number;
  readonly testImages: number;
  readonly samples: ReadonlyArray<SimulationSample>;
  /** Test accuracy over the samples: mean and sample standard deviation (0 for one sample). */
  readonly accuracy: { readonly mean: number; readonly std: number };
  /** Test-pass events summed over every sample (inferences = testImages × samples). */
  readonly counts: EventCounts;
  readonly energies: EventEnergies;
  readonly energy: EnergyReport;
  readonly area: AreaReport;
  readonly seconds: number;
  /** Co-simulated images (label + test, every sample) per second. */
  readonly imagesPerSecond: number;
  readonly threads: number;
}

/**
 * Co-simulates a trained network's inference on a crossbar: maps the surviving
 * input→E synapses onto tiles, and for each Monte Carlo sample programs the
 * tiles onto the device (fresh variation and fault draws), assigns the neuron
 * labels from the label images *through the same hardware* and measures test
 * accuracy — the protocol of `xsnn eval` with the crossbar drive plugged into
 * the SNN. Counts the hardware events of the test pass and turns them into
 * energy (`energyFromCounts`), and the mapping into area (`areaOf`).
 *
 * With the ideal device the co-simulated spikes equal `evaluate`'s with the same
 * seed and images, spike for spike.
 */
export async function simulate(options: SimulateOptions): Promise<SimulationResult> {
  const fn = 'simulate';
  const t0 = performance.now();
  const ck = typeof options.checkpoint === 'string' ? loadCheckpoint(options.checkpoint) : options.checkpoint;
  const recipe = ck.recipe;
  const baseXb = typeof options.crossbar === 'string' ? loadCrossbar(options.crossbar) : options.crossbar;
  let device = options.device === undefined ? baseXb.device : typeof options.device === 'string' ? loadDevice(options.device) : options.device;
  if (options.sigma !== undefined) {
    if (!(options.sigma >= 0) || !Number.isFinite(options.sigma)) throw new XsnnError(`${fn}: sigma must be a finite number >= 0, got ${options.sigma}`, { field: 'sigma' });
    device = Object.freeze({ ...device, deviceToDevice: Object.freeze({ ...device.deviceToDevice, sigma: options.sigma }) });
  }
  const { crossbar, precision } = crossbarForNetwork({ crossbar: baseXb, checkpoint: ck, device, ...(options.weightBits !== undefined ? { weightBits: options.weightBits } : {}) });
  const samples = options.samples ?? 1;
  if (!Number.isInteger(samples) || samples < 1) throw new XsnnError(`${fn}: samples must be a whole number >= 1, got ${samples}`, { field: 'samples' });
  const seed = options.seed ?? ck.seed;
  if (!Number.isInteger(seed)) throw new XsnnError(`${fn}: seed must be a whole number, got ${seed}`, { field: 'seed' });

  const labelAll = options.labelSet ?? (await recipeDataset(recipe, 'train'));
  const testAll = options.testSet ?? (await recipeDataset(recipe, 'test'));
  const nLabel = options.labelImages ?? recipe.evaluation.labelImages;
  const nTest = options.testImages ?? recipe.evaluation.testImages ?? testAll.count;
  for (const [what, n, ds] of [['labelImages', nLabel, labelAll], ['testImages', nTest, testAll]] as const) {
    if (!Number.isInteger(n) || n < 1) throw new XsnnError(`${fn}: ${what} must be a whole number >= 1, got ${n}`, { field: what });
    if (n > ds.count) throw new XsnnError(`${fn}: ${what} = ${n} but ${ds.name} has ${ds.count} images`, { field: what });
  }
  const labelSet = takeImages(labelAll, nLabel);
  const testSet = takeImages(testAll, nTest);
  const classes = Math.max(labelSet.classes, testSet.classes);

  const weights = checkpointCsr(ck);
  const mapping =
    options.mapping ??
    mapWeights(weights, { tileRows: crossbar.rows, tileCols: crossbar.logicalCols, splitColumns: crossbar.splitColumns, ...(options.algorithm !== undefined ? { algorithm: options.algorithm } : {}) });
  checkMapping(mapping, ck, crossbar);
  const layout: DriveLayout = buildDriveLayout({ mapping, delays: ck.delays, maxDelay: ck.maxDelay, physicalCols: crossbar.cols, cellsPerWeight: crossbar.cellsPerWeight });
  let wMax = 0;
  for (let k = 0; k < weights.values.length; k++) if (weights.values[k]! > wMax) wMax = weights.values[k]!;
  if (!(wMax > 0)) wMax = recipe.network.input.wMax;

  const sharedLayout = shareArrays(layout);
  const network = { ...ck, weights: shareArrays(ck.weights), mask: shareArrays(ck.mask), delays: shareArrays(ck.delays) };
  const total = samples * (nLabel + nTest);
  const threadsOpt = options.threads !== undefined ? { threads: options.threads } : {};
  const sampleResults: SimulationSample[] = [];
  const counters = newTileCounters(layout.tiles);
  let steps = 0;
  let driveMode: 'linear' | 'tiled' = 'linear';
  let threads = 1;
  for (let s = 0; s < samples; s++) {
    const programmingSeed = deriveSeed(seed, DEVICE_SAMPLE_STREAM, s);
    const prog = programCrossbar({ mapping, layout, crossbar, device, wMax, seed: programmingSeed });
    driveMode = prog.weights.mode;
    // shared once per sample: both passes' worker threads read the same memory
    const drive: DriveSpec = shareArrays({ layout: sharedLayout, weights: prog.weights, options: { periphery: crossbar.periphery.kind, noiseSeed: programmingSeed } });
    const done0 = s * (nLabel + nTest);
    const lab = await cosimResponses({
      network, drive, dataset: labelSet, phase: 'label', seed, ...threadsOpt,
      ...(options.onProgress !== undefined ? { onProgress: (d: number) => options.onProgress!(done0 + d, total) } : {}),
    });
    const assignments = assignLabels({ responses: lab.counts, labels: labelSet.labels, neurons: ck.neurons, classes });
    const test = await cosimResponses({
      network, drive, dataset: testSet, phase: 'test', seed, ...threadsOpt,
      ...(options.onProgress !== undefined ? { onProgress: (d: number) => options.onProgress!(done0 + nLabel + d, total) } : {}),
    });
    threads = Math.max(threads, lab.threads, test.threads);
    addTileCounters(counters, test.counters);
    steps += test.steps;
    const pred = predictClasses(test.counts, assignments, classes);
    let correct = 0;
    for (let k = 0; k < nTest; k++) if (testSet.labels[k] === pred[k]) correct++;
    let unassigned = 0;
    for (let j = 0; j < assignments.length; j++) if (assignments[j]! < 0) unassigned++;
    sampleResults.push({
      sample: s,
      programmingSeed,
      accuracy: correct / nTest,
      weightErrorRms: prog.weightErrorRms,
      stuckAtHrs: prog.stuckAtHrs,
      stuckAtLrs: prog.stuckAtLrs,
      unassignedNeurons: unassigned,
      ...(options.keepResponses === true ? { testCounts: test.counts } : {}),
    });
  }
  const accs = sampleResults.map((r) => r.accuracy);
  const mean = accs.reduce((a, b) => a + b, 0) / samples;
  const std = samples > 1 ? Math.sqrt(accs.reduce((a, b) => a + (b - mean) ** 2, 0) / (samples - 1)) : 0;

  const counts = eventCountsFromCounters(counters, layout.tiles, { simulatedTimeS: (steps * recipe.network.dt) / 1000, inferences: nTest * samples });
  const energies = eventEnergies(device, crossbar, { tiles: Math.max(1, layout.tiles) });
  const energy = energyFromCounts(counts, energies);
  const area = areaOf({ ...areaInputFromMapping(mapping), rows: crossbar.rows, cols: crossbar.cols }, device, crossbar);
  const seconds = (performance.now() - t0) / 1000;
  const levels = networkLevels(ck);
  return {
    network: { recipe: ck.recipeName, neurons: ck.neurons, synapses: weights.values.length, prunedFraction: 1 - weights.values.length / (ck.nInputs * ck.neurons), levels, wMax },
    crossbar,
    device,
    precision,
    mapping,
    ideal: isIdealDevice(device),
    driveMode,
    seed,
    labelImages: nLabel,
    testImages: nTest,
    samples: sampleResults,
    accuracy: { mean, std },
    counts,
    energies,
    energy,
    area,
    seconds,
    imagesPerSecond: total / seconds,
    threads,
  };
}

function checkMapping(m: Mapping, ck: Checkpoint, xb: CrossbarSpec): void {
  if (m.rows !== ck.nInputs || m.cols !== ck.neurons) throw new XsnnError(`simulate: the mapping is ${m.rows}x${m.cols}, the network ${ck.nInputs}x${ck.neurons}`);
  let nnz = 0;
  for (let k = 0; k < ck.mask.length; k++) if (ck.mask[k] !== 0) nnz++;
  if (m.nnz !== nnz) throw new XsnnError(`simulate: the mapping holds ${m.nnz} synapses, the network has ${nnz}`);
  if (m.options.tileRows > xb.rows || m.options.tileCols > xb.logicalCols) {
    throw new XsnnError(`simulate: the mapping was made for ${m.options.tileRows}x${m.options.tileCols} tiles, larger than the crossbar's ${xb.rows} rows x ${xb.logicalCols} weights`);
  }
}
