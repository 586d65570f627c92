/**
 * What a worker pool that runs test images shares with its threads: the images
 * (a SharedArrayBuffer) with their random-stream identity, and where each image's
 * spike counts and presentation count go (SharedArrayBuffers, image-major).
 */
export interface SharedImages {
  readonly pixels: Uint8Array;
  /** Inputs per image. */
  readonly size: number;
  /** Index of the first image of `pixels` in its split (for its random streams). */
  readonly start: number;
  readonly seed: number;
  readonly stream: number;
  readonly outCounts: Uint16Array;
  readonly outPres: Uint16Array;
}

/** A worker task: images `[a, b)` of `pixels`. */
export interface ImageChunk {
  readonly a: number;
  readonly b: number;
}
