import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csrToDense } from '../../src/core/CsrMatrix.js';
import { formatMatrixMarket, parseMatrixMarket, readMatrixMarket } from '../../src/mapping/index.js';
import { errorOf } from '../_support/errorOf.js';

const HEAD = '%%MatrixMarket matrix coordinate real general';

describe('parseMatrixMarket', () => {
  it('reads a real coordinate matrix with comments and blank lines, entries in any order', () => {
    const w = parseMatrixMarket(`${HEAD}\n% a comment\n\n2 3 3\n2 3 -1.5\n1 2 0.25\n\n1 1 0\n`);
    expect([w.rows, w.cols]).toEqual([2, 3]);
    expect(Array.from(w.rowPtr)).toEqual([0, 2, 3]);
    expect(Array.from(w.colIdx)).toEqual([0, 1, 2]);
    expect(Array.from(csrToDense(w))).toEqual([0, 0.25, 0, 0, 0, -1.5]);
  });

  it('keeps an explicit 0 as a synapse', () => {
    const w = parseMatrixMarket(`${HEAD}\n1 1 1\n1 1 0\n`);
    expect(w.rowPtr[1]).toBe(1);
  });

  it('reads pattern matrices as weight 1 and integer matrices', () => {
    const p = parseMatrixMarket('%%MatrixMarket matrix coordinate pattern general\n2 2 2\n1 2\n2 1\n');
    expect(Array.from(p.values)).toEqual([1, 1]);
    const q = parseMatrixMarket('%%MatrixMarket matrix coordinate integer general\n1 2 1\n1 2 7\n');
    expect(Array.from(q.values)).toEqual([7]);
  });

  it('round-trips through formatMatrixMarket exactly (float32)', () => {
    const w = parseMatrixMarket(`${HEAD}\n3 2 4\n1 1 0.1\n2 2 3.4028234663852886e38\n3 1 -1e-30\n3 2 0.3333333432674408\n`);
    const back = parseMatrixMarket(formatMatrixMarket(w, 'two\nlines'));
    expect(back).toEqual(w);
  });

  it.each([
    ['a wrong banner', 'hello\n1 1 1\n1 1 1\n', 'w.mtx:1', 'not a Matrix Market file'],
    ['array format', '%%MatrixMarket matrix array real general\n1 1\n1\n', 'w.mtx:1', 'object or format'],
    ['a symmetric matrix', '%%MatrixMarket matrix coordinate real symmetric\n1 1 1\n1 1 1\n', 'w.mtx:1', 'symmetry'],
    ['a complex field', '%%MatrixMarket matrix coordinate complex general\n1 1 1\n1 1 1 0\n', 'w.mtx:1', 'field'],
    ['a malformed size line', `${HEAD}\n2 x 1\n1 1 1\n`, 'w.mtx:2', 'size line'],
    ['a missing value', `${HEAD}\n2 2 1\n1 1\n`, 'w.mtx:3', 'malformed entry'],
    ['a row out of range', `${HEAD}\n2 2 1\n3 1 1\n`, 'w.mtx:3', 'row index out of range'],
    ['a column index of 0', `${HEAD}\n2 2 1\n1 0 1\n`, 'w.mtx:3', 'column index out of range'],
    ['a fractional index', `${HEAD}\n2 2 1\n1.5 1 1\n`, 'w.mtx:3', 'row index'],
    ['NaN', `${HEAD}\n2 2 1\n1 1 NaN\n`, 'w.mtx:3', 'non-finite'],
    ['Infinity', `${HEAD}\n2 2 1\n1 1 -Infinity\n`, 'w.mtx:3', 'non-finite'],
    ['a float32 overflow', `${HEAD}\n2 2 1\n1 1 1e39\n`, 'w.mtx:3', 'float32'],
    ['a non-integer in an integer matrix', '%%MatrixMarket matrix coordinate integer general\n2 2 1\n1 1 0.5\n', 'w.mtx:3', 'integer'],
    ['a duplicate entry', `${HEAD}\n2 2 2\n1 2 1\n1 2 3\n`, 'w.mtx:4', 'duplicate entry (1, 2)'],
    ['more entries announced than the file has lines', `${HEAD}\n2 2 3\n1 1 1\n`, 'w.mtx:2', 'more entries than the file has lines'],
    ['too few entries', `${HEAD}\n2 2 3\n1 1 1\n\n\n`, 'w.mtx', 'fewer entries'],
    ['too many entries', `${HEAD}\n2 2 1\n1 1 1\n2 2 1\n`, 'w.mtx:4', 'more entries'],
  ])('rejects %s naming file and line', (_what, text, where, problem) => {
    const e = errorOf(() => parseMatrixMarket(text, 'w.mtx'));
    expect(e.message).toContain(where);
    expect(e.message).toContain(problem);
  });

  it('readMatrixMarket names a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xsnn-mtx-'));
    expect(() => readMatrixMarket(join(dir, 'nope.mtx'))).toThrow(/nope\.mtx.*cannot read/);
    writeFileSync(join(dir, 'ok.mtx'), `${HEAD}\n1 1 1\n1 1 2\n`);
    expect(readMatrixMarket(join(dir, 'ok.mtx')).values[0]).toBe(2);
  });
});
