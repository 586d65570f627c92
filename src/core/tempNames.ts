import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';

/** The marker every temporary name xsnn creates carries: `.<target>.xsnn-tmp-<pid>-<thread>-<n>`. */
export const TEMP_MARK = '.xsnn-tmp-';

let counter = 0;

/**
 * A fresh temporary path beside `target` (same folder, so a rename is atomic):
 * hidden, named after the target, and recognisably ours (`.report.pdf.xsnn-tmp-<pid>-<thread>-<n>`),
 * so {@link removeStaleTemps} can clean up after a killed run.
 */
export function tempPath(target: string): string {
  counter++;
  return join(dirname(target), `.${basename(target)}${TEMP_MARK}${process.pid}-${threadId}-${counter}`);
}

/** Our temporary names for `base` (current and earlier versions' `.base.tmp-<pid>-<thread>-<n>`) with the pid that made them. */
function tempOwner(name: string, base: string): number | null {
  const prefix = `.${base}`;
  if (!name.startsWith(prefix)) return null;
  const m = /^(?:\.xsnn-tmp-|\.tmp-)(\d+)-\d+-\d+$/.exec(name.slice(prefix.length));
  return m === null ? null : Number(m[1]);
}

/** Like {@link tempOwner} for any target whose name starts with `prefix`. */
function tempOwnerByPrefix(name: string, prefix: string): number | null {
  if (!name.startsWith(`.${prefix}`)) return null;
  const m = /(?:\.xsnn-tmp-|\.tmp-)(\d+)-\d+-\d+$/.exec(name);
  return m === null ? null : Number(m[1]);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files and folders that a killed run left beside `target`:
 * only names {@link tempPath} makes for this target, and only those whose process
 * is gone (a concurrent run's temporaries are left alone). With
 * `anyTargetStartingWith`, the temporaries of every target whose name starts with
 * `basename(target)` go too. Returns the names removed.
 */
export function removeStaleTemps(target: string, options: { readonly anyTargetStartingWith?: boolean } = {}): string[] {
  const dir = dirname(target);
  const base = basename(target);
  const owner = options.anyTargetStartingWith === true ? (name: string) => tempOwnerByPrefix(name, base) : (name: string) => tempOwner(name, base);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = owner(name);
    if (pid === null || alive(pid)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
