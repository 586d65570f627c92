import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeDirAtomic } from '../core/atomicWrite.js';
import { commitFilesInPlace } from '../core/commitFilesInPlace.js';
import { canonicalJson, sha256 } from '../core/hash.js';
import { XsnnError } from '../config/XsnnError.js';
import type { SnnRecipe } from './SnnRecipe.js';

/** Format name of a training snapshot's manifest. */
export const SNAPSHOT_FORMAT = 'xsnn-snn-training-snapshot';
/** Current snapshot format version; resuming refuses others. */
export const SNAPSHOT_VERSION = 1;

/** Running totals of a training run at the snapshot. */
export interface SnapshotCounters {
  readonly presentations: number;
  readonly spikes: number;
  readonly windowSpikes: number;
  readonly windowImages: number;
  readonly quantized: boolean;
}

/** What a run must agree with to resume from a snapshot. */
export interface SnapshotIdentity {
  readonly xsnnVersion: string;
  readonly recipeName: string;
  readonly recipe: SnnRecipe;
  readonly seed: number;
  readonly dataset: { readonly name: string; readonly sha256: string };
  readonly trainImages: number;
  readonly epochs: number;
}

type SnapshotArray = Float32Array | Float64Array | Uint8Array | Int32Array;

/** The whole state of a training run after `imagesDone` images (arrays by name, see {@link saveTrainingSnapshot}). */
export interface TrainingSnapshot extends SnapshotIdentity {
  readonly imagesDone: number;
  /** The network's global step counter. */
  readonly step: number;
  readonly counters: SnapshotCounters;
  readonly arrays: Readonly<Record<string, SnapshotArray>>;
}

const DTYPES = { f32: Float32Array, f64: Float64Array, u8: Uint8Array, i32: Int32Array } as const;
type Dtype = keyof typeof DTYPES;

interface SnapshotFile {
  readonly name: string;
  readonly dtype: Dtype;
  readonly length: number;
  readonly sha256: string;
  /** While a replacement is half-way: the hidden name holding this file's new bytes. */
  readonly staged?: string;
}

function dtypeOf(a: SnapshotArray): Dtype {
  if (a instanceof Float32Array) return 'f32';
  if (a instanceof Float64Array) return 'f64';
  if (a instanceof Int32Array) return 'i32';
  return 'u8';
}

function bytesOf(a: SnapshotArray): Uint8Array {
  // a copy: the arrays may live in SharedArrayBuffers
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice();
}

/**
 * Writes a training snapshot directory atomically (the old snapshot stays
 * complete until the new one replaces it): `manifest.json` (format, version,
 * xsnn version, the resolved recipe, seed, dataset identity, images done,
 * counters, each array's dtype, length and SHA-256) and one raw little-endian
 * file per array (`<name>.<dtype>`).
 */
export function saveTrainingSnapshot(dir: string, s: TrainingSnapshot): void {
  assertSnapshotTarget(dir);
  const entries = Object.entries(s.arrays).map(([name, a]) => {
    const bytes = bytesOf(a);
    const file: SnapshotFile = { name, dtype: dtypeOf(a), length: a.length, sha256: sha256(bytes) };
    return { file, bytes };
  });
  const manifest = {
    format: SNAPSHOT_FORMAT,
    formatVersion: SNAPSHOT_VERSION,
    xsnnVersion: s.xsnnVersion,
    recipeName: s.recipeName,
    recipe: s.recipe,
    seed: s.seed,
    dataset: s.dataset,
    trainImages: s.trainImages,
    epochs: s.epochs,
    imagesDone: s.imagesDone,
    step: s.step,
    counters: s.counters,
    files: entries.map((e) => e.file),
  };
  const fileName = (f: SnapshotFile): string => `${f.name}.${f.dtype}`;
  const files = entries.map((e) => [fileName(e.file), e.bytes] as const);
  // `staged` (while the first manifest of a replacement is current): where each file's new bytes are
  const manifestText = (staged: Readonly<Record<string, string>> | null): string => {
    const listed = staged === null ? entries.map((e) => e.file) : entries.map((e) => ({ ...e.file, staged: staged[fileName(e.file)]! }));
    return `${JSON.stringify(JSON.parse(canonicalJson({ ...manifest, files: listed })), null, 2)}\n`;
  };
  // a new snapshot appears in one rename; a later one replaces it with the manifest as the
  // commit point, so a kill at any moment leaves the complete old or the complete new snapshot
  if (!existsSync(dir)) writeDirAtomic(dir, [['manifest.json', manifestText(null)], ...files]);
  else commitFilesInPlace(dir, { files, manifestName: 'manifest.json', manifest: manifestText });
}

/** Throws unless `dir` is free or holds a training snapshot (a snapshot replaces only an older snapshot, never other files). */
export function assertSnapshotTarget(dir: string): void {
  if (existsSync(dir) && !isTrainingSnapshot(dir)) {
    throw new XsnnError('will not write a training snapshot over a path that is not one', {
      file: dir,
      expected: 'a new path or an earlier training snapshot',
    });
  }
}

/** The manifest of the training snapshot in `dir`, or null when `dir` holds none (no manifest, not JSON, another format). */
function snapshotManifest(dir: string): Record<string, unknown> | null {
  try {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown> | null;
    return m?.format === SNAPSHOT_FORMAT ? m : null;
  } catch {
    return null;
  }
}

/** Whether `dir` holds a training snapshot (a manifest of {@link SNAPSHOT_FORMAT}); anything else is not ours. */
export function isTrainingSnapshot(dir: string): boolean {
  return snapshotManifest(dir) !== null;
}

/**
 * The epoch count of the run that wrote the snapshot in `dir` (what a resumed
 * run takes unless told otherwise), or null when `dir` holds no readable
 * snapshot ({@link loadTrainingSnapshot} then says why).
 */
export function snapshotEpochs(dir: string): number | null {
  const epochs = snapshotManifest(dir)?.epochs;
  return typeof epochs === 'number' && Number.isInteger(epochs) && epochs >= 1 ? epochs : null;
}

/**
 * Loads a training snapshot and checks it belongs to the run `expect`
 * describes: same format version, xsnn version, resolved recipe, seed,
 * dataset and images per epoch; every file's length and SHA-256. The epoch
 * count may differ (a run can be lengthened or shortened on resume), as long
 * as the snapshot is not past the run's last image.
 * Anything else is an {@link XsnnError} naming the snapshot and the field.
 */
export function loadTrainingSnapshot(dir: string, expect: SnapshotIdentity): TrainingSnapshot {
  const mfile = join(dir, 'manifest.json');
  if (!existsSync(dir) || !statSync(dir).isDirectory() || !existsSync(mfile)) {
    throw new XsnnError('no training snapshot to resume from', { file: dir, expected: 'a directory written by `xsnn train --snapshot-every`' });
  }
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(readFileSync(mfile, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new XsnnError(`training snapshot manifest is not JSON (${(err as Error).message})`, { file: mfile });
  }
  const refuse = (field: string, expected: string, received: unknown): never => {
    throw new XsnnError(`cannot resume: the snapshot's ${field} differs from this run's`, {
      file: mfile,
      field,
      expected,
      received: typeof received === 'string' ? received : JSON.stringify(received),
    });
  };
  if (m.format !== SNAPSHOT_FORMAT) refuse('format', SNAPSHOT_FORMAT, m.format);
  if (m.formatVersion !== SNAPSHOT_VERSION) refuse('formatVersion', String(SNAPSHOT_VERSION), m.formatVersion);
  if (m.xsnnVersion !== expect.xsnnVersion) refuse('xsnnVersion', expect.xsnnVersion, m.xsnnVersion);
  if (canonicalJson(m.recipe) !== canonicalJson(expect.recipe))
    refuse('recipe', `recipe '${expect.recipeName}' as resolved now`, `recipe '${String(m.recipeName)}'`);
  if (m.seed !== expect.seed) refuse('seed', String(expect.seed), m.seed);
  const ds = m.dataset as { sha256?: unknown } | undefined;
  if (ds?.sha256 !== expect.dataset.sha256) refuse('dataset', `${expect.dataset.name} (sha256 ${expect.dataset.sha256})`, m.dataset);
  if (m.trainImages !== expect.trainImages) refuse('trainImages', String(expect.trainImages), m.trainImages);
  // the epoch count may change on resume (nothing before the last image depends on it), but not to an end already passed
  const end = expect.trainImages * expect.epochs;
  if (typeof m.imagesDone !== 'number' || m.imagesDone > end) {
    refuse(
      'epochs',
      `a snapshot taken at or before this run's end (${expect.epochs} epoch(s) = ${end} images)`,
      `a snapshot after ${String(m.imagesDone)} images`,
    );
  }
  const arrays: Record<string, SnapshotArray> = {};
  for (const f of (m.files ?? []) as SnapshotFile[]) {
    // a snapshot whose replacement was killed after its commit lists where the new bytes are staged
    const staged = typeof f.staged === 'string' && f.staged !== '' && existsSync(join(dir, f.staged)) ? join(dir, f.staged) : null;
    const path = staged ?? join(dir, `${f.name}.${f.dtype}`);
    const Ctor = DTYPES[f.dtype];
    if (Ctor === undefined) throw new XsnnError(`unknown dtype '${String(f.dtype)}'`, { file: mfile, field: 'files' });
    if (!existsSync(path)) throw new XsnnError('snapshot file missing', { file: path });
    const bytes = readFileSync(path);
    if (bytes.byteLength !== f.length * Ctor.BYTES_PER_ELEMENT || sha256(bytes) !== f.sha256) {
      throw new XsnnError('snapshot file is damaged (size or SHA-256 differs from the manifest)', { file: path });
    }
    const a = new Ctor(f.length);
    new Uint8Array(a.buffer).set(bytes);
    arrays[f.name] = a;
  }
  return {
    ...expect,
    imagesDone: m.imagesDone as number,
    step: m.step as number,
    counters: m.counters as SnapshotCounters,
    arrays,
  };
}
