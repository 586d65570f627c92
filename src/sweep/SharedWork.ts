import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { sha256 } from '../core/hash.js';
import { writeFileAtomic } from '../core/atomicWrite.js';

/**
 * Work shared between sweep points (a mapping per network and crossbar size,
 * event counts reused across devices), computed once. Values live in memory for
 * the points of one worker and, unless `persist: false`, on disk under the
 * sweep's `cache/` folder (v8 serialization: plain objects, arrays, typed arrays,
 * Maps), so other workers, shards on the same disk and reruns reuse them.
 *
 * The key must name everything the value depends on, e.g.
 * `hashValue({ what: 'mapping', checkpointHash, rows, cols, mapper })`.
 */
export interface SharedWork {
  get<T>(key: string, compute: () => T | Promise<T>, options?: { readonly persist?: boolean }): Promise<T>;
}

/** Options of {@link createSharedWork}. */
export interface SharedWorkOptions {
  /** Folder of the on-disk cache; `null` keeps values in memory only. */
  readonly cacheDir: string | null;
  /** Values kept in memory (least recently used dropped first). Default 32. */
  readonly maxEntries?: number;
}

/** Creates a {@link SharedWork} cache (see there). */
export function createSharedWork(options: SharedWorkOptions): SharedWork {
  const maxEntries = options.maxEntries ?? 32;
  const memo = new Map<string, Promise<unknown>>();
  return {
    get<T>(key: string, compute: () => T | Promise<T>, opts: { readonly persist?: boolean } = {}): Promise<T> {
      const hit = memo.get(key);
      if (hit !== undefined) {
        memo.delete(key);
        memo.set(key, hit);
        return hit as Promise<T>;
      }
      const persist = opts.persist !== false && options.cacheDir !== null;
      const file = persist ? join(options.cacheDir, `${sha256(key)}.v8`) : '';
      const value = (async (): Promise<T> => {
        if (persist && existsSync(file)) {
          try {
            return deserialize(readFileSync(file)) as T;
          } catch {
            // unreadable cache entry: compute it again below
          }
        }
        const v = await compute();
        if (persist) writeFileAtomic(file, serialize(v));
        return v;
      })();
      memo.set(key, value);
      value.catch(() => memo.delete(key));
      while (memo.size > maxEntries) memo.delete(memo.keys().next().value as string);
      return value;
    },
  };
}
