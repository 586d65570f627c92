import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XsnnError } from '../../src/config/index.js';
import { assertCsr, csrFromDense, csrToDense, nnz, type CsrMatrix } from '../../src/core/CsrMatrix.js';
import { fcOptions } from '../_support/fc.js';

/** A dense matrix with many exact zeros (float32-representable values). */
const dense = fc.record({ rows: fc.integer({ min: 0, max: 9 }), cols: fc.integer({ min: 0, max: 9 }) }).chain(({ rows, cols }) =>
  fc.record({
    rows: fc.constant(rows),
    cols: fc.constant(cols),
    values: fc
      .array(fc.oneof(fc.constant(0), fc.float({ min: -1, max: 1, noNaN: true, noDefaultInfinity: true })), { minLength: rows * cols, maxLength: rows * cols })
      .map((a) => Float32Array.from(a)),
    keep: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: rows * cols, maxLength: rows * cols }),
  }),
);

function clone(m: CsrMatrix, patch: Partial<CsrMatrix>): CsrMatrix {
  return { rows: m.rows, cols: m.cols, rowPtr: m.rowPtr.slice(), colIdx: m.colIdx.slice(), values: m.values.slice(), ...patch };
}

describe('CsrMatrix', () => {
  it('round-trips a dense matrix: csrToDense(csrFromDense(d)) = d, storing only the non-zeros', () => {
    fc.assert(
      fc.property(dense, ({ rows, cols, values }) => {
        const m = csrFromDense(values, rows, cols);
        assertCsr(m);
        expect(nnz(m)).toBe(values.filter((v) => v !== 0).length);
        expect(Array.from(csrToDense(m))).toEqual(Array.from(values, (v) => (v === 0 ? 0 : v)));
      }),
      fcOptions(),
    );
  });

  it('with a keep mask stores exactly the kept entries, zeros included', () => {
    fc.assert(
      fc.property(dense, ({ rows, cols, values, keep }) => {
        const m = csrFromDense(values, rows, cols, keep);
        assertCsr(m);
        expect(nnz(m)).toBe(keep.filter((k) => k !== 0).length);
        const back = csrToDense(m);
        for (let i = 0; i < values.length; i++) expect(back[i]! === (keep[i] ? values[i]! : 0)).toBe(true); // -0 == 0 here
        for (let i = 0; i < rows; i++) {
          for (let k = m.rowPtr[i]!; k < m.rowPtr[i + 1]!; k++) expect(keep[i * cols + m.colIdx[k]!]).toBe(1);
        }
      }),
      fcOptions(),
    );
  });

  it('lays out a known matrix as documented', () => {
    // [[0, 2, 0], [0, 0, 0], [3, 0, 4]]
    const m = csrFromDense([0, 2, 0, 0, 0, 0, 3, 0, 4], 3, 3);
    expect(Array.from(m.rowPtr)).toEqual([0, 1, 1, 3]);
    expect(Array.from(m.colIdx)).toEqual([1, 0, 2]);
    expect(Array.from(m.values)).toEqual([2, 3, 4]);
    expect(nnz(m)).toBe(3);
  });

  it('assertCsr names what is wrong and the matrix', () => {
    const m = csrFromDense([0, 2, 5, 0, 0, 0, 3, 0, 4], 3, 3);
    const bad: Array<[CsrMatrix, RegExp]> = [
      [clone(m, { rowPtr: Int32Array.from([0, 2, 2]) }), /rowPtr must have rows\+1 entries/],
      [clone(m, { rowPtr: Int32Array.from([1, 2, 2, 4]) }), /rowPtr must have rows\+1 entries starting at 0/],
      [clone(m, { rowPtr: Int32Array.from([0, 2, 1, 4]) }), /rowPtr decreases at row 1/],
      [clone(m, { colIdx: Int32Array.from([1, 2, 0, 3]) }), /column index 3 out of range at row 2/],
      [clone(m, { colIdx: Int32Array.from([2, 1, 0, 2]) }), /not strictly increasing in row 0/],
      [clone(m, { colIdx: Int32Array.from([1, 1, 0, 2]) }), /not strictly increasing in row 0/],
      [clone(m, { values: Float32Array.from([2, Number.NaN, 3, 4]) }), /non-finite weight NaN at \(0, 2\)/],
      [clone(m, { values: Float32Array.from([2, 5, 3]) }), /colIdx\/values must have 4 entries/],
      [clone(m, { rows: -1 }), /bad shape/],
    ];
    for (const [matrix, msg] of bad) {
      expect(() => assertCsr(matrix, 'W_input')).toThrow(XsnnError);
      expect(() => assertCsr(matrix, 'W_input')).toThrow(msg);
      expect(() => assertCsr(matrix, 'W_input')).toThrow(/^W_input: /);
    }
    expect(() => assertCsr(m)).not.toThrow();
  });

  it('csrFromDense refuses a value count that does not match the shape', () => {
    expect(() => csrFromDense([1, 2, 3], 2, 2)).toThrow(/expected 2x2=4 values, got 3/);
  });
});
