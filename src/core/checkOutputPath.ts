import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { XsnnError } from '../config/XsnnError.js';
import { tempPath } from './tempNames.js';

/** What an output path must become. */
export type OutputKind = 'file' | 'dir';

/**
 * Checks, before any work starts, that `path` can receive an output of `kind`:
 * an existing path of the other kind (a folder where a file goes, a file where a
 * folder goes), a part of the path that is a file, and a location that cannot be
 * written (probed by creating and removing a temporary file in the nearest existing
 * folder) are {@link XsnnError}s naming the path. Nothing is left behind.
 */
export function checkOutputPath(path: string, kind: OutputKind, what = 'output'): void {
  const full = resolve(path);
  const here = kindOf(full);
  if (here !== 'none' && here !== kind) {
    throw new XsnnError(`${what}: the path is ${here === 'dir' ? 'a folder' : 'a file'}`, { file: path, expected: kind === 'dir' ? 'a folder' : 'a file' });
  }
  let cur = here === 'dir' ? full : dirname(full);
  for (;;) {
    const k = kindOf(cur);
    if (k === 'dir') break;
    if (k === 'file') throw new XsnnError(`${what}: a part of the path is a file, not a folder`, { file: cur, expected: 'a folder' });
    const up = dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  const probe = tempPath(resolve(cur, 'probe'));
  try {
    closeSync(openSync(probe, 'wx'));
    rmSync(probe, { force: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new XsnnError(`${what}: cannot write in ${cur} (${code})`, { file: path, expected: 'a writable location' }, { cause: err, code: 'io' });
  }
}

function kindOf(path: string): OutputKind | 'none' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'none';
  }
}
