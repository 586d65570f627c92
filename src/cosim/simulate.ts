import { hashValue } from '../core/hash.js';
import { deriveSeed } from '../core/Rng.js';
import { XsnnError } from '../config/XsnnError.js';
import type { Dataset } from '../data/Dataset.js';
import type { NetworkSnapshot } from '../snn/networkFromCheckpoint.js';
import { sliceImages, takeImages } from '../data/Dataset.js';
import type { DeviceModel } from '../devices/DeviceModel.js';
import { loadDevice } from '../devices/loadDevice.js';
import { areaInputFromMapping } from '../energy/areaInputFromMapping.js';
import { areaOf, type AreaReport } from '../energy/areaOf.js';
import { energyFromCounts, type EnergyReport } from '../energy/energyFromCounts.js';
import type { EventCounts } from '../energy/EventCounts.js';
import { eventEnergies, type EventEnergies } from '../energy/eventEnergies.js';
import { stepTiming, type StepTiming } from '../energy/stepTiming.js';
import { latencyFromCounts, type LatencyReport } from '../energy/latencyFromCounts.js';
import { programmingCost, type ProgrammingCost } from '../energy/programmingCost.js';
import { explainTerm, input, type ExplainTerm } from '../energy/ExplainTerm.js';
import type { CrossbarDriveOptions } from './CrossbarDrive.js';
import { assignLabels, predictClasses } from '../snn/assignLabels.js';
import { checkpointCsr, loadCheckpoint, type Checkpoint } from '../snn/Checkpoint.js';
import { evaluationImages } from '../snn/evaluationImages.js';
import { labelNeurons } from '../snn/labelNeurons.js';
import type { Mapping } from '../mapping/Mapping.js';
import { mapWeights } from '../mapping/mapWeights.js';
import { loadCrossbar } from '../crossbar/loadCrossbar.js';
import type { CrossbarSpec } from '../crossbar/CrossbarSpec.js';
import { countedTestPass } from './_internals/countedTestPass.js';
import type { WorkCache } from './WorkCache.js';
import { cosimResponses } from './cosimResponses.js';
import type { DriveSpec } from './cosimNetwork.js';
import { crossbarForNetwork, networkLevels } from './crossbarForNetwork.js';
import { buildDriveLayout, type DriveLayout } from './DriveLayout.js';
import { delayExpandedCsr, mapsDelayRows } from './delayExpandedCsr.js';
import { isIdealDevice } from './isIdealDevice.js';
import { programCrossbar, programSynapses, type ProgrammedCrossbar } from './programCrossbar.js';
import { readNoiseSigmaS } from '../devices/applyReadNoise.js';
import { ACTIVITY, addTileCounters, eventCountsFromCounters, newTileCounters, TILE_COUNTER_STRIDE } from './tileCounters.js';
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
  /**
   * Where the neuron labels come from. `hardware` (default): a label pass
   * through the programmed crossbar of each sample (on-chip calibration).
   * `network`: the trained network's own labels (`labelNeurons` on the
   * checkpoint, no hardware), deployed to every chip as its weights are; an
   * `Int8Array` gives those labels precomputed (one class per neuron, −1 = none).
   */
  readonly labels?: 'hardware' | 'network' | Int8Array;
  /** Labelling images (first N of the training split). Default: the recipe's `evaluation.labelImages`. */
  readonly labelImages?: number;
  /** Test images (first N). Default: the recipe's `evaluation.testImages`, else the whole test split. */
  readonly testImages?: number;
  /**
   * Test images whose hardware events are counted (the first N of the test
   * images, in every sample); energy per inference is their mean. Accuracy
   * always uses every test image. Default: all test images.
   */
  readonly energyImages?: number;
  readonly labelSet?: Dataset;
  readonly testSet?: Dataset;
  /** Independent device draws (Monte Carlo). Default 1. */
  readonly samples?: number;
  /** Seed of the input spikes (as `xsnn eval`), the device draws and the read noise. Default: the checkpoint's. */
  readonly seed?: number;
  /** Worker threads (default: all cores; results do not depend on it). */
  readonly threads?: number;
  /** Operating mode replacing the crossbar's `timing.mode` (docs/timing.md). Default: the crossbar's (`accelerated` unless the preset says otherwise). */
  readonly mode?: 'accelerated' | 'realtime';
  /** Keep each sample's test spike counts in the result. Default false. */
  readonly keepResponses?: boolean;
  /** Progress: images done of samples × (label + test). */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Keeps the event traffic of the counted test images of linear runs, so that
   * a later call on the same layouts and input (another device with the same
   * weight storage, another sample) counts nothing again: the network still
   * runs, and the counters are rebuilt from the traffic on the new programming
   * and timing, exactly (see `DriveTraffic`). Default: none (count every time).
   */
  readonly trafficCache?: WorkCache;
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
  readonly network: {
    readonly recipe: string;
    readonly neurons: number;
    readonly synapses: number;
    readonly prunedFraction: number;
    readonly levels: number | null;
    readonly wMax: number;
  };
  /** The crossbar actually simulated (precision and device resolved). */
  readonly crossbar: CrossbarSpec;
  readonly device: DeviceModel;
  /** Where the neuron labels came from (see `SimulateOptions.labels`). */
  readonly labels: 'hardware' | 'network';
  /** Why the weights are stored at this precision. */
  readonly precision: string;
  readonly mapping: Mapping;
  /** Whether the device is ideal (weights realised exactly). */
  readonly ideal: boolean;
  readonly driveMode: 'linear' | 'tiled';
  readonly seed: number;
  readonly labelImages: number;
  readonly testImages: number;
  /** Test images (the first ones) whose events were counted, per sample. */
  readonly energyImages: number;
  readonly samples: ReadonlyArray<SimulationSample>;
  /** Test accuracy over the samples: mean and sample standard deviation (0 for one sample). */
  readonly accuracy: { readonly mean: number; readonly std: number };
  /** Events of the counted test images summed over every sample (inferences = energyImages × samples). */
  readonly counts: EventCounts;
  readonly energies: EventEnergies;
  readonly energy: EnergyReport;
  readonly area: AreaReport;
  /** Per-step time constants of the hardware. */
  readonly timing: StepTiming;
  /** Latency of the counted test images, in the crossbar's operating mode (`timing.mode`). */
  readonly latency: LatencyReport;
  /** Per-inference figures: latency, throughput, energy-delay product, synaptic operations, energy per synaptic operation. */
  readonly figures: InferenceFigures;
  /** One-time cost of writing the network onto the chip (sample 0's programming). */
  readonly programming: ProgrammingCost;
  readonly seconds: number;
  /** Co-simulated images (label + test, every sample) per second. */
  readonly imagesPerSecond: number;
  readonly threads: number;
}

/** Per-inference figures of a co-simulation (docs/timing.md), each with its explain term. */
export interface InferenceFigures {
  readonly mode: 'accelerated' | 'realtime';
  readonly latencyPerInferenceS: number;
  readonly throughputPerS: number;
  /** Energy per inference × latency per inference (J·s). */
  readonly edpJs: number;
  /** Synaptic operations per inference: programmed synapse reads (cell reads ÷ cells per weight). */
  readonly sopsPerInference: number;
  /** Energy per inference ÷ SOPs per inference (J). */
  readonly energyPerSopJ: number;
  readonly terms: ReadonlyArray<ExplainTerm>;
}

/** Options of {@link simulateCrossbars}: those of {@link simulate} with several crossbars. */
export interface SimulateCrossbarsOptions extends Omit<SimulateOptions, 'crossbar' | 'mapping'> {
  /** Crossbars (preset names, YAML paths, `RxC` shorthands or loaded specs), e.g. one per tile size. */
  readonly crossbars: ReadonlyArray<string | CrossbarSpec>;
  /** A mapping per crossbar (same order; `undefined` entries are mapped here). */
  readonly mappings?: ReadonlyArray<Mapping | undefined>;
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
  const { crossbar, mapping, ...rest } = options;
  const [r] = await simulateCrossbars({ ...rest, crossbars: [crossbar], ...(mapping !== undefined ? { mappings: [mapping] } : {}) });
  return r!;
}

/**
 * {@link simulate} on several crossbars (e.g. every tile size of a sweep) at
 * the cost of about one: each result equals `simulate` on that crossbar alone.
 *
 * Why it can share: every synapse is programmed from its own place in the
 * network (`programCrossbar`), so its effective weight does not depend on the
 * tiling; with a linear periphery (no ADC, no read noise) the network's input
 * is the sum of those weights in the SNN's order whatever the tiles, so the
 * spikes are the same on every tile size. Such crossbars (with the same weight
 * storage) run once: one drives the network, the others count their own
 * events on the same spike traffic (`CrossbarDrive.count`). Crossbars whose
 * periphery makes the input depend on the tiles (ADC, read noise) run apart.
 *
 * Samples: when a sample programs every crossbar to exactly the weights and
 * conductances of sample 0 (no variation, no faults, no write noise) and there
 * is no read noise, its spikes would be sample 0's, so sample 0's responses are
 * reused rather than simulated again.
 */
export async function simulateCrossbars(options: SimulateCrossbarsOptions): Promise<SimulationResult[]> {
  const fn = 'simulate';
  const t0 = performance.now();
  const ck = typeof options.checkpoint === 'string' ? loadCheckpoint(options.checkpoint) : options.checkpoint;
  checkCrossbarList(options, fn);
  const { baseXbs, device } = resolveHardware(options, fn);
  const { samples, seed } = checkSamplesAndSeed(options, ck, fn);

  const { nLabel, nTest, nEnergy, labelSet, testSet, energySet, restSet, classes } = await resolveImages(options, ck, fn);
  const weights = checkpointCsr(ck);
  const wMax = largestWeight(weights, ck.recipe.network.input.wMax);
  const noise = readNoiseSigmaS(device);
  const boards = baseXbs.map((baseXb, c) => makeBoard({ options, ck, weights, device, noise }, baseXb, c));
  const runs = new Map<string, Board[]>();
  for (const b of boards) runs.set(b.runKey, [...(runs.get(b.runKey) ?? []), b]);

  const network = { ...ck, weights: shareArrays(ck.weights), mask: shareArrays(ck.mask), delays: shareArrays(ck.delays) };
  const threadsOpt = options.threads !== undefined ? { threads: options.threads } : {};
  const networkLabels = await resolveNetworkLabels(options, ck, { labelSet, classes, seed, threadsOpt }, fn);
  const perSample = (networkLabels === null ? nLabel : 0) + nTest;
  const total = runs.size * samples * perSample;
  const ctx: RunContext = {
    options,
    weights,
    device,
    wMax,
    noise,
    samples,
    seed,
    perSample,
    total,
    network,
    classes,
    labelSet,
    testSet,
    energySet,
    restSet,
    networkLabels,
    threadsOpt,
  };
  let run = 0;
  for (const members of runs.values()) {
    await simulateRun(members as [Board, ...Board[]], run, ctx);
    run++;
  }
  const seconds = (performance.now() - t0) / 1000;
  const levels = networkLevels(ck);
  const run0 = {
    ck,
    weights,
    levels,
    device,
    nLabel,
    nTest,
    nEnergy,
    samples,
    seed,
    labels: networkLabels === null ? ('hardware' as const) : ('network' as const),
    seconds,
    total,
    wMax,
  };
  return boards.map((b) => boardResult(b, run0));
}

/** Fails unless there is a crossbar, and a mapping per crossbar when mappings are given. */
function checkCrossbarList(options: SimulateCrossbarsOptions, fn: string): void {
  if (options.crossbars.length === 0) throw new XsnnError(`${fn}: no crossbar given`, { field: 'crossbars' });
  if (options.mappings !== undefined && options.mappings.length !== options.crossbars.length) {
    throw new XsnnError(`${fn}: ${options.mappings.length} mappings for ${options.crossbars.length} crossbars`, { field: 'mappings' });
  }
}

/** The number of device samples (default 1) and the seed (default: the checkpoint's), checked. */
function checkSamplesAndSeed(options: SimulateCrossbarsOptions, ck: Checkpoint, fn: string): { samples: number; seed: number } {
  const samples = options.samples ?? 1;
  if (!Number.isInteger(samples) || samples < 1) throw new XsnnError(`${fn}: samples must be a whole number >= 1, got ${samples}`, { field: 'samples' });
  const seed = options.seed ?? ck.seed;
  if (!Number.isInteger(seed)) throw new XsnnError(`${fn}: seed must be a whole number, got ${seed}`, { field: 'seed' });
  return { samples, seed };
}

/** The largest stored weight (mapped onto G_max), or `fallback` (the recipe's wMax) when none is positive. */
function largestWeight(weights: ReturnType<typeof checkpointCsr>, fallback: number): number {
  let wMax = 0;
  for (let k = 0; k < weights.values.length; k++) if (weights.values[k]! > wMax) wMax = weights.values[k]!;
  if (!(wMax > 0)) wMax = fallback;
  return wMax;
}

/** What {@link makeBoard} reads besides the crossbar. */
interface BoardInputs {
  readonly options: SimulateCrossbarsOptions;
  readonly ck: Checkpoint;
  readonly weights: ReturnType<typeof checkpointCsr>;
  readonly device: DeviceModel;
  readonly noise: number;
}

/** One crossbar's board: its resolved spec and precision, mapping, drive layout, timing, run key and (empty) accumulators. */
function makeBoard(i: BoardInputs, baseXb: CrossbarSpec, c: number) {
  const { options, ck, weights, device, noise } = i;
  const { crossbar, precision } = crossbarForNetwork({
    crossbar: baseXb,
    checkpoint: ck,
    device,
    ...(options.weightBits !== undefined ? { weightBits: options.weightBits } : {}),
  });
  const given = options.mappings?.[c];
  const mapping =
    given ??
    mapWeights(mapsDelayRows(crossbar, ck) ? delayExpandedCsr(ck) : weights, {
      tileRows: crossbar.rows,
      tileCols: crossbar.logicalCols,
      splitColumns: crossbar.splitColumns,
      ...(options.algorithm !== undefined ? { algorithm: options.algorithm } : {}),
    });
  checkMapping(mapping, ck, crossbar);
  checkDelays(crossbar, ck);
  const layout: DriveLayout = shareArrays(
    buildDriveLayout({ mapping, delays: ck.delays, maxDelay: ck.maxDelay, physicalCols: crossbar.cols, cellsPerWeight: crossbar.cellsPerWeight }),
  );
  const linear = noise === 0 && crossbar.periphery.kind !== 'adc';
  const timing = stepTiming(crossbar, device, { tiles: Math.max(1, layout.tiles), neurons: ck.neurons });
  const driveOptions: CrossbarDriveOptions = {
    periphery: crossbar.periphery.kind,
    delays: crossbar.delays.implementation,
    timing: { cycleS: timing.cycleS.valueSI, packetS: timing.packetS.valueSI, postS: timing.postS.valueSI },
  };
  return {
    timing,
    driveOptions,
    programming: null as ProgrammingCost | null,
    crossbar,
    precision,
    mapping,
    layout,
    // crossbars that share their spikes: linear, with the same weight storage (so the same programming)
    runKey: linear ? `linear:${crossbar.cellsPerWeight}:${crossbar.weightBits ?? 'device'}` : `tiled:${c}`,
    counters: newTileCounters(layout.tiles),
    steps: 0,
    // programCrossbar's drive mode: tiled with read noise or an ADC
    driveMode: linear ? ('linear' as const) : ('tiled' as const),
    threads: 1,
    samples: [] as SimulationSample[],
  };
}

type Board = ReturnType<typeof makeBoard>;

/** The network's own labels (given, or from `labelNeurons`), or null for a label pass through the hardware. */
async function resolveNetworkLabels(
  options: SimulateCrossbarsOptions,
  ck: Checkpoint,
  l: { readonly labelSet: Dataset; readonly classes: number; readonly seed: number; readonly threadsOpt: { readonly threads?: number } },
  fn: string,
): Promise<Int8Array | null> {
  const { labelSet, classes, seed, threadsOpt } = l;
  let networkLabels: Int8Array | null = null;
  if (options.labels instanceof Int8Array) {
    if (options.labels.length !== ck.neurons) throw new XsnnError(`${fn}: ${options.labels.length} labels for ${ck.neurons} neurons`, { field: 'labels' });
    networkLabels = options.labels;
  } else if (options.labels === 'network') {
    networkLabels = (await labelNeurons({ checkpoint: ck, labelSet, classes, seed, ...threadsOpt })).assignments;
  } else if (options.labels !== undefined && options.labels !== 'hardware') {
    throw new XsnnError(`${fn}: labels must be 'hardware', 'network' or an Int8Array, got ${String(options.labels)}`, { field: 'labels' });
  }
  return networkLabels;
}

/** What {@link simulateRun} reads besides its boards. */
interface RunContext extends Pick<
  SampleInputs,
  'network' | 'seed' | 'classes' | 'labelSet' | 'testSet' | 'energySet' | 'restSet' | 'networkLabels' | 'threadsOpt'
> {
  readonly options: SimulateCrossbarsOptions;
  readonly weights: ReturnType<typeof checkpointCsr>;
  readonly device: DeviceModel;
  readonly wMax: number;
  readonly noise: number;
  readonly samples: number;
  readonly perSample: number;
  readonly total: number;
}

/**
 * Every device sample of one run (crossbars sharing their spikes, `lead`
 * first): programs each crossbar, simulates the sample (or reuses sample 0's
 * outcome when the programming is the same and there is no read noise) and
 * accumulates each board's counters and samples.
 */
async function simulateRun(members: [Board, ...Board[]], run: number, ctx: RunContext): Promise<void> {
  const { options, weights, device, wMax, noise, samples, seed, perSample, total } = ctx;
  const [lead, ...rest] = members;
  let first: SampleOutcome | null = null;
  for (let s = 0; s < samples; s++) {
    const programmingSeed = deriveSeed(seed, DEVICE_SAMPLE_STREAM, s);
    // one programming of the network per sample, shared by every crossbar of the run (same weight storage)
    const programmed = programSynapses({ weights, crossbar: lead.crossbar, device, wMax, seed: programmingSeed });
    const progs = members.map((b) =>
      programCrossbar({ mapping: b.mapping, layout: b.layout, crossbar: b.crossbar, device, wMax, seed: programmingSeed, programmed }),
    );
    let outcome: SampleOutcome | null = first;
    if (outcome === null || noise > 0 || !progs.every((p, x) => sameProgramming(p, outcome!.progs[x]!))) {
      const done0 = (run * samples + s) * perSample;
      outcome = await simulateSample({
        network: ctx.network,
        lead,
        rest,
        progs,
        programmingSeed,
        seed,
        classes: ctx.classes,
        labelSet: ctx.labelSet,
        testSet: ctx.testSet,
        energySet: ctx.energySet,
        restSet: ctx.restSet,
        networkLabels: ctx.networkLabels,
        threadsOpt: ctx.threadsOpt,
        ...(options.trafficCache !== undefined ? { trafficCache: options.trafficCache } : {}),
        ...(options.onProgress !== undefined ? { onProgress: (d: number) => options.onProgress!(done0 + d, total) } : {}),
      });
      if (first === null) first = outcome;
    } else options.onProgress?.((run * samples + s + 1) * perSample, total);
    recordSample(members, s, programmingSeed, progs, outcome, device, options.keepResponses === true);
  }
}

/** Adds sample `s`'s outcome to every board of its run (sample 0 also sets the board's programming cost). */
function recordSample(
  members: ReadonlyArray<Board>,
  s: number,
  programmingSeed: number,
  progs: ReadonlyArray<ProgrammedCrossbar>,
  o: SampleOutcome,
  device: DeviceModel,
  keepResponses: boolean,
): void {
  members.forEach((b, x) => {
    if (s === 0) b.programming = programmingCost(progs[x]!.programming, device);
    addTileCounters(b.counters, o.counters[x]!);
    b.steps += o.steps;
    b.threads = Math.max(b.threads, o.threads);
    b.samples.push({
      sample: s,
      programmingSeed,
      accuracy: o.accuracy,
      weightErrorRms: progs[x]!.weightErrorRms,
      stuckAtHrs: progs[x]!.stuckAtHrs,
      stuckAtLrs: progs[x]!.stuckAtLrs,
      unassignedNeurons: o.unassigned,
      ...(keepResponses ? { testCounts: o.testCounts } : {}),
    });
  });
}

/** What {@link boardResult} reads besides the board. */
interface RunSummary {
  readonly ck: Checkpoint;
  readonly weights: ReturnType<typeof checkpointCsr>;
  readonly levels: number | null;
  readonly device: DeviceModel;
  readonly nLabel: number;
  readonly nTest: number;
  readonly nEnergy: number;
  readonly samples: number;
  readonly seed: number;
  readonly labels: 'hardware' | 'network';
  readonly seconds: number;
  readonly total: number;
  readonly wMax: number;
}

/** What a board (one crossbar of the run) carries into its result. */
interface BoardOutcome {
  readonly crossbar: CrossbarSpec;
  readonly precision: string;
  readonly mapping: Mapping;
  readonly layout: DriveLayout;
  readonly counters: Float64Array;
  readonly steps: number;
  readonly driveMode: 'linear' | 'tiled';
  readonly threads: number;
  readonly samples: SimulationSample[];
  readonly timing: StepTiming;
  readonly programming: ProgrammingCost | null;
}

/** One crossbar's {@link SimulationResult}: accuracy statistics, counts, energy, area, latency and figures. */
function boardResult(b: BoardOutcome, run: RunSummary): SimulationResult {
  const { ck, weights, levels, device, nLabel, nTest, nEnergy, samples, seed, seconds, total, wMax } = run;
  const recipe = ck.recipe;
  const accs = b.samples.map((r) => r.accuracy);
  const mean = accs.reduce((a, x) => a + x, 0) / samples;
  const std = samples > 1 ? Math.sqrt(accs.reduce((a, x) => a + (x - mean) ** 2, 0) / (samples - 1)) : 0;
  const { crossbar, mapping, layout } = b;
  const inferences = nEnergy * samples;
  const dtS = recipe.network.dt / 1000;
  const counts = eventCountsFromCounters(b.counters, layout.tiles, { simulatedTimeS: b.steps * dtS, inferences, steps: b.steps });
  // delay hardware for the layout's delays (0 when the mapped delays are all 0); fifo: a flip-flop per delay step of each mapped row
  const fifo = crossbar.delays.implementation === 'fifo' && layout.delayRows;
  const area = areaOf(
    {
      ...areaInputFromMapping(mapping),
      rows: crossbar.rows,
      cols: crossbar.cols,
      neurons: ck.neurons,
      inputs: ck.nInputs,
      maxDelay: layout.maxDelay,
      ...(fifo ? { delayBufferBits: layout.rowDelaySum } : {}),
    },
    device,
    crossbar,
  );
  const tiles = Math.max(1, layout.tiles);
  const arrivals = counts.inputSpikeArrivals ?? 0;
  const shifts = b.counters[layout.tiles * TILE_COUNTER_STRIDE + ACTIVITY.delayShifts]!;
  const energies = eventEnergies(device, crossbar, {
    tiles,
    neurons: ck.neurons,
    maxDelay: layout.maxDelay,
    ...(fifo ? { fifoDepth: arrivals > 0 ? shifts / arrivals : 0 } : {}),
    area,
  });
  const latency = latencyFromCounts({ activity: counts.activity!, timing: b.timing, crossbar, dtS, inferences });
  const energy = energyFromCounts(counts, energies, { latency });
  return {
    network: {
      recipe: ck.recipeName,
      neurons: ck.neurons,
      synapses: weights.values.length,
      prunedFraction: 1 - weights.values.length / (ck.nInputs * ck.neurons),
      levels,
      wMax,
    },
    crossbar,
    device,
    labels: run.labels,
    precision: b.precision,
    mapping,
    ideal: isIdealDevice(device),
    driveMode: b.driveMode,
    seed,
    labelImages: nLabel,
    testImages: nTest,
    energyImages: nEnergy,
    samples: b.samples,
    accuracy: { mean, std },
    counts,
    energies,
    energy,
    area,
    timing: b.timing,
    latency,
    figures: inferenceFigures(energy, latency, counts, crossbar.cellsPerWeight),
    programming: b.programming!,
    seconds,
    imagesPerSecond: total / seconds,
    threads: b.threads,
  };
}

/** The crossbars (with the mode override) and the device they are simulated with. */
function resolveHardware(options: SimulateCrossbarsOptions, fn: string): { baseXbs: CrossbarSpec[]; device: DeviceModel } {
  if (options.mode !== undefined && options.mode !== 'accelerated' && options.mode !== 'realtime')
    throw new XsnnError(`${fn}: mode must be 'accelerated' or 'realtime', got ${String(options.mode)}`, { field: 'mode' });
  const baseXbs = options.crossbars
    .map((c) => (typeof c === 'string' ? loadCrossbar(c) : c))
    .map((x) =>
      options.mode === undefined || x.timing.mode === options.mode ? x : Object.freeze({ ...x, timing: Object.freeze({ ...x.timing, mode: options.mode }) }),
    );
  let device = options.device === undefined ? baseXbs[0]!.device : typeof options.device === 'string' ? loadDevice(options.device) : options.device;
  if (options.sigma !== undefined) {
    if (!(options.sigma >= 0 && options.sigma <= 1))
      throw new XsnnError(`${fn}: sigma must be a fraction in [0, 1], got ${options.sigma}`, { field: 'sigma', expected: 'a number in [0, 1]' });
    device = Object.freeze({ ...device, deviceToDevice: Object.freeze({ ...device.deviceToDevice, sigma: options.sigma }) });
  }
  if (options.device === undefined && baseXbs.some((x) => x.device !== baseXbs[0]!.device && hashValue(x.device) !== hashValue(baseXbs[0]!.device))) {
    throw new XsnnError(`${fn}: the crossbars use different devices; pass \`device\` or simulate them apart`, { field: 'device' });
  }
  return { baseXbs, device };
}

/** The label, test and counted test images of a run. */
async function resolveImages(options: SimulateCrossbarsOptions, ck: Checkpoint, fn: string) {
  const { nLabel, nTest, labelSet, testSet, classes } = await evaluationImages(ck, options, fn);
  const nEnergy = options.energyImages ?? nTest;
  if (!Number.isInteger(nEnergy) || nEnergy < 1 || nEnergy > nTest)
    throw new XsnnError(`${fn}: energyImages must be a whole number in 1..testImages (${nTest}), got ${nEnergy}`, { field: 'energyImages' });
  const energySet = takeImages(testSet, nEnergy);
  const restSet = nEnergy < nTest ? sliceImages(testSet, nEnergy, nTest) : null;

  return { nLabel, nTest, nEnergy, labelSet, testSet, energySet, restSet, classes };
}

/** Latency, throughput, EDP, SOPs and pJ/SOP per inference, with their explain terms. */
export function inferenceFigures(energy: EnergyReport, latency: LatencyReport, counts: EventCounts, cellsPerWeight: number): InferenceFigures {
  const inf = Math.max(1, counts.inferences);
  const sops = counts.programmedCellReads / cellsPerWeight / inf;
  const e = energy.perInferenceJ;
  const l = latency.perInferenceS;
  const sim = 'simulation';
  const terms = [
    explainTerm({
      name: 'latencyPerInference',
      valueSI: l,
      unit: 's',
      formula: 'Σ latency terms / inferences',
      inputs: [input('latency', latency.totalS, 's', latency.title), input('inferences', counts.inferences, '1', sim)],
      source: `docs/timing.md (${latency.mode} mode)`,
    }),
    explainTerm({
      name: 'throughput',
      valueSI: latency.throughputPerS,
      unit: '1/s',
      formula: '1 / latencyPerInference',
      inputs: [input('latencyPerInference', l, 's', 'above')],
      source: `docs/timing.md (${latency.mode} mode${latency.pipelined ? ', pipelined' : ''})`,
    }),
    explainTerm({
      name: 'energyDelayProduct',
      valueSI: e * l,
      unit: 'J·s',
      formula: 'energyPerInference · latencyPerInference',
      inputs: [input('energyPerInference', e, 'J', energy.title), input('latencyPerInference', l, 's', 'above')],
      source: 'energy-delay product per inference',
    }),
    explainTerm({
      name: 'sopsPerInference',
      valueSI: sops,
      unit: '1',
      formula: 'programmedCellReads / cellsPerWeight / inferences',
      inputs: [
        input('programmedCellReads', counts.programmedCellReads, '1', sim),
        input('cellsPerWeight', cellsPerWeight, '1', 'crossbar storage'),
        input('inferences', counts.inferences, '1', sim),
      ],
      source: 'a synaptic operation = one input spike reaching one synapse (as TrueNorth and Loihi count them)',
    }),
    explainTerm({
      name: 'energyPerSop',
      valueSI: sops > 0 ? e / sops : 0,
      unit: 'J',
      formula: 'energyPerInference / sopsPerInference',
      inputs: [input('energyPerInference', e, 'J', energy.title), input('sopsPerInference', sops, '1', 'above')],
      source: 'context: TrueNorth ≈ 26 pJ per synaptic event, Loihi ≈ 24 pJ per synaptic operation (their papers)',
    }),
  ];
  return {
    mode: latency.mode,
    latencyPerInferenceS: l,
    throughputPerS: latency.throughputPerS,
    edpJs: e * l,
    sopsPerInference: sops,
    energyPerSopJ: sops > 0 ? e / sops : 0,
    terms,
  };
}

/** A crossbar without delay hardware runs only networks without delays. */
function checkDelays(crossbar: CrossbarSpec, ck: Checkpoint): void {
  if (crossbar.delays.implementation === 'none' && ck.maxDelay > 0) {
    throw new XsnnError(
      `simulate: crossbar '${crossbar.name}' has delays.implementation 'none' but the network has input delays up to ${ck.maxDelay} steps; use a network trained without delays (network.input.delayMax: 0, e.g. snn/rathi-400-nodelay.yaml) or a delay implementation ('sequential' or 'fifo')`,
      { field: 'delays.implementation' },
    );
  }
}

/** What {@link simulateSample} needs: one device sample of one run (crossbars sharing their spikes). */
interface SampleInputs {
  readonly network: NetworkSnapshot;
  /** The crossbar that drives the network, and those that count along (linear runs only). */
  readonly lead: { readonly layout: DriveLayout; readonly crossbar: CrossbarSpec; readonly driveOptions: CrossbarDriveOptions };
  readonly rest: ReadonlyArray<{ readonly layout: DriveLayout; readonly driveOptions: CrossbarDriveOptions }>;
  /** The sample's programming of every crossbar of the run, lead first. */
  readonly progs: ReadonlyArray<ProgrammedCrossbar>;
  readonly programmingSeed: number;
  readonly seed: number;
  readonly classes: number;
  readonly labelSet: Dataset;
  readonly testSet: Dataset;
  /** The first test images, whose events are counted. */
  readonly energySet: Dataset;
  /** The other test images (no counting), or null. */
  readonly restSet: Dataset | null;
  /** The network's own labels, or null for a label pass through the hardware. */
  readonly networkLabels: Int8Array | null;
  readonly threadsOpt: { readonly threads?: number };
  /** Images done in this sample (label pass, then test images). */
  readonly onProgress?: (done: number) => void;
  /** Where the counted images' event traffic is kept and reused (`SimulateOptions.trafficCache`). */
  readonly trafficCache?: WorkCache;
}

/**
 * One device sample of a run: the label pass through the hardware (unless the
 * network's labels are given) and the test pass, counting the events of the
 * first test images on every crossbar of the run.
 */
async function simulateSample(o: SampleInputs): Promise<SampleOutcome> {
  const { network, lead, seed, classes, labelSet, testSet, energySet, restSet, threadsOpt } = o;
  const neurons = network.neurons;
  const nTest = testSet.count;
  const nEnergy = energySet.count;
  const driveOptions: CrossbarDriveOptions = { ...lead.driveOptions, noiseSeed: o.programmingSeed };
  const leadWeights = shareArrays(o.progs[0]!.weights);
  // label pass and uncounted test images: no event bookkeeping (the spikes are the same)
  const quiet: DriveSpec = { layout: lead.layout, weights: leadWeights, options: { ...driveOptions, count: false } };
  const counted: DriveSpec = {
    layout: lead.layout,
    weights: leadWeights,
    options: driveOptions,
    ...(o.rest.length > 0
      ? {
          observers: o.rest.map((b, x) => ({
            layout: b.layout,
            weights: shareArrays(o.progs[x + 1]!.weights),
            options: { ...b.driveOptions, noiseSeed: o.programmingSeed },
          })),
        }
      : {}),
  };
  const progress = (at: number) => (o.onProgress !== undefined ? { onProgress: (d: number) => o.onProgress!(at + d) } : {});
  let assignments = o.networkLabels;
  let threads = 1;
  let labelled = 0;
  if (assignments === null) {
    const lab = await cosimResponses({ network, drive: quiet, dataset: labelSet, phase: 'label', seed, ...threadsOpt, ...progress(0) });
    assignments = assignLabels({ responses: lab.counts, labels: labelSet.labels, neurons, classes });
    threads = lab.threads;
    labelled = labelSet.count;
  }
  const pass = await countedTestPass(
    { network, dataset: energySet, phase: 'test', seed, ...threadsOpt, ...progress(labelled) },
    counted,
    quiet,
    o.trafficCache,
  );
  const test = pass.responses;
  let testCounts = test.counts;
  threads = Math.max(threads, test.threads);
  if (restSet !== null) {
    const more = await cosimResponses({
      network,
      drive: quiet,
      dataset: restSet,
      phase: 'test',
      seed,
      imageOffset: nEnergy,
      ...threadsOpt,
      ...progress(labelled + nEnergy),
    });
    testCounts = new Uint16Array(nTest * neurons);
    testCounts.set(test.counts);
    testCounts.set(more.counts, nEnergy * neurons);
    threads = Math.max(threads, more.threads);
  }
  const pred = predictClasses(testCounts, assignments, classes);
  let correct = 0;
  for (let k = 0; k < nTest; k++) if (testSet.labels[k] === pred[k]) correct++;
  let unassigned = 0;
  for (let j = 0; j < assignments.length; j++) if (assignments[j]! < 0) unassigned++;
  return {
    progs: [...o.progs],
    counters: pass.counters,
    steps: test.steps,
    testCounts,
    threads,
    accuracy: correct / nTest,
    unassigned,
  };
}

/** One simulated device sample of a run. */
interface SampleOutcome {
  readonly progs: ProgrammedCrossbar[];
  /** Event counters of the counted test images, per crossbar of the run. */
  readonly counters: ReadonlyArray<Float64Array>;
  /** Steps of the counted test images. */
  readonly steps: number;
  readonly testCounts: Uint16Array;
  readonly threads: number;
  readonly accuracy: number;
  readonly unassigned: number;
}

/** Whether two programmings of the same layout give the network exactly the same input (effective weights and Σ G per segment). */
function sameProgramming(a: ProgrammedCrossbar, b: ProgrammedCrossbar): boolean {
  const eq = (x: ArrayLike<number>, y: ArrayLike<number>): boolean => {
    if (x.length !== y.length) return false;
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
    return true;
  };
  return a.weights.mode === 'linear' && b.weights.mode === 'linear' && eq(a.weights.w, b.weights.w) && eq(a.weights.segConductanceS, b.weights.segConductanceS);
}

function checkMapping(m: Mapping, ck: Checkpoint, xb: CrossbarSpec): void {
  const rows = mapsDelayRows(xb, ck) ? ck.nInputs * (ck.maxDelay + 1) : ck.nInputs;
  if (m.rows !== rows || m.cols !== ck.neurons)
    throw new XsnnError(
      `simulate: the mapping is ${m.rows}x${m.cols}, the network's ${rows === ck.nInputs ? 'matrix' : `delay-expanded matrix (a row per input and delay group, delayExpandedCsr)`} ${rows}x${ck.neurons}`,
    );
  let nnz = 0;
  for (let k = 0; k < ck.mask.length; k++) if (ck.mask[k] !== 0) nnz++;
  if (m.nnz !== nnz) throw new XsnnError(`simulate: the mapping holds ${m.nnz} synapses, the network has ${nnz}`);
  if (m.options.tileRows > xb.rows || m.options.tileCols > xb.logicalCols) {
    throw new XsnnError(
      `simulate: the mapping was made for ${m.options.tileRows}x${m.options.tileCols} tiles, larger than the crossbar's ${xb.rows} rows x ${xb.logicalCols} weights`,
    );
  }
}
