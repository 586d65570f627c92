import { XsnnError } from '../config/XsnnError.js';

/**
 * A share of a sweep: shard `k` of `n`. `k` is 1-based (1…n); `k = 0` is read as
 * `n`, so 0-based indices 0…n−1 (Kubernetes `JOB_COMPLETION_INDEX`, Slurm
 * `--array=0-(n-1)`) cover every shard exactly once too.
 */
export interface Shard {
  /** 1-based shard index, 1…n. */
  readonly k: number;
  readonly n: number;
}

/** Parses `"k/n"` (see {@link Shard}); anything else is an `XsnnError`. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const k = m === null ? NaN : Number(m[1]);
  const n = m === null ? NaN : Number(m[2]);
  if (!(n >= 1) || !(k >= 0) || k > n) {
    throw new XsnnError(`parseShard: bad shard ${JSON.stringify(text)}`, {
      expected: 'k/n with n >= 1 and 1 <= k <= n (1-based; 0 means n, so 0-based 0..n-1 works too), e.g. "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT"',
    });
  }
  return { k: k === 0 ? n : k, n };
}

/**
 * The deterministic share of `items` for `shard`: contiguous blocks of the
 * canonical point order (so the points of a simulation group mostly stay together);
 * shard k gets items [⌊(k−1)·P/n⌋, ⌊k·P/n⌋). The n shares partition the items.
 */
export function selectShard<T>(items: ReadonlyArray<T>, shard: Shard): T[] {
  const p = items.length;
  return items.slice(Math.floor(((shard.k - 1) * p) / shard.n), Math.floor((shard.k * p) / shard.n));
}
