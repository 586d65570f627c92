import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { ImageChunk } from './SharedImages.js';

/** Whether a compiled worker script is available (not when running TypeScript sources directly). */
export function workerScriptAvailable(url: URL, callerUrl: string): boolean {
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) && callerUrl.endsWith('.js');
}

/** Options of {@link runImageChunks}. */
export interface RunImageChunksOptions<R> {
  /** The Piscina worker module (its default export runs one {@link ImageChunk}). */
  readonly worker: URL;
  /** The pool's `workerData` (shared typed arrays are shared, not copied). */
  readonly workerData: unknown;
  readonly threads: number;
  /** Images, split into chunks of `chunk` images (the last may be shorter). */
  readonly count: number;
  readonly chunk: number;
  /** Called with each chunk's result as it finishes (never after a failure). */
  readonly onChunk: (result: R, a: number, b: number) => void;
}

/**
 * Runs images `[0, count)` in chunks on a Piscina pool of `threads` threads:
 * every chunk is queued at once and each thread takes the next one as it
 * finishes one. Resolves when all are done; the first error (of a task, or of
 * a thread that dies between tasks) rejects. The pool is destroyed before the
 * promise settles.
 */
export async function runImageChunks<R>(o: RunImageChunksOptions<R>): Promise<void> {
  const pool = new Piscina<ImageChunk, R>({ filename: o.worker.href, workerData: o.workerData, minThreads: o.threads, maxThreads: o.threads });
  let poolError: (err: unknown) => void = () => {};
  const failure = new Promise<never>((_, reject) => (poolError = reject));
  pool.on('error', (err) => poolError(err));
  let failed = false;
  const tasks: Promise<void>[] = [];
  for (let a = 0; a < o.count; a += o.chunk) {
    const b = Math.min(o.count, a + o.chunk);
    tasks.push(
      pool.run({ a, b }).then((r) => {
        if (!failed) o.onChunk(r, a, b);
      }),
    );
  }
  try {
    await Promise.race([Promise.all(tasks), failure]);
  } catch (err) {
    failed = true;
    throw err;
  } finally {
    // also rejects the chunks still queued or running (Promise.all and race handle those rejections)
    await pool.destroy();
  }
}
