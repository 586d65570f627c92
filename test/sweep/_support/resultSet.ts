import { join } from 'node:path';
import { canonicalJson } from '../../../src/core/hash.js';
import { readResultsLog } from '../../../src/sweep/index.js';

/** A results folder's lines as sorted `key → record JSON` pairs (run-time fields dropped). */
export function resultSet(dir: string): string[] {
  return readResultsLog(join(dir, 'results.jsonl'))
    .lines.map((l) => `${l.key} ${canonicalJson(l.record)}`)
    .sort();
}
