import { basename, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { createProgress } from '../../core/progress.js';
import { explainSimulation, formatSimulation } from '../../cosim/formatSimulation.js';
import { simulate, type SimulationResult } from '../../cosim/simulate.js';
import { simulationRecord } from '../../cosim/simulationRecord.js';
import { neurosimCrossCheck } from '../../energy/neurosimCrossCheck.js';
import { hashCheckpoint } from '../../sweep/hashCheckpoint.js';
import { ResultRecordSchema } from '../../core/ResultRecord.js';
import { parseIntOption, printJson } from '../output.js';

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

/** A commander parser for a finite number ≥ 0 (e.g. σ). */
export function parseNonNegativeNumber(name: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value.trim().endsWith('%') ? Number(value.trim().slice(0, -1)) / 100 : value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${name} expects a number >= 0 (e.g. 0.05 or 5%), got "${value}"`);
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
  if (!Number.isInteger(n) || n < 1 || n > 24)
    throw new InvalidArgumentError(`--weight-bits expects "device" or a whole number of bits in 1..24, got "${value}"`);
  return n;
}

/** A commander parser for `--mode`: `accelerated` or `realtime`. */
export function parseMode(value: string): 'accelerated' | 'realtime' {
  if (value === 'accelerated' || value === 'realtime') return value;
  throw new InvalidArgumentError(`--mode expects "accelerated" or "realtime", got "${value}"`);
}

/** Adds the co-simulation options to a command. */
export function addCosimOptions(cmd: Command): Command {
  return cmd
    .option('--device <preset>', "device preset name or YAML path (default: the crossbar preset's device)")
    .requiredOption('--crossbar <preset|RxC>', 'crossbar preset name, YAML path, or RxC (e.g. 64x64)')
    .option('--algorithm <name>', 'mapping algorithm (default: packer, the best of all)')
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
    .option('--samples <n>', 'Monte Carlo device samples (independent variation and fault draws)', parseIntOption('--samples', 1))
    .option('--sigma <s>', "device-to-device variation sigma, fraction of G_max - G_min (default: the device preset's)", parseNonNegativeNumber('--sigma'))
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
    .option('--json', 'print the result as JSON (simulate: a sweep ResultRecord)')
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
export async function runCosim(checkpoint: string, opts: CosimCliOptions, label = 'simulate'): Promise<SimulationResult> {
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
    .requiredOption('--checkpoint <dir>', 'checkpoint directory written by `xsnn train`')
    .option('--name <name>', 'network name in the JSON record (default: the checkpoint folder name)');
  addCosimOptions(cmd).action(async (opts: CosimCliOptions & { checkpoint: string; name?: string }) => {
    const r = await runCosim(opts.checkpoint, opts);
    if (opts.json === true) {
      const record = simulationRecord(r, { name: opts.name ?? basename(resolve(opts.checkpoint)), checkpointHash: hashCheckpoint(opts.checkpoint) });
      printJson(ResultRecordSchema.parse(record));
      return;
    }
    process.stdout.write(formatSimulation(r));
    if (opts.explain === true) process.stdout.write(`\n${explainSimulation(r)}\n${crossCheckText()}`);
  });
}
