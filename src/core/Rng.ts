import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

const TWO_POW_M26 = 1.4901161193847656e-8;
const TWO_POW_M53 = 1.1102230246251565e-16;

/**
 * Mixes a seed and stream identifiers into one 32-bit seed (splitmix32-style
 * avalanche), so independent streams (per image, per device sample, per tile)
 * can be derived from one user seed without sharing state.
 */
export function deriveSeed(seed: number, ...streams: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  const mix = (x: number): number => {
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return (x ^ (x >>> 16)) >>> 0;
  };
  h = mix(h);
  for (const s of streams) h = mix((h + Math.imul((s | 0) ^ 0x27d4eb2f, 0x165667b1)) >>> 0);
  return h | 0;
}

/**
 * Seeded pseudo-random numbers (xoroshiro128+ from pure-rand). Every random draw
 * in xsnn comes from one of these, so a seed gives byte-identical results.
 */
export class Rng {
  private readonly gen: Generator;
  private spareNormal = Number.NaN;

  constructor(seed: number, ...streams: number[]) {
    this.gen = xoroshiro128plus(streams.length > 0 ? deriveSeed(seed, ...streams) : seed | 0);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.gen.next() & 0x3ffffff;
    const b = this.gen.next() & 0x7ffffff;
    return a * TWO_POW_M26 + b * TWO_POW_M53;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal deviate (Box–Muller, pairs cached). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const v = this.spareNormal;
      this.spareNormal = Number.NaN;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** In-place Fisher–Yates shuffle. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}
