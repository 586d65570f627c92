import { Rng } from '../../core/Rng.js';
import type { SnnNetwork } from '../SnnNetwork.js';

/** Options of {@link respondImages}. */
export interface RespondImagesOptions {
  readonly net: SnnNetwork;
  readonly pixels: Uint8Array;
  /** Where image `start` begins in `pixels`. */
  readonly pixelOffset: number;
  readonly size: number;
  /** Images `[start, end)`, by their index in the split (their random streams). */
  readonly start: number;
  readonly end: number;
  readonly seed: number;
  readonly stream: number;
  /** Output: spike counts, image `start + i` at `(outOffset + i) · neurons`. */
  readonly counts: Uint16Array;
  /** Output: presentations, image `start + i` at `outOffset + i`. */
  readonly presentations: Uint16Array;
  /** @defaultValue 0 */
  readonly outOffset?: number;
}

/**
 * Runs images through a network in test mode in this thread and writes their
 * spike counts; image k's input is drawn from `new Rng(seed, stream, k)` and the
 * state is reset before it, so each image's response is independent of the others.
 */
export function respondImages(o: RespondImagesOptions): void {
  const { net, pixels, size, start, end, seed, stream, counts, presentations } = o;
  const outOffset = o.outOffset ?? 0;
  const N = net.neurons;
  for (let k = start; k < end; k++) {
    const r = net.inferImage(pixels, o.pixelOffset + (k - start) * size, new Rng(seed, stream, k));
    const out = (outOffset + k - start) * N;
    for (let j = 0; j < N; j++) counts[out + j] = r.counts[j]!;
    presentations[outOffset + k - start] = Math.min(65535, r.presentations);
  }
}
