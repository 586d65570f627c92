import { XsnnError } from '../config/XsnnError.js';

/**
 * A labelled image set held as one contiguous byte array, the layout every
 * simulator loop reads: image k occupies `pixels[k*size … (k+1)*size)` with
 * `size = width * height * channels`, channel-major inside an image
 * (all of channel 0, then channel 1 — e.g. DoG ON then OFF).
 * Intensities are 0–255.
 */
export interface Dataset {
  /** Human-readable identity recorded in checkpoints, e.g. `mnist:train`. */
  readonly name: string;
  readonly width: number;
  readonly height: number;
  /** 1 for grayscale, 2 for DoG ON/OFF. */
  readonly channels: number;
  /** Number of images. */
  readonly count: number;
  /** `count × width × height × channels` intensities, 0–255. */
  readonly pixels: Uint8Array;
  /** `count` class indices. */
  readonly labels: Uint8Array;
  /** Number of classes; labels are in `[0, classes)`. */
  readonly classes: number;
  /** Optional class names, index = label. */
  readonly classNames?: ReadonlyArray<string>;
  /** SHA-256 of pixels and labels (hex), for provenance. */
  readonly sha256: string;
}

/** Number of input neurons an image of `ds` drives: width × height × channels. */
export function inputSize(ds: Pick<Dataset, 'width' | 'height' | 'channels'>): number {
  return ds.width * ds.height * ds.channels;
}

/** A view of the first `n` images of a dataset (no copy). */
export function takeImages(ds: Dataset, n: number): Dataset {
  if (!Number.isInteger(n) || n < 0) throw new XsnnError(`takeImages: n must be a whole number >= 0, got ${n}`);
  return n >= ds.count ? ds : sliceImages(ds, 0, n);
}

/** Images `[from, to)` of a dataset as a view (no copy); `to` is clamped to the count. */
export function sliceImages(ds: Dataset, from: number, to: number): Dataset {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from)
    throw new XsnnError(`sliceImages: expected whole numbers 0 <= from <= to, got ${from}, ${to}`);
  const end = Math.min(to, ds.count);
  const start = Math.min(from, end);
  if (start === 0 && end === ds.count) return ds;
  const size = inputSize(ds);
  return {
    ...ds,
    count: end - start,
    pixels: ds.pixels.subarray(start * size, end * size),
    labels: ds.labels.subarray(start, end),
    name: `${ds.name}[${start}:${end}]`,
  };
}
