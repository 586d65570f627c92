import { closeSync, existsSync, fsyncSync, openSync, readFileSync, ftruncateSync, writeSync } from 'node:fs';
import { XsnnError } from '../config/XsnnError.js';
import { zodIssues } from '../config/zodIssues.js';
import { ResultLineSchema, type ResultLine } from './ResultLine.js';

/** What {@link readResultsLog} found in a `results.jsonl`. */
export interface ResultsLogContents {
  /** Complete lines, first occurrence of each key, in file order. */
  readonly lines: ResultLine[];
  /** Bytes up to the end of the last complete line. */
  readonly validBytes: number;
  /** Bytes of a torn last line (a write cut short by a crash), ignored. */
  readonly tornBytes: number;
  /** Lines whose key appeared earlier (ignored). */
  readonly duplicates: number;
}

/**
 * Reads a results log. A last line without its newline (a write cut short by a
 * kill) is ignored; any other unreadable line is an `XsnnError` naming file and
 * line. A missing file reads as empty.
 */
export function readResultsLog(path: string): ResultsLogContents {
  if (!existsSync(path)) return { lines: [], validBytes: 0, tornBytes: 0, duplicates: 0 };
  const buf = readFileSync(path);
  const end = buf.lastIndexOf(0x0a) + 1;
  const text = buf.subarray(0, end).toString('utf8');
  const lines: ResultLine[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.trim() === '') continue;
    let data: unknown;
    try {
      data = JSON.parse(row);
    } catch {
      throw new XsnnError('corrupt results line (not JSON)', { file: path, line: i + 1, expected: 'one JSON object per line' });
    }
    const parsed = ResultLineSchema.safeParse(data);
    if (!parsed.success) {
      throw new XsnnError(
        zodIssues(parsed.error, { file: path, locate: () => ({ file: path, line: i + 1 }), prefix: 'invalid results line: ' }),
        {},
        { cause: parsed.error },
      );
    }
    if (seen.has(parsed.data.key)) {
      duplicates++;
      continue;
    }
    seen.add(parsed.data.key);
    lines.push(parsed.data);
  }
  return { lines, validBytes: end, tornBytes: buf.length - end, duplicates };
}

/**
 * Appends result lines durably: each line is one `write()` of the whole line on
 * a descriptor opened with `O_APPEND`, followed by `fsync`, so a kill leaves
 * either the whole line or a torn tail that {@link readResultsLog} ignores and
 * {@link ResultsAppender.open} cuts off.
 */
export class ResultsAppender {
  private fd: number | null;

  private constructor(fd: number) {
    this.fd = fd;
  }

  /** Opens `path` for appending, first truncating a torn last line, if any. */
  static open(path: string, validBytes: number): ResultsAppender {
    if (existsSync(path)) {
      const fd = openSync(path, 'r+');
      try {
        ftruncateSync(fd, validBytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    return new ResultsAppender(openSync(path, 'a'));
  }

  /** Appends one line (JSON of `line` + newline) and syncs it to disk. */
  append(line: ResultLine): void {
    if (this.fd === null) throw new XsnnError('ResultsAppender.append: log is closed');
    const bytes = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
    let off = 0;
    while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off);
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
