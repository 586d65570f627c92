import { lstatSync, readlinkSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { XsnnError } from '../config/XsnnError.js';
import { ensureDir } from './ensureDir.js';
import { hashValue, sha256 } from './hash.js';
import { removeStaleTemps, tempPath } from './tempNames.js';

/**
 * Writes a set of files that belong together (a report's PDF, CSV and JSON) in one
 * folder so that a kill leaves the complete old set or the complete new set, never
 * a mix. Each file is a relative symbolic link `<name> -> .<set>.xsnn-current/<name>`,
 * and `.<set>.xsnn-current` is a link to a content-named folder
 * `.<set>.xsnn-set-<hash>` holding the real files: replacing that one link (a
 * rename) is the single commit point of the whole set. Folders of earlier sets and
 * temporaries of killed runs are removed afterwards.
 *
 * The first write of a set, or replacing plain files written by an older version,
 * needs one more rename per file after the commit (the new set appears file by
 * file, the last file named last).
 *
 * @param set - the name of the set (e.g. `report` for `report.pdf`, `report.csv`, `report.json`)
 * @param files - `[path, contents]`, all in the same folder; the last is linked last
 */
export function writeFileSetAtomic(set: string, files: ReadonlyArray<readonly [path: string, data: string | NodeJS.ArrayBufferView]>): void {
  const dir = dirname(files[0]![0]);
  if (files.some(([p]) => dirname(p) !== dir)) throw new XsnnError('writeFileSetAtomic: the files of a set must share one folder', { file: files[0]![0] });
  ensureDir(dir);
  const current = join(dir, `.${set}.xsnn-current`);
  // temporaries of killed runs: of the link, and of set folders being written
  removeStaleTemps(current);
  removeStaleTemps(join(dir, `.${set}.xsnn-set-`), { anyTargetStartingWith: true });
  const hash = hashValue(
    files.map(([p, d]) => [basename(p), sha256(typeof d === 'string' ? Buffer.from(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength))]),
  ).slice(0, 16);
  const setName = `.${set}.xsnn-set-${hash}`;
  if (!existsSync(join(dir, setName))) {
    const tmp = tempPath(join(dir, setName));
    mkdirSync(tmp);
    for (const [p, d] of files) writeFileSync(join(tmp, basename(p)), d);
    renameSync(tmp, join(dir, setName));
  }
  replaceWithLink(current, setName); // commit
  for (const [p] of files) {
    const target = join(basename(current), basename(p));
    if (linkTarget(p) !== target) replaceWithLink(p, target);
  }
  removeOldSets(dir, set, setName);
}

/** Where a symbolic link points, or null for anything else. */
function linkTarget(path: string): string | null {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : null;
  } catch {
    return null;
  }
}

function replaceWithLink(path: string, target: string): void {
  removeStaleTemps(path);
  const tmp = tempPath(path);
  symlinkSync(target, tmp);
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

function removeOldSets(dir: string, set: string, keep: string): void {
  const prefix = `.${set}.xsnn-set-`;
  for (const name of readdirSync(dir)) {
    if (name.startsWith(prefix) && name !== keep && /^[0-9a-f]{16}$/.test(name.slice(prefix.length))) rmSync(join(dir, name), { recursive: true, force: true });
  }
}
