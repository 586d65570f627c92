/**
 * A memo of computed values by key, shared by the calls that are handed it (the
 * sweep's `SharedWork` is one: in memory per worker, and on disk for the others).
 * `compute` runs only when no value is kept under `key`; the key must name
 * everything the value depends on.
 */
export interface WorkCache {
  get<T>(key: string, compute: () => T | Promise<T>, options?: { readonly persist?: boolean }): Promise<T>;
}
