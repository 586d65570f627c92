import { renameSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { XsnnError } from '../config/XsnnError.js';
import { ensureDir } from './ensureDir.js';
import { removeStaleTemps, tempPath } from './tempNames.js';

/**
 * Writes a file so that readers never see a partial one: write to a temporary
 * file in the same folder (`.<name>.xsnn-tmp-…`), then rename over the target. A kill
 * leaves the old file or the new one; the temporaries of killed runs are removed
 * by the next write of the same target.
 */
export function writeFileAtomic(path: string, data: string | NodeJS.ArrayBufferView): void {
  ensureDir(dirname(path));
  removeStaleTemps(path);
  const tmp = tempPath(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Writes a new directory atomically: the files go into a temporary sibling
 * directory, which is then renamed to `dir` (one rename: `dir` is absent or
 * complete). An existing `dir` is refused: replace the files of an existing folder
 * with a commit point instead (see `commitFilesInPlace`).
 */
export function writeDirAtomic(dir: string, files: ReadonlyArray<readonly [name: string, data: string | NodeJS.ArrayBufferView]>): void {
  if (existsSync(dir)) throw new XsnnError('writeDirAtomic: the folder exists already', { file: dir, expected: 'a path with nothing there' });
  ensureDir(dirname(dir));
  removeStaleTemps(dir);
  const tmp = tempPath(dir);
  try {
    mkdirSync(tmp);
    for (const [name, data] of files) writeFileSync(join(tmp, name), data);
    renameSync(tmp, dir);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
