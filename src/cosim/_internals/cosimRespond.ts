import { Rng } from '../../core/Rng.js';
import type { SnnNetwork } from '../../snn/SnnNetwork.js';
import type { CrossbarDrive } from '../CrossbarDrive.js';

/** Options of {@link cosimRespond}. */
export interface CosimRespondOptions {
  readonly net: SnnNetwork;
  /** The network's drive first, then its counting-only observers. */
  readonly drives: ReadonlyArray<CrossbarDrive>;
  /** Images, image k at `k · size`. */
  readonly pixels: Uint8Array;
  readonly size: number;
  /** Index of `pixels`' first image in its split (its random streams). */
  readonly start: number;
  /** Images `[from, to)` of `pixels`. */
  readonly from: number;
  readonly to: number;
  readonly seed: number;
  readonly stream: number;
  /** Output: `images × neurons` spike counts, image k at `k · neurons`. */
  readonly counts: Uint16Array;
  /** Output: presentations of image k at `k`. */
  readonly presentations: Uint16Array;
}

/**
 * Runs images `[from, to)` of `pixels` (global index `start + k`) through a
 * co-simulated network, in this thread: each image starts from rest with
 * `new Rng(seed, stream, start + k)` exactly as `xsnn eval` does
 * (`SnnNetwork.inferImage`), and each accepted presentation's output spikes are
 * counted as routed from their neuron's home tile.
 */
export function cosimRespond(o: CosimRespondOptions): void {
  const { net, drives, pixels, size, start, seed, stream, counts, presentations } = o;
  const N = net.neurons;
  for (let k = o.from; k < o.to; k++) {
    for (const d of drives) d.beginImage(stream, start + k);
    const r = net.inferImage(pixels, k * size, new Rng(seed, stream, start + k));
    const out = k * N;
    for (let j = 0; j < N; j++) counts[out + j] = r.counts[j]!;
    for (const d of drives) d.addOutputSpikes(r.counts);
    presentations[k] = Math.min(65535, r.presentations);
  }
}
