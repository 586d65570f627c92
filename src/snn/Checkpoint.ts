import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeDirAtomic } from '../core/atomicWrite.js';
import { canonicalJson, sha256 } from '../core/hash.js';
import { XsnnError } from '../config/XsnnError.js';
import { csrFromDense, type CsrMatrix } from '../core/CsrMatrix.js';
import { parseRecipe, type SnnRecipe } from './SnnRecipe.js';

/** Format name written in every manifest. */
export const CHECKPOINT_FORMAT = 'xsnn-snn-checkpoint';
/** Current format version; loading refuses other versions. */
export const CHECKPOINT_VERSION = 1;

/** What the network was trained on. */
export interface DatasetIdentity {
  readonly name: string;
  readonly sha256: string;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly classes: number;
}

/** Counters recorded at the end of training (no timings, so checkpoints are reproducible). */
export interface TrainingCounts {
  readonly trainImages: number;
  readonly epochs: number;
  readonly presentations: number;
  readonly excSpikes: number;
  readonly synapses: number;
  readonly prunedFraction: number;
  /** Number of distinct weight levels of the surviving synapses (incl. level 0 for pruned), or null if not quantized. */
  readonly levels: number | null;
}

/**
 * A trained network: everything needed to run it in test mode and to map it.
 * Arrays are dense row-major `[input][neuron]` (`nInputs × neurons`).
 */
export interface Checkpoint {
  readonly recipeName: string;
  /** The recipe after `extends:` merging, as written (unit strings); re-validated on load. */
  readonly recipeRaw: Record<string, unknown>;
  /** The validated recipe (ms, mV, Hz). */
  readonly recipe: SnnRecipe;
  readonly seed: number;
  readonly xsnnVersion: string;
  readonly dataset: DatasetIdentity;
  readonly counts: TrainingCounts;
  readonly nInputs: number;
  readonly neurons: number;
  /** Maximum delay in steps. */
  readonly maxDelay: number;
  /** Weights, float32; pruned synapses are 0. */
  readonly weights: Float32Array;
  /** 1 = synapse present, 0 = pruned. */
  readonly mask: Uint8Array;
  /** Delays in steps. */
  readonly delays: Uint8Array;
  /** Adaptive thresholds θ in mV (float64). */
  readonly theta: Float64Array;
  /** Neuron class labels (−1 = none), if assigned. */
  readonly labels?: Int8Array;
  /** How `labels` were assigned: test-mode responses to the first `labelImages` training images, input seed `seed`. */
  readonly labelSource?: { readonly labelImages: number; readonly seed: number };
}

interface FileEntry {
  name: string;
  dtype: 'f32' | 'f64' | 'u8' | 'i8';
  shape: number[];
  bytes: number;
  sha256: string;
}

/** The manifest.json of a checkpoint directory. */
export interface CheckpointManifest {
  format: string;
  formatVersion: number;
  xsnnVersion: string;
  recipeName: string;
  recipe: Record<string, unknown>;
  recipeResolved: SnnRecipe;
  seed: number;
  dataset: DatasetIdentity;
  counts: TrainingCounts;
  nInputs: number;
  neurons: number;
  maxDelay: number;
  labelSource?: { labelImages: number; seed: number };
  files: FileEntry[];
}

const BYTES: Record<FileEntry['dtype'], number> = { f32: 4, f64: 8, u8: 1, i8: 1 };

function bytesOf(a: Float32Array | Float64Array | Uint8Array | Int8Array): Uint8Array {
  // typed arrays are little-endian on every platform Node supports (checked below)
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('xsnn checkpoints require a little-endian platform');

/**
 * Writes a checkpoint directory atomically: `manifest.json` (format, version,
 * xsnn version, recipe, seed, dataset identity, counts, and for each array file
 * its dtype, shape and SHA-256) plus raw little-endian arrays `weights.f32`,
 * `mask.u8`, `delays.u8`, `theta.f64` and, if assigned, `labels.i8`.
 * Contains no timestamps: the same recipe and seed give a byte-identical directory.
 */
export function saveCheckpoint(dir: string, ck: Checkpoint): void {
  validateArrays(ck, dir);
  const arrays: Array<[string, FileEntry['dtype'], number[], Float32Array | Float64Array | Uint8Array | Int8Array]> = [
    ['weights.f32', 'f32', [ck.nInputs, ck.neurons], ck.weights],
    ['mask.u8', 'u8', [ck.nInputs, ck.neurons], ck.mask],
    ['delays.u8', 'u8', [ck.nInputs, ck.neurons], ck.delays],
    ['theta.f64', 'f64', [ck.neurons], ck.theta],
  ];
  if (ck.labels !== undefined) arrays.push(['labels.i8', 'i8', [ck.neurons], ck.labels]);
  const files: FileEntry[] = arrays.map(([name, dtype, shape, a]) => ({ name, dtype, shape, bytes: a.byteLength, sha256: sha256(bytesOf(a)) }));
  const manifest: CheckpointManifest = {
    format: CHECKPOINT_FORMAT,
    formatVersion: CHECKPOINT_VERSION,
    xsnnVersion: ck.xsnnVersion,
    recipeName: ck.recipeName,
    recipe: ck.recipeRaw,
    recipeResolved: ck.recipe,
    seed: ck.seed,
    dataset: ck.dataset,
    counts: ck.counts,
    nInputs: ck.nInputs,
    neurons: ck.neurons,
    maxDelay: ck.maxDelay,
    ...(ck.labels !== undefined && ck.labelSource !== undefined ? { labelSource: ck.labelSource } : {}),
    files,
  };
  const json = `${JSON.stringify(JSON.parse(canonicalJson(manifest)), null, 2)}\n`;
  writeDirAtomic(dir, [['manifest.json', json], ...arrays.map(([name, , , a]) => [name, bytesOf(a)] as const)]);
}

function validateArrays(ck: Checkpoint, where: string): void {
  const nn = ck.nInputs * ck.neurons;
  const bad = (p: string): never => {
    throw new XsnnError(`checkpoint: ${p}`, { file: where });
  };
  if (ck.weights.length !== nn || ck.mask.length !== nn || ck.delays.length !== nn)
    bad(`weights, mask and delays must have ${ck.nInputs}x${ck.neurons} entries`);
  if (ck.theta.length !== ck.neurons) bad(`theta must have ${ck.neurons} entries`);
  if (ck.labels !== undefined && ck.labels.length !== ck.neurons) bad(`labels must have ${ck.neurons} entries`);
}

/**
 * Loads and verifies a checkpoint directory: format name and version, the
 * manifest's fields, each file's size, shape and SHA-256, finite non-negative
 * weights, pruned weights 0, delays ≤ maxDelay, finite θ, labels in range.
 * Anything wrong is an {@link XsnnError} naming the file.
 */
export function loadCheckpoint(dir: string): Checkpoint {
  const mfile = join(dir, 'manifest.json');
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new XsnnError('not a checkpoint directory', { file: dir, expected: 'a directory written by `xsnn train`' });
  let m: CheckpointManifest;
  try {
    m = JSON.parse(readFileSync(mfile, 'utf8')) as CheckpointManifest;
  } catch (err) {
    throw new XsnnError(`damaged checkpoint manifest: ${err instanceof Error ? err.message : String(err)}`, { file: mfile });
  }
  const fail = (file: string, problem: string, extra: { field?: string; expected?: string; received?: string } = {}): never => {
    throw new XsnnError(`damaged checkpoint: ${problem}`, { file, ...extra });
  };
  if (m === null || typeof m !== 'object') fail(mfile, 'manifest is not a JSON object');
  if (m.format !== CHECKPOINT_FORMAT) fail(mfile, 'not an xsnn SNN checkpoint', { field: 'format', expected: CHECKPOINT_FORMAT, received: String(m.format) });
  if (m.formatVersion !== CHECKPOINT_VERSION)
    fail(mfile, 'unsupported checkpoint format version', { field: 'formatVersion', expected: String(CHECKPOINT_VERSION), received: String(m.formatVersion) });
  for (const key of ['nInputs', 'neurons', 'maxDelay', 'seed'] as const) {
    if (!Number.isInteger(m[key]) || m[key] < 0) fail(mfile, 'bad manifest field', { field: key, expected: 'a whole number' });
  }
  if (!Array.isArray(m.files)) fail(mfile, 'missing file list', { field: 'files' });
  let recipe: SnnRecipe;
  try {
    recipe = parseRecipe(m.recipe);
  } catch (err) {
    throw new XsnnError(`damaged checkpoint: stored recipe is invalid: ${err instanceof Error ? err.message : String(err)}`, { file: mfile, field: 'recipe' });
  }
  if (recipe.network.neurons !== m.neurons) fail(mfile, 'recipe neurons disagree with the manifest', { field: 'neurons' });
  const nn = m.nInputs * m.neurons;
  const expectShape: Record<string, [FileEntry['dtype'], number[]]> = {
    'weights.f32': ['f32', [m.nInputs, m.neurons]],
    'mask.u8': ['u8', [m.nInputs, m.neurons]],
    'delays.u8': ['u8', [m.nInputs, m.neurons]],
    'theta.f64': ['f64', [m.neurons]],
    'labels.i8': ['i8', [m.neurons]],
  };
  const read = (name: string, required: boolean): Uint8Array | undefined => {
    const entry = m.files.find((f) => f.name === name);
    const file = join(dir, name);
    if (entry === undefined) {
      if (required) fail(mfile, `manifest does not list ${name}`, { field: 'files' });
      return undefined;
    }
    const [dtype, shape] = expectShape[name]!;
    if (entry.dtype !== dtype || !Array.isArray(entry.shape) || entry.shape.join('x') !== shape.join('x')) {
      fail(file, 'wrong dtype or shape in the manifest', {
        expected: `${dtype} ${shape.join('x')}`,
        received: `${String(entry.dtype)} ${Array.isArray(entry.shape) ? entry.shape.join('x') : '?'}`,
      });
    }
    const size = shape.reduce((a, b) => a * b, 1) * BYTES[dtype];
    let buf: Buffer;
    try {
      buf = readFileSync(file);
    } catch (err) {
      return fail(file, `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    if (buf.length !== size) fail(file, 'wrong file size', { expected: `${size} bytes`, received: `${buf.length} bytes` });
    if (sha256(buf) !== entry.sha256) fail(file, 'SHA-256 does not match the manifest (file modified or corrupt)');
    // copy into an aligned buffer
    const out = new Uint8Array(new ArrayBuffer(buf.length));
    out.set(buf);
    return out;
  };
  const wb = read('weights.f32', true)!;
  const weights = new Float32Array(wb.buffer);
  const mask = read('mask.u8', true)!;
  const delays = read('delays.u8', true)!;
  const theta = new Float64Array(read('theta.f64', true)!.buffer);
  const lb = read('labels.i8', false);
  const labels = lb === undefined ? undefined : new Int8Array(lb.buffer);
  // (normalisation may leave weights not touched by STDP above w_max, as in DC1: no upper check)
  for (let k = 0; k < nn; k++) {
    const x = weights[k]!;
    if (!Number.isFinite(x) || x < 0)
      fail(join(dir, 'weights.f32'), `weight ${x} at index ${k} (input ${Math.floor(k / m.neurons)}, neuron ${k % m.neurons}) is out of range`, {
        expected: 'a finite weight >= 0',
      });
    if (mask[k]! > 1) fail(join(dir, 'mask.u8'), `mask value ${mask[k]} at index ${k}`, { expected: '0 or 1' });
    if (mask[k] === 0 && x !== 0) fail(join(dir, 'weights.f32'), `pruned synapse ${k} has a non-zero weight ${x}`);
    if (delays[k]! > m.maxDelay) fail(join(dir, 'delays.u8'), `delay ${delays[k]} at index ${k} exceeds maxDelay ${m.maxDelay}`);
  }
  for (let j = 0; j < m.neurons; j++) if (!Number.isFinite(theta[j]!)) fail(join(dir, 'theta.f64'), `non-finite theta at neuron ${j}`);
  if (labels !== undefined)
    for (let j = 0; j < m.neurons; j++)
      if (labels[j]! < -1 || labels[j]! >= m.dataset.classes) fail(join(dir, 'labels.i8'), `label ${labels[j]} of neuron ${j} out of range`);
  const ck: Checkpoint = {
    recipeName: m.recipeName,
    recipeRaw: m.recipe,
    recipe,
    seed: m.seed,
    xsnnVersion: m.xsnnVersion,
    dataset: m.dataset,
    counts: m.counts,
    nInputs: m.nInputs,
    neurons: m.neurons,
    maxDelay: m.maxDelay,
    weights,
    mask,
    delays,
    theta,
    ...(labels !== undefined ? { labels } : {}),
    ...(labels !== undefined && m.labelSource !== undefined ? { labelSource: m.labelSource } : {}),
  };
  return ck;
}

/**
 * The surviving input→E synapses of a checkpoint as a {@link CsrMatrix}
 * (rows = inputs, cols = E neurons; pruned synapses absent), for the crossbar mapper.
 */
export function checkpointCsr(ck: Pick<Checkpoint, 'weights' | 'mask' | 'nInputs' | 'neurons'>): CsrMatrix {
  return csrFromDense(ck.weights, ck.nInputs, ck.neurons, ck.mask);
}
