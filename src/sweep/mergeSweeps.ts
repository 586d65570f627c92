import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomicWrite.js';
import { checkOutputPath } from '../core/checkOutputPath.js';
import { canonicalJson } from '../core/hash.js';
import { XsnnError } from '../config/XsnnError.js';
import type { ResultLine } from './ResultLine.js';
import { readResultsLog } from './ResultsLog.js';
import { readSweepManifest, type SweepManifest } from './SweepManifest.js';

/** Options of {@link mergeSweeps}. */
export interface MergeSweepsOptions {
  /** Results folders (shard outputs) to combine. */
  readonly inputs: ReadonlyArray<string>;
  /** Folder to write (`sweep.json` + `results.jsonl`); its previous results of the same sweep are kept. */
  readonly outDir: string;
}

/** What {@link mergeSweeps} did. */
export interface MergeSummary {
  readonly outDir: string;
  readonly definitionHash: string;
  /** Distinct points in the merged results. */
  readonly points: number;
  /** Points of the whole sweep (from its manifest). */
  readonly pointCount: number;
  /** Lines dropped because their key was already present. */
  readonly duplicates: number;
  /** What was dropped without being an error: a shard's torn last line (a point killed while its line was written; rerun that shard's sweep to redo it). */
  readonly warnings: ReadonlyArray<string>;
}

/**
 * Combines sweep results folders (e.g. the shards of a Slurm array) into one:
 * all inputs must hold the same sweep definition (same definition hash), lines
 * are deduplicated by point key and written sorted by key, atomically. Two lines
 * with the same key but different records are an error (the evaluator was not
 * deterministic, or folders were tampered with).
 */
export function mergeSweeps(options: MergeSweepsOptions): MergeSummary {
  if (options.inputs.length === 0) throw new XsnnError('mergeSweeps: give at least one results folder');
  checkOutputPath(options.outDir, 'dir', 'merge --out');
  const warnings: string[] = [];
  let manifest: SweepManifest | null = null;
  let manifestDir = '';
  const sources = [...options.inputs];
  const out = readSweepManifest(options.outDir);
  if (out !== null) sources.push(options.outDir);
  const byKey = new Map<string, ResultLine>();
  let duplicates = 0;
  for (const dir of sources) {
    const m = readSweepManifest(dir);
    if (m === null) throw new XsnnError('not a sweep results folder (no sweep.json)', { file: dir });
    if (manifest === null) {
      manifest = m;
      manifestDir = dir;
    } else if (m.definitionHash !== manifest.definitionHash) {
      throw new XsnnError(
        `refusing to merge results of different sweep definitions: ${manifestDir} holds '${manifest.name}' (${manifest.definitionHash.slice(0, 12)}…), ${dir} holds '${m.name}' (${m.definitionHash.slice(0, 12)}…)`,
        {
          file: dir,
        },
      );
    }
    const log = readResultsLog(join(dir, 'results.jsonl'));
    if (log.tornBytes > 0)
      warnings.push(
        `${join(dir, 'results.jsonl')}: dropped a torn last line (${log.tornBytes} bytes, a point interrupted while saved); rerun that shard's sweep to evaluate it`,
      );
    for (const line of log.lines) {
      const prev = byKey.get(line.key);
      if (prev === undefined) byKey.set(line.key, line);
      else {
        duplicates++;
        if (canonicalJson(prev.record) !== canonicalJson(line.record)) {
          throw new XsnnError(`point ${line.key.slice(0, 12)}… has different results in two folders`, {
            file: dir,
            expected: 'identical records for the same point key',
          });
        }
      }
    }
  }
  const m = manifest!;
  const lines = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // results first: a folder whose sweep.json exists always has complete lines
  writeFileAtomic(join(options.outDir, 'results.jsonl'), lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  writeFileAtomic(join(options.outDir, 'sweep.json'), `${JSON.stringify(m, null, 2)}\n`);
  return { outDir: options.outDir, definitionHash: m.definitionHash, points: lines.length, pointCount: m.pointCount, duplicates, warnings };
}
