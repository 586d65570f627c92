import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicWrite.js';
import { sha256 } from './hash.js';
import { TEMP_MARK } from './tempNames.js';

/** Options of {@link commitFilesInPlace}. */
export interface CommitFilesOptions {
  /** The data files, by their final names. */
  readonly files: ReadonlyArray<readonly [name: string, data: NodeJS.ArrayBufferView]>;
  /** Name of the manifest, the commit point (e.g. `manifest.json`). */
  readonly manifestName: string;
  /**
   * The manifest's text. `staged` maps a file's final name to the hidden name that
   * holds its bytes while the first manifest is current; `null` asks for the final
   * manifest, in which every file is at its final name.
   */
  readonly manifest: (staged: Readonly<Record<string, string>> | null) => string;
  /** Files of the old contents the new manifest no longer lists (removed at the end). */
  readonly obsolete?: ReadonlyArray<string>;
}

/** The hidden name that stages `name`'s new bytes: `.<name>.xsnn-staged-<sha256 prefix>`. */
export function stagedName(name: string, sha: string): string {
  return `.${name}.xsnn-staged-${sha.slice(0, 16)}`;
}

/**
 * Replaces the files of an existing folder (a checkpoint) so that at every instant
 * the folder holds the complete old contents or the complete new ones, with the
 * manifest as the single commit point:
 *
 * 1. each new file is written under a hidden, content-named staging name (old manifest current);
 * 2. a first new manifest naming the staged files is renamed over the old one (**commit**);
 * 3. each staged file is renamed to its final name (a reader of the first manifest
 *    finds a file at its staged name or, with the same SHA-256, at its final name);
 * 4. the final manifest (final names only) is renamed over the first;
 * 5. files the new manifest does not list, and staging files of killed runs, are removed.
 *
 * A kill before step 2 leaves the old contents (plus hidden staging files that the
 * next commit removes); any later kill leaves the new contents.
 */
export function commitFilesInPlace(dir: string, options: CommitFilesOptions): void {
  const staged: Record<string, string> = {};
  for (const [name, data] of options.files) {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    staged[name] = stagedName(name, sha256(bytes));
    writeFileAtomic(join(dir, staged[name]), bytes);
  }
  writeFileAtomic(join(dir, options.manifestName), options.manifest(staged));
  for (const [name] of options.files) renameSync(join(dir, staged[name]!), join(dir, name));
  writeFileAtomic(join(dir, options.manifestName), options.manifest(null));
  const keep = new Set(options.files.map(([n]) => n));
  for (const name of options.obsolete ?? []) if (!keep.has(name) && name !== options.manifestName) rmSync(join(dir, name), { force: true });
  // nothing is staged any more: the leftovers of this and of killed runs can go
  removeStaging(dir);
}

/** Removes staging files (`.<name>.xsnn-staged-…`) and temporaries of killed runs (only right after a final manifest is current). */
function removeStaging(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith('.')) continue;
    if (/\.xsnn-staged-[0-9a-f]{16}$/.test(name) || name.includes(TEMP_MARK)) rmSync(join(dir, name), { recursive: true, force: true });
  }
}
