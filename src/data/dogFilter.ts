import { XsnnError } from '../config/XsnnError.js';

/** Difference-of-Gaussians settings (sizes in pixels of the resized image). */
export interface DogOptions {
  /** Standard deviation of the centre Gaussian, pixels (> 0). */
  sigmaCenter: number;
  /** Standard deviation of the surround Gaussian, pixels (> sigmaCenter). */
  sigmaSurround: number;
  /**
   * Kernel half-width in pixels; both kernels span `2·radius+1` taps.
   * @defaultValue `ceil(3·sigmaSurround)`
   */
  radius?: number | undefined;
  /**
   * How ON/OFF responses become 0–255 intensities. Default (`undefined`): per
   * image, `255 · r / max|DoG|` where `max|DoG|` is taken over both channels (an
   * image whose max|DoG| is below 1e-3 grey levels counts as flat: all zeros).
   * A number: fixed gain on the luma scale, `min(255, gain · r)`, comparable
   * across images.
   */
  gain?: number | undefined;
}

/**
 * Difference-of-Gaussians filter of a single-channel row-major image:
 *
 *     DoG = G_σc * I − G_σs * I
 *
 * Each Gaussian is sampled, `g(k) ∝ exp(−k² / 2σ²)` for `|k| ≤ radius`, and
 * normalised to sum 1, then applied separably (rows, then columns) with
 * clamp-to-edge borders. The kernel therefore sums to 0: a uniform image gives 0
 * everywhere, including the borders. Positive values are ON-centre responses (a
 * bright spot on a darker surround), negative ones OFF-centre.
 */
export function dogFilter(gray: Float32Array, width: number, height: number, options: DogOptions): Float32Array {
  const { sigmaCenter, sigmaSurround } = options;
  if (gray.length !== width * height) throw new XsnnError(`dogFilter: expected ${width}x${height}=${width * height} pixels, got ${gray.length}`);
  if (!(Number.isFinite(sigmaCenter) && sigmaCenter > 0)) throw new XsnnError(`dogFilter: sigmaCenter must be a number > 0, got ${sigmaCenter}`);
  if (!(Number.isFinite(sigmaSurround) && sigmaSurround > sigmaCenter)) {
    throw new XsnnError(`dogFilter: sigmaSurround must be greater than sigmaCenter (${sigmaCenter}), got ${sigmaSurround}`);
  }
  const radius = options.radius ?? Math.ceil(3 * sigmaSurround);
  if (!(Number.isInteger(radius) && radius >= 1)) throw new XsnnError(`dogFilter: radius must be a whole number >= 1, got ${radius}`);
  const center = blur(gray, width, height, gaussianKernel(sigmaCenter, radius));
  const surround = blur(gray, width, height, gaussianKernel(sigmaSurround, radius));
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = center[i]! - surround[i]!;
  return out;
}

/**
 * Splits a DoG response into ON = max(DoG, 0) and OFF = max(−DoG, 0), scaled to
 * 0–255 and rounded as documented on {@link DogOptions.gain}, written
 * channel-major (`width·height` ON values, then as many OFF values) into `out`
 * at `offset`.
 */
export function dogToOnOff(dog: Float32Array, gain: number | undefined, out: Uint8Array, offset = 0): void {
  const n = dog.length;
  if (out.length < offset + 2 * n) throw new XsnnError(`dogToOnOff: output holds ${out.length - offset} values, needs ${2 * n}`);
  let scale: number;
  if (gain === undefined) {
    let max = 0;
    for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(dog[i]!));
    scale = max > FLAT_RESPONSE ? 255 / max : 0;
  } else {
    if (!(Number.isFinite(gain) && gain > 0)) throw new XsnnError(`dogToOnOff: gain must be a number > 0, got ${gain}`);
    scale = gain;
  }
  for (let i = 0; i < n; i++) {
    const v = dog[i]! * scale;
    out[offset + i] = v > 0 ? Math.min(255, Math.round(v)) : 0;
    out[offset + n + i] = v < 0 ? Math.min(255, Math.round(-v)) : 0;
  }
}

/**
 * Largest |DoG| (grey levels) still read as a flat image by the per-image rule:
 * floating-point rounding leaves residues of ~1e-14 on a uniform image, which
 * must not be stretched to 255.
 */
const FLAT_RESPONSE = 1e-3;

function gaussianKernel(sigma: number, radius: number): Float64Array {
  const k = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const v = Math.exp(-(i * i) / (2 * sigma * sigma));
    k[i + radius] = v;
    sum += v;
  }
  for (let i = 0; i < k.length; i++) k[i] = k[i]! / sum;
  return k;
}

function blur(src: Float32Array, width: number, height: number, kernel: Float64Array): Float64Array {
  const r = (kernel.length - 1) / 2;
  const tmp = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let k = -r; k <= r; k++) {
        const xx = x + k < 0 ? 0 : x + k >= width ? width - 1 : x + k;
        acc += src[y * width + xx]! * kernel[k + r]!;
      }
      tmp[y * width + x] = acc;
    }
  }
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let k = -r; k <= r; k++) {
        const yy = y + k < 0 ? 0 : y + k >= height ? height - 1 : y + k;
        acc += tmp[yy * width + x]! * kernel[k + r]!;
      }
      out[y * width + x] = acc;
    }
  }
  return out;
}
