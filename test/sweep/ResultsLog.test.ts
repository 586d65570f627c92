import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResultsLog, ResultsAppender, expandSweep, loadSweepSpec, resolveSweep, type ResultLine } from '../../src/sweep/index.js';
import { makeSweepFixture } from './_support/sweepFixture.js';
import { recordFor } from './_support/testEvaluator.mjs';

function someLines(n: number): ResultLine[] {
  const pts = expandSweep(resolveSweep(loadSweepSpec(makeSweepFixture().spec))).slice(0, n);
  return pts.map((p) => ({
    key: p.key,
    finishedAt: '2026-01-01T00:00:00.000Z',
    elapsedS: 0.1,
    record: recordFor(p, { tiles: 3, synapses: 100 }),
  }));
}

describe('results log', () => {
  it('ignores a torn last line and cuts it off before appending', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xsnn-log-')), 'results.jsonl');
    const [a, b, c] = someLines(3) as [ResultLine, ResultLine, ResultLine];
    let log = ResultsAppender.open(file, 0);
    log.append(a);
    log.close();
    appendFileSync(file, JSON.stringify(b).slice(0, 50)); // a write cut short by a kill
    const read = readResultsLog(file);
    expect(read.lines.map((l) => l.key)).toEqual([a.key]);
    expect(read.tornBytes).toBe(50);
    log = ResultsAppender.open(file, read.validBytes);
    log.append(c);
    log.close();
    expect(readResultsLog(file).lines.map((l) => l.key)).toEqual([a.key, c.key]);
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(3);
  });

  it('rejects a corrupt line in the middle, naming file and line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xsnn-log-')), 'results.jsonl');
    const [a] = someLines(1) as [ResultLine];
    writeFileSync(file, `${JSON.stringify(a)}\n{"key": 3}\n`);
    expect(() => readResultsLog(file)).toThrow(/results\.jsonl:2: .*invalid results line/);
    writeFileSync(file, `garbage\n${JSON.stringify(a)}\n`);
    expect(() => readResultsLog(file)).toThrow(/results\.jsonl:1: corrupt results line/);
  });

  it('keeps the first line of a duplicated key', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xsnn-log-')), 'results.jsonl');
    const [a] = someLines(1) as [ResultLine];
    writeFileSync(file, `${JSON.stringify(a)}\n${JSON.stringify({ ...a, elapsedS: 9 })}\n`);
    const read = readResultsLog(file);
    expect(read.lines).toHaveLength(1);
    expect(read.lines[0]!.elapsedS).toBe(0.1);
    expect(read.duplicates).toBe(1);
  });
});
