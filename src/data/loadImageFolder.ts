import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createProgress } from '../core/progress.js';
import { Rng } from '../core/Rng.js';
import { sha256 } from '../core/hash.js';
import { XsnnError } from '../config/XsnnError.js';
import type { Dataset } from './Dataset.js';
import { decodeGray } from './decodeGray.js';
import { dogFilter, dogToOnOff, type DogOptions } from './dogFilter.js';
import { resizeArea, type SourceRect } from './resizeArea.js';

/** Options of {@link loadImageFolder}; defaults are filled in by {@link loadImageFolder} only. */
export interface LoadImageFolderOptions {
  /** Folder with one sub-folder of images per class (e.g. Caltech-101's `101_ObjectCategories`). */
  dir: string;
  /** Target width in pixels. */
  width: number;
  /** Target height in pixels. */
  height: number;
  /**
   * Difference-of-Gaussians preprocessing; when given the dataset has 2 channels (ON, OFF).
   * @defaultValue none (1 grayscale channel)
   */
  dog?: DogOptions | undefined;
  /**
   * Class sub-folders to use; label = position in this list.
   * @defaultValue every sub-folder, sorted by name (code-unit order)
   */
  classes?: ReadonlyArray<string> | undefined;
  /**
   * `stretch` resizes the whole image to width×height; `cover` first takes the largest centred crop of the target aspect ratio.
   * @defaultValue `stretch`
   */
  fit?: 'stretch' | 'cover' | undefined;
  /**
   * Which part of a per-class random split to return.
   * @defaultValue `all`
   */
  split?: 'all' | 'train' | 'test' | undefined;
  /**
   * Fraction of each class's images that goes to the test part.
   * @defaultValue 0.5
   */
  testFraction?: number | undefined;
  /**
   * Keep at most this many images per class (after the split, in split order).
   * @defaultValue all
   */
  perClass?: number | undefined;
  /**
   * Shuffle the image order (classes interleaved); otherwise class by class.
   * @defaultValue `true`
   */
  shuffle?: boolean | undefined;
  /**
   * Seed of the split and the shuffle.
   * @defaultValue 0
   */
  seed?: number | undefined;
  /**
   * Keep only the first `limit` images of the final order.
   * @defaultValue all
   */
  limit?: number | undefined;
}

/** File name endings read as images (case-insensitive); other files are ignored. */
export const IMAGE_EXTENSIONS: ReadonlyArray<string> = ['.png', '.jpg', '.jpeg'];

const STREAM_SPLIT = 0x5b1;
const STREAM_ORDER = 0x0de;

/**
 * Loads a folder of labelled images as a {@link Dataset}: one sub-folder per
 * class, PNG or JPEG files inside (hidden files and other endings are ignored).
 *
 * Pipeline per image, all in floating point until the final rounding:
 * 1. decode and convert to ITU-R BT.601 luma `Y = 0.299R + 0.587G + 0.114B` ({@link decodeGray});
 * 2. resize to width×height by area averaging ({@link resizeArea}), after a
 *    centred crop to the target aspect ratio when `fit: 'cover'`;
 * 3. without `dog`: round to 0–255, one channel. With `dog`: DoG filter
 *    ({@link dogFilter}), then ON = max(DoG, 0) and OFF = max(−DoG, 0) scaled
 *    to 0–255 ({@link dogToOnOff}: by default per image, the largest |DoG| maps
 *    to 255), stored channel-major: ON plane then OFF plane, so
 *    `inputSize = 2·width·height`.
 *
 * Split: each class's files (sorted by name) are permuted with a generator
 * seeded by `seed` and the class name, and the first `round(n·testFraction)`
 * form the test part, so a class's split does not depend on which other classes
 * are loaded. Then `perClass`, then the shuffle (seeded by `seed`), then `limit`.
 * Only the selected files are decoded. Same files and options → byte-identical
 * pixels.
 *
 * @throws {@link XsnnError} for a missing folder, no class sub-folders, an unknown
 * class name, a class with no images, an unreadable or corrupt image (naming
 * the file), bad options.
 */
export async function loadImageFolder(options: LoadImageFolderOptions): Promise<Dataset> {
  const o = resolveFolderOptions(options);
  const classNames = chooseClasses(o.dir, options.classes);
  const selected = selectFiles(o, classNames);
  const channels = o.dog === undefined ? 1 : 2;
  const size = o.width * o.height * channels;
  const pixels = new Uint8Array(selected.length * size);
  const labels = new Uint8Array(selected.length);
  const progress = createProgress(selected.length, `loading images {bar} {value}/{total}`);
  for (let k = 0; k < selected.length; k++) {
    const { file, label } = selected[k]!;
    await decodeInto(o, file, pixels, k * size);
    labels[k] = label;
    progress.update(k + 1);
  }
  progress.stop();
  const { dir, width, height, fit, split, dog } = o;
  const pre = dog === undefined ? 'gray' : `dog${dog.sigmaCenter}-${dog.sigmaSurround}`;
  return {
    name: `images:${basename(dir)}:${split}:${width}x${height}${fit === 'cover' ? ':cover' : ''}:${pre}`,
    width,
    height,
    channels,
    count: selected.length,
    pixels,
    labels,
    classes: classNames.length,
    classNames,
    sha256: sha256(Buffer.concat([pixels, labels])),
  };
}

/** {@link LoadImageFolderOptions} with every default filled in and the folder resolved. */
interface ResolvedFolderOptions {
  readonly dir: string;
  readonly width: number;
  readonly height: number;
  readonly dog: LoadImageFolderOptions['dog'];
  readonly fit: 'stretch' | 'cover';
  readonly split: 'all' | 'train' | 'test';
  readonly testFraction: number;
  readonly shuffle: boolean;
  readonly seed: number;
  readonly perClass: number | undefined;
  readonly limit: number | undefined;
}

/** Checks the options (before anything is read) and fills the defaults, in one place. */
function resolveFolderOptions(options: LoadImageFolderOptions): ResolvedFolderOptions {
  const fn = 'loadImageFolder';
  const { width, height, dog } = options;
  const fit = options.fit ?? 'stretch';
  const split = options.split ?? 'all';
  const testFraction = options.testFraction ?? 0.5;
  const seed = options.seed ?? 0;
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
    throw new XsnnError(`${fn}: width and height must be whole numbers > 0, got ${width}x${height}`);
  }
  if (fit !== 'stretch' && fit !== 'cover') throw new XsnnError(`${fn}: fit must be 'stretch' or 'cover', got ${String(fit)}`);
  if (split !== 'all' && split !== 'train' && split !== 'test') throw new XsnnError(`${fn}: split must be 'all', 'train' or 'test', got ${String(split)}`);
  if (!(testFraction >= 0 && testFraction <= 1)) throw new XsnnError(`${fn}: testFraction must be in [0, 1], got ${testFraction}`);
  if (!Number.isInteger(seed)) throw new XsnnError(`${fn}: seed must be a whole number, got ${seed}`);
  for (const [name, v] of [
    ['perClass', options.perClass],
    ['limit', options.limit],
  ] as const) {
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) throw new XsnnError(`${fn}: ${name} must be a whole number >= 0, got ${v}`);
  }
  if (dog !== undefined) {
    // Validate the DoG settings before any decoding (dogFilter checks them again per image).
    dogFilter(new Float32Array(1), 1, 1, dog);
    if (dog.gain !== undefined && !(Number.isFinite(dog.gain) && dog.gain > 0)) throw new XsnnError(`${fn}: dog.gain must be a number > 0, got ${dog.gain}`);
  }
  const dir = resolve(options.dir);
  return { dir, width, height, dog, fit, split, testFraction, shuffle: options.shuffle ?? true, seed, perClass: options.perClass, limit: options.limit };
}

/** The class folders to load: all of `dir`'s (sorted) or the requested ones, each checked to exist. */
function chooseClasses(dir: string, requested: readonly string[] | undefined): string[] {
  const fn = 'loadImageFolder';
  const available = listClassFolders(dir);
  let classNames: string[];
  if (requested === undefined) {
    classNames = available;
    if (classNames.length === 0) throw new XsnnError('image folder has no class sub-folders', { file: dir, expected: 'one sub-folder of images per class' });
  } else {
    classNames = [...requested];
    if (classNames.length === 0) throw new XsnnError(`${fn}: classes must name at least one sub-folder`);
    if (new Set(classNames).size !== classNames.length) throw new XsnnError(`${fn}: classes lists a folder twice: ${classNames.join(', ')}`);
    for (const c of classNames) {
      if (!available.includes(c)) {
        throw new XsnnError(`unknown class '${c}'`, { file: dir, expected: available.length > 0 ? `one of ${available.join(', ')}` : 'class sub-folders' });
      }
    }
  }
  if (classNames.length > 256) throw new XsnnError(`${fn}: at most 256 classes fit in a byte label, got ${classNames.length}`, { file: dir });
  return classNames;
}

/** The files to decode with their labels: per class the split part, then `perClass`, then the shuffle, then `limit`. */
function selectFiles(o: ResolvedFolderOptions, classNames: readonly string[]): Array<{ file: string; label: number }> {
  const chosen: Array<{ file: string; label: number }> = [];
  classNames.forEach((cls, label) => {
    const folder = join(o.dir, cls);
    const files = listImages(folder);
    if (files.length === 0) throw new XsnnError(`class '${cls}' has no images`, { file: folder, expected: `files ending in ${IMAGE_EXTENSIONS.join(', ')}` });
    let part = files;
    if (o.split !== 'all') {
      const perm = files.slice();
      new Rng(o.seed, STREAM_SPLIT, nameHash(cls)).shuffle(perm);
      const nTest = Math.round(files.length * o.testFraction);
      part = o.split === 'test' ? perm.slice(0, nTest) : perm.slice(nTest);
    }
    if (o.perClass !== undefined) part = part.slice(0, o.perClass);
    for (const f of part) chosen.push({ file: join(folder, f), label });
  });
  if (o.shuffle) new Rng(o.seed, STREAM_ORDER).shuffle(chosen);
  return o.limit === undefined ? chosen : chosen.slice(0, o.limit);
}

/** Reads, decodes, resizes (and DoG-filters) one image into `pixels[offset …]`. */
async function decodeInto(o: ResolvedFolderOptions, file: string, pixels: Uint8Array, offset: number): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new XsnnError(`unreadable image: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file });
  }
  const img = await decodeGray(bytes, file);
  const rect = o.fit === 'cover' ? coverRect(img.width, img.height, o.width, o.height) : undefined;
  const resized = resizeArea(img.gray, img.width, img.height, o.width, o.height, rect);
  if (o.dog !== undefined) {
    dogToOnOff(dogFilter(resized, o.width, o.height, o.dog), o.dog.gain, pixels, offset);
    return;
  }
  const plane = o.width * o.height;
  for (let i = 0; i < plane; i++) {
    const v = Math.round(resized[i]!);
    pixels[offset + i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
}

function listClassFolders(dir: string): string[] {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new XsnnError('not a folder', { file: dir, expected: 'a folder with one sub-folder per class' });
    entries = readdirSync(dir);
  } catch (err) {
    if (err instanceof XsnnError) throw err;
    throw new XsnnError(`cannot read image folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file: dir });
  }
  return entries.filter((e) => !e.startsWith('.') && statSync(join(dir, e)).isDirectory()).sort(byCodeUnits);
}

function listImages(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => !f.startsWith('.') && IMAGE_EXTENSIONS.some((ext) => f.toLowerCase().endsWith(ext)))
    .sort(byCodeUnits);
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** FNV-1a hash of a class name: the split stream of that class. */
function nameHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** Largest centred crop of `srcW×srcH` with the aspect ratio of `dstW×dstH`. */
function coverRect(srcW: number, srcH: number, dstW: number, dstH: number): SourceRect {
  const target = dstW / dstH;
  if (srcW / srcH > target) {
    const w = srcH * target;
    return { x: (srcW - w) / 2, y: 0, width: w, height: srcH };
  }
  const h = srcW / target;
  return { x: 0, y: (srcH - h) / 2, width: srcW, height: h };
}
