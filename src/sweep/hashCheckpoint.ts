import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { hashValue, sha256 } from '../core/hash.js';
import { XsnnError } from '../config/XsnnError.js';

/**
 * Content hash of a checkpoint: of a file's bytes, or of a folder's files
 * (relative paths sorted, each with the sha256 of its bytes; hidden files and
 * temporary files skipped). Moving or copying a checkpoint keeps its hash.
 */
export function hashCheckpoint(path: string): string {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new XsnnError('hashCheckpoint: no checkpoint at this path', { file: path, expected: 'a checkpoint folder or file' });
  }
  if (st.isFile()) return sha256(readFileSync(path));
  const files: Array<[string, string]> = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const full = join(dir, name);
      const s = statSync(full);
      if (s.isDirectory()) walk(full);
      else if (s.isFile()) files.push([relative(path, full).split('\\').join('/'), sha256(readFileSync(full))]);
    }
  };
  walk(path);
  if (files.length === 0) throw new XsnnError('hashCheckpoint: checkpoint folder is empty', { file: path });
  return hashValue(files);
}
