/** Random-stream identifiers: `new Rng(seed, STREAM.x, imageIndex)` (see Rng/deriveSeed). */
export const STREAM = {
  /** Initial weights and delays. */
  init: 1,
  /** Poisson input of training image k (epoch e: stream index e·count + k). */
  train: 2,
  /** Poisson input of label-pass image k (test mode). */
  label: 3,
  /** Poisson input of test image k (test mode). */
  test: 4,
  /** Stochastic rounding at the periodic quantization after image count k (stream index k). */
  quantize: 5,
} as const;
