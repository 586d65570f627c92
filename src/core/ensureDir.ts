import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { XsnnError } from '../config/XsnnError.js';

/**
 * Creates `dir` and its missing parents, one level at a time (a bounded loop:
 * Node's recursive mkdir never returns on paths such as `/proc/1/x/y`). A part of
 * the path that is a file, or a folder that cannot be created, is an
 * {@link XsnnError} naming it.
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  let cur = resolve(dir);
  for (;;) {
    const kind = kindOf(cur);
    if (kind === 'dir') break;
    if (kind === 'other') throw new XsnnError('cannot create a folder here: this part of the path is a file', { file: cur, expected: 'a folder' });
    missing.push(cur);
    const up = dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  for (let i = missing.length - 1; i >= 0; i--) {
    try {
      mkdirSync(missing[i]!);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && kindOf(missing[i]!) === 'dir') continue;
      throw new XsnnError(`cannot create folder: ${code ?? String(err)}`, { file: missing[i]!, expected: 'a writable location' }, { cause: err, code: 'io' });
    }
  }
}

function kindOf(path: string): 'dir' | 'other' | 'none' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'other';
  } catch {
    return 'none';
  }
}
