import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { usageError, XsnnError } from '../../config/XsnnError.js';
import { hashValue } from '../../core/hash.js';
import { version } from '../../core/version.js';
import { inputSize } from '../../data/Dataset.js';
import { readMatrixMarket } from '../../mapping/readMatrixMarket.js';
import type { Checkpoint } from '../../snn/Checkpoint.js';
import { maxDelaySteps, initialSynapses } from '../../snn/initialSynapses.js';
import { parseRecipe } from '../../snn/SnnRecipe.js';
import { recipeDataset, resolveRecipe } from '../../snn/train.js';
import { createProgress } from '../../core/progress.js';
import { explainSimulation, formatSimulation } from '../../cosim/formatSimulation.js';
import { simulate, type SimulationResult } from '../../cosim/simulate.js';
import { simulationRecord } from '../../cosim/simulationRecord.js';
import { neurosimCrossCheck } from '../../energy/neurosimCrossCheck.js';
import { hashCheckpoint } from '../../sweep/hashCheckpoint.js';
import { ResultRecordSchema } from '../../core/ResultRecord.js';
import { parseChoice, parseCrossbarRef, parseIntOption, printJson } from '../output.js';
import { mappingAlgorithmNames } from '../../mapping/mappingAlgorithms.js';
import { isValidWeightBits, WEIGHT_BITS } from '../../devices/weightBits.js';

/** Options shared by `xsnn simulate` and `xsnn compare`. */
export interface CosimCliOptions {
  device?: string;
  crossbar: string;
  algorithm?: string;
  labelImages?: number;
  testImages?: number;
  energyImages?: number;
  labels?: 'hardware' | 'network';
  samples?: number;
  sigma?: number;
  seed?: number;
  threads?: number;
  weightBits?: number | 'device';
  json?: boolean;
  explain?: boolean;
  mode?: 'accelerated' | 'realtime';
}

/** A commander parser for a finite number in [0, `max`] (e.g. σ, a fraction: at most 1 = 100 %). */
export function parseNonNegativeNumber(name: string, max = Infinity): (value: string) => number {
  return (value: string) => {
    const n = Number(value.trim().endsWith('%') ? Number(value.trim().slice(0, -1)) / 100 : value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > max)
      throw new InvalidArgumentError(`${name} expects a number in [0, ${max}] (e.g. 0.05 or 5%), got "${value}"`);
    return n;
  };
}

/** A commander parser for `--labels`: `hardware` or `network`. */
export function parseLabelSource(value: string): 'hardware' | 'network' {
  if (value === 'hardware' || value === 'network') return value;
  throw new InvalidArgumentError(`--labels expects "hardware" or "network", got "${value}"`);
}

/** A commander parser for `--weight-bits`: `device` or a whole number of bits in 1..24. */
export function parseWeightBits(value: string): number | 'device' {
  if (value === 'device') return 'device';
  const n = Number(value);
  if (!isValidWeightBits(n))
    throw new InvalidArgumentError(`--weight-bits expects "device" or a whole number of bits in ${WEIGHT_BITS.min}..${WEIGHT_BITS.max}, got "${value}"`);
  return n;
}

/** A commander parser for `--mode`: `accelerated` or `realtime` (anything else is a usage error, exit 2). */
export const parseMode = parseChoice('--mode', ['accelerated', 'realtime'] as const) as (value: string) => 'accelerated' | 'realtime';

/** Adds the co-simulation options to a command; `json` describes what its `--json` prints. */
export function addCosimOptions(cmd: Command, help: { json: string }): Command {
  return cmd
    .option('--device <preset>', "device preset name or YAML path (default: the crossbar preset's device)")
    .requiredOption('--crossbar <preset|RxC>', 'crossbar preset name, YAML path, or RxC (rows x columns, e.g. 64x64)', parseCrossbarRef)
    .option('--algorithm <name>', 'mapping algorithm (default: packer, the best of all)', parseChoice('--algorithm', mappingAlgorithmNames))
    .option(
      '--label-images <n>',
      "training images used to assign neuron labels through the hardware (default: the recipe's)",
      parseIntOption('--label-images', 1),
    )
    .option('--test-images <n>', "test images (default: the recipe's, else all 10000)", parseIntOption('--test-images', 1))
    .option(
      '--labels <source>',
      'neuron labels: "hardware" (a label pass through each programmed chip, default) or "network" (the trained network\'s own labels, deployed with its weights)',
      parseLabelSource,
    )
    .option(
      '--energy-images <n>',
      'count hardware events on the first n test images only (energy per inference is their mean; default: all)',
      parseIntOption('--energy-images', 1),
    )
    .option('--samples <n>', 'Monte Carlo device samples (independent variation and fault draws; default 1)', parseIntOption('--samples', 1))
    .option('--sigma <s>', "device-to-device variation sigma, fraction of G_max - G_min (default: the device preset's)", parseNonNegativeNumber('--sigma', 1))
    .option('--seed <n>', "seed of input spikes, device draws and read noise (default: the checkpoint's)", parseIntOption('--seed', 0))
    .option('--threads <n>', 'worker threads (default: all cores; results do not depend on it)', parseIntOption('--threads', 1))
    .option(
      '--weight-bits <bits|device>',
      'weight storage: bits bit-sliced over cells, or "device" (default: 8 bits for dense float networks, one cell for quantized ones that fit)',
      parseWeightBits,
    )
    .option(
      '--mode <mode>',
      'operating mode: "accelerated" (steps as fast as the hardware allows) or "realtime" (each step lasts dt); default: the crossbar preset\'s',
      parseMode,
    )
    .option('--json', help.json)
    .option('--explain', 'print every term of the energy and area sums with its formula, inputs and sources, and the NeuroSim cross-check');
}

/** The co-simulation settings given on the command line (absent flags stay absent, so the library defaults apply). */
export function cosimSettings(opts: CosimCliOptions) {
  return {
    ...(opts.device !== undefined ? { device: opts.device } : {}),
    ...(opts.algorithm !== undefined ? { algorithm: opts.algorithm } : {}),
    ...(opts.labelImages !== undefined ? { labelImages: opts.labelImages } : {}),
    ...(opts.testImages !== undefined ? { testImages: opts.testImages } : {}),
    ...(opts.energyImages !== undefined ? { energyImages: opts.energyImages } : {}),
    ...(opts.labels !== undefined ? { labels: opts.labels } : {}),
    ...(opts.samples !== undefined ? { samples: opts.samples } : {}),
    ...(opts.sigma !== undefined ? { sigma: opts.sigma } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
    ...(opts.weightBits !== undefined ? { weightBits: opts.weightBits } : {}),
    ...(opts.mode !== undefined ? { mode: opts.mode } : {}),
  };
}

/** Runs one co-simulation with a progress bar (TTY only). */
export async function runCosim(checkpoint: string | Checkpoint, opts: CosimCliOptions, label = 'simulate'): Promise<SimulationResult> {
  let bar: ReturnType<typeof createProgress> | undefined;
  const r = await simulate({
    checkpoint,
    crossbar: opts.crossbar,
    ...cosimSettings(opts),
    onProgress: (done, total) => {
      bar ??= createProgress(total, `${label} {bar} {value}/{total} img | {rate} img/s | eta {eta_formatted}`);
      bar.update(done);
    },
  });
  bar?.stop();
  return r;
}

/** The NeuroSim cross-check as text (acceptance 3 of the co-simulation issue). */
export function crossCheckText(): string {
  const cc = neurosimCrossCheck();
  return `NeuroSim cross-check (${cc.crossbar.name}: ${cc.crossbar.title})\n\n${cc.markdown}\n`;
}

/** `xsnn simulate`: co-simulated inference of a checkpoint on crossbar tiles, with energy and area. */
export function registerSimulate(program: Command): void {
  const cmd = program
    .command('simulate')
    .description(
      "co-simulate a checkpoint's inference on mapped crossbar tiles of a device (variation, faults, read noise, ADC), with event-driven energy and area",
    )
    .option('--checkpoint <dir>', 'checkpoint directory written by `xsnn train` (or give --weights and --recipe)')
    .option('--weights <file.mtx>', 'weights from elsewhere: a Matrix Market file (rows = inputs, columns = neurons; absent entries = pruned), with --recipe')
    .option(
      '--recipe <name|path>',
      'with --weights: the recipe whose neuron, synapse and input parameters run the network (its neuron count is set to the columns)',
    )
    .option('--theta <file>', "with --weights: adaptive thresholds θ in mV, one number per neuron (default: the recipe's thetaInit for every neuron)")
    .option('--name <name>', 'network name in the JSON record (default: the checkpoint folder or weights file name)', (v: string) => {
      if (v.trim() === '') throw new InvalidArgumentError('--name expects a non-empty network name');
      return v;
    });
  addCosimOptions(cmd, { json: 'print the result as JSON (a sweep ResultRecord)' }).action(async (opts: SimulateCliOptions) => {
    const { network, name, checkpointHash } = await networkOf(opts);
    const r = await runCosim(network, opts);
    if (opts.json === true) {
      const record = simulationRecord(r, { name: opts.name ?? name, checkpointHash });
      printJson(ResultRecordSchema.parse(record));
      return;
    }
    process.stdout.write(formatSimulation(r));
    if (opts.explain === true) process.stdout.write(`\n${explainSimulation(r)}\n${crossCheckText()}`);
  });
}

interface SimulateCliOptions extends CosimCliOptions {
  checkpoint?: string;
  weights?: string;
  recipe?: string;
  theta?: string;
  name?: string;
}

/** The network `simulate` runs: a checkpoint folder, or `--weights` + `--recipe` (+ `--theta`). */
async function networkOf(opts: SimulateCliOptions): Promise<{ network: string | Checkpoint; name: string; checkpointHash: string }> {
  if ((opts.checkpoint === undefined) === (opts.weights === undefined))
    throw usageError('simulate: give exactly one of --checkpoint <dir> or --weights <file.mtx> (with --recipe)', { field: '--checkpoint' });
  if (opts.checkpoint !== undefined) {
    if (opts.recipe !== undefined || opts.theta !== undefined)
      throw usageError('simulate: --recipe and --theta go with --weights, not --checkpoint', { field: '--recipe' });
    return { network: opts.checkpoint, name: basename(resolve(opts.checkpoint)), checkpointHash: hashCheckpoint(opts.checkpoint) };
  }
  if (opts.recipe === undefined) throw usageError('simulate: --weights needs --recipe <name|path> for the neuron parameters', { field: '--recipe' });
  const ck = await checkpointFromWeights(opts.weights!, opts.recipe, opts.theta);
  return {
    network: ck,
    name: basename(opts.weights!).replace(/\.mtx$/i, ''),
    checkpointHash: hashValue({
      weightsSha256: createHash('sha256').update(readFileSync(opts.weights!)).digest('hex'),
      recipe: ck.recipeRaw,
      theta: Array.from(ck.theta),
    }),
  };
}

/**
 * A network to co-simulate from a weight matrix and a recipe: weights from the
 * `.mtx` file (absent entries are pruned synapses), the recipe's parameters with
 * its neuron count set to the matrix's columns, input delays drawn as training
 * would draw them (`initialSynapses`, the recipe's seed), and θ from `thetaFile`
 * (mV, one per neuron) or the recipe's `thetaInit`.
 */
async function checkpointFromWeights(file: string, recipeRef: string, thetaFile: string | undefined): Promise<Checkpoint> {
  const w = readMatrixMarket(file);
  const base = resolveRecipe(recipeRef);
  const raw = { ...base.raw, network: { ...((base.raw['network'] as Record<string, unknown> | undefined) ?? {}), neurons: w.cols } };
  const recipe = parseRecipe(raw);
  const ds = await recipeDataset(recipe, 'train');
  const nIn = inputSize(ds);
  if (w.rows !== nIn)
    throw new XsnnError(`simulate: the weights have ${w.rows} rows, but the recipe's data (${ds.name}) has ${nIn} inputs`, {
      file,
      expected: `${nIn} rows (one per input pixel)`,
    });
  const N = w.cols;
  const weights = new Float32Array(nIn * N);
  const mask = new Uint8Array(nIn * N);
  const wMax = recipe.network.input.wMax;
  for (let i = 0; i < w.rows; i++) {
    for (let k = w.rowPtr[i]!; k < w.rowPtr[i + 1]!; k++) {
      const v = w.values[k]!;
      if (!(v >= 0 && v <= wMax))
        throw new XsnnError(`simulate: weight (${i + 1}, ${w.colIdx[k]! + 1}) = ${v} is outside [0, w_max = ${wMax}] of the recipe`, { file });
      weights[i * N + w.colIdx[k]!] = v;
      mask[i * N + w.colIdx[k]!] = 1;
    }
  }
  const theta = new Float64Array(N).fill(recipe.network.threshold.thetaInit);
  if (thetaFile !== undefined) {
    const values = readFileSync(thetaFile, 'utf8')
      .split(/[\s,]+/)
      .filter((t) => t !== '')
      .map(Number);
    if (values.length !== N || values.some((v) => !Number.isFinite(v)))
      throw new XsnnError(`simulate: --theta needs ${N} finite numbers (mV, one per neuron), got ${values.length}`, { file: thetaFile });
    theta.set(values);
  }
  const synapses = mask.reduce((a, m) => a + m, 0);
  const distinct = new Set<number>();
  for (let k = 0; k < weights.length && distinct.size <= 256; k++) if (mask[k] === 1) distinct.add(weights[k]!);
  if (synapses < nIn * N) distinct.add(0);
  return {
    recipeName: base.name,
    recipeRaw: raw,
    recipe,
    seed: recipe.seed,
    xsnnVersion: version,
    dataset: { name: ds.name, sha256: ds.sha256, width: ds.width, height: ds.height, channels: ds.channels, classes: ds.classes },
    counts: {
      trainImages: 0,
      epochs: 0,
      presentations: 0,
      excSpikes: 0,
      synapses,
      prunedFraction: 1 - synapses / (nIn * N),
      levels: distinct.size <= 256 ? distinct.size : null,
    },
    nInputs: nIn,
    neurons: N,
    maxDelay: maxDelaySteps(recipe),
    weights,
    mask,
    delays: initialSynapses(recipe, nIn, recipe.seed).delays,
    theta,
  };
}
