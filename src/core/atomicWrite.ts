import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { threadId } from 'node:worker_threads';

let counter = 0;
function tmpName(path: string): string {
  counter++;
  // pid and thread id: worker threads (piscina) each have their own counter.
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${threadId}-${counter}`);
}

/**
 * Writes a file so that readers never see a partial one: write to a temporary
 * file in the same folder, then rename over the target.
 */
export function writeFileAtomic(path: string, data: string | NodeJS.ArrayBufferView): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tmpName(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Writes a whole directory atomically: the files go into a temporary sibling
 * directory, which then replaces `dir` (an existing `dir` is removed only after
 * the new one is complete).
 */
export function writeDirAtomic(dir: string, files: ReadonlyArray<readonly [name: string, data: string | NodeJS.ArrayBufferView]>): void {
  mkdirSync(dirname(dir), { recursive: true });
  const tmp = tmpName(dir);
  try {
    mkdirSync(tmp, { recursive: true });
    for (const [name, data] of files) writeFileSync(join(tmp, name), data);
    if (existsSync(dir)) {
      const old = tmpName(dir);
      renameSync(dir, old);
      renameSync(tmp, dir);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(tmp, dir);
    }
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
