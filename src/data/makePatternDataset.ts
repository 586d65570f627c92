import { Rng } from '../core/Rng.js';
import { sha256 } from '../core/hash.js';
import { XsnnError } from '../config/XsnnError.js';
import type { Dataset } from './Dataset.js';

/** Options of {@link makePatternDataset}; defaults are filled in there only. */
export interface PatternDatasetOptions {
  /**
   * Number of classes, 2–8.
   * @defaultValue 3
   */
  classes?: number | undefined;
  /**
   * Number of images.
   * @defaultValue 300
   */
  count?: number | undefined;
  /**
   * Image width in pixels, ≥ 8.
   * @defaultValue 16
   */
  width?: number | undefined;
  /**
   * Image height in pixels, ≥ 8.
   * @defaultValue 16
   */
  height?: number | undefined;
  /**
   * Standard deviation of the per-pixel Gaussian noise as a fraction of 255, in [0, 1].
   * @defaultValue 0.1
   */
  noise?: number | undefined;
  /**
   * Largest shift of a template, in whole pixels along each axis (uniform in [−jitter, jitter]), at most min(width, height)/8.
   * @defaultValue 1
   */
  jitter?: number | undefined;
  /**
   * Seed of labels, noise and jitter.
   * @defaultValue 0
   */
  seed?: number | undefined;
}

/**
 * A synthetic labelled image set for fast learning tests. Class `c` is a
 * bright bar (a "clock hand") pointing from the image centre at angle
 * `θ_c = 2πc / classes`, from radius `0.18·S` to `0.46·S` (`S = min(width,
 * height)`), thickness `0.15·S`, with anti-aliased edges: intensity
 * `255 · clamp(t/2 + 0.5 − d, 0, 1)` for a pixel centre at distance `d` from the
 * hand's axis segment and thickness `t`. Hands of different classes only meet
 * near their inner ends, so templates are well separated for up to 8 classes.
 *
 * Each image: a balanced label (`count` labels `k mod classes`, shuffled), its
 * template shifted by a whole-pixel jitter, plus Gaussian pixel noise with
 * standard deviation `noise·255`, clamped to 0–255 and rounded. All draws come
 * from one {@link Rng} seeded by `seed`: same options → identical bytes.
 */
export function makePatternDataset(options: PatternDatasetOptions = {}): Dataset {
  const fn = 'makePatternDataset';
  const classes = options.classes ?? 3;
  const count = options.count ?? 300;
  const width = options.width ?? 16;
  const height = options.height ?? 16;
  const noise = options.noise ?? 0.1;
  const jitter = options.jitter ?? 1;
  const seed = options.seed ?? 0;
  if (!(Number.isInteger(classes) && classes >= 2 && classes <= 8)) throw new XsnnError(`${fn}: classes must be a whole number in 2..8, got ${classes}`);
  if (!(Number.isInteger(count) && count >= 0)) throw new XsnnError(`${fn}: count must be a whole number >= 0, got ${count}`);
  if (!(Number.isInteger(width) && width >= 8 && Number.isInteger(height) && height >= 8)) {
    throw new XsnnError(`${fn}: width and height must be whole numbers >= 8, got ${width}x${height}`);
  }
  if (!(noise >= 0 && noise <= 1)) throw new XsnnError(`${fn}: noise must be in [0, 1], got ${noise}`);
  if (!(Number.isInteger(jitter) && jitter >= 0 && jitter <= Math.min(width, height) / 8)) {
    throw new XsnnError(
      `${fn}: jitter must be a whole number from 0 to an eighth of the image size (${Math.floor(Math.min(width, height) / 8)}), got ${jitter}`,
    );
  }
  if (!Number.isInteger(seed)) throw new XsnnError(`${fn}: seed must be a whole number, got ${seed}`);

  const rng = new Rng(seed);
  const labels = new Uint8Array(count);
  for (let k = 0; k < count; k++) labels[k] = k % classes;
  rng.shuffle(labels);

  const plane = width * height;
  const pixels = new Uint8Array(count * plane);
  const sigma = noise * 255;
  for (let k = 0; k < count; k++) {
    const dx = jitter > 0 ? rng.int(2 * jitter + 1) - jitter : 0;
    const dy = jitter > 0 ? rng.int(2 * jitter + 1) - jitter : 0;
    const c = labels[k]!;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let v = patternIntensity(c, classes, x - dx, y - dy, width, height);
        if (sigma > 0) v += sigma * rng.normal();
        v = Math.round(v);
        pixels[k * plane + y * width + x] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  return {
    name: `patterns:c${classes}:n${count}:${width}x${height}:noise${noise}:jitter${jitter}:seed${seed}`,
    width,
    height,
    channels: 1,
    count,
    pixels,
    labels,
    classes,
    classNames: Array.from({ length: classes }, (_, c) => `hand${c}`),
    sha256: sha256(Buffer.concat([pixels, labels])),
  };
}

/** Noise-free template intensity (0–255) of class `c` at pixel (x, y). */
export function patternIntensity(c: number, classes: number, x: number, y: number, width: number, height: number): number {
  const s = Math.min(width, height);
  const theta = (2 * Math.PI * c) / classes;
  const ux = Math.cos(theta);
  const uy = Math.sin(theta);
  const px = x + 0.5 - width / 2;
  const py = y + 0.5 - height / 2;
  const r0 = 0.18 * s;
  const r1 = 0.46 * s;
  const t = 0.15 * s;
  // Distance from (px, py) to the segment from r0·u to r1·u.
  const along = Math.min(r1, Math.max(r0, px * ux + py * uy));
  const d = Math.hypot(px - along * ux, py - along * uy);
  const a = t / 2 + 0.5 - d;
  return 255 * (a < 0 ? 0 : a > 1 ? 1 : a);
}
