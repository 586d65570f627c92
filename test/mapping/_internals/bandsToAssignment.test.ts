import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csrFromDense } from '../../../src/core/CsrMatrix.js';
import { bandsToAssignment } from '../../../src/mapping/_internals/bandsToAssignment.js';
import { makeMappingProblem, type BandFrame } from '../../../src/mapping/_internals/MappingProblem.js';
import { resolveMapOptions } from '../../../src/mapping/MapOptions.js';
import { fcOptions } from '../../_support/fc.js';

/** The rule of bandsToAssignment, written out plainly: each band's used columns in (colRank, column) order, cut into tiles of tileWidth. */
function referenceTiles(frame: BandFrame, band: Int32Array, bands: number, colRank?: Int32Array): Int32Array {
  const a = frame.a;
  const tileOf = new Int32Array(a.rowPtr[a.rows]!);
  let next = 0;
  for (let b = 0; b < bands; b++) {
    const used = new Set<number>();
    for (let r = 0; r < a.rows; r++) if (band[r] === b) for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) used.add(a.colIdx[k]!);
    const order = [...used].sort((x, y) => (colRank === undefined ? 0 : colRank[x]! - colRank[y]!) || x - y);
    const local = new Map(order.map((c, p) => [c, next + Math.floor(p / frame.tileWidth)]));
    next += Math.ceil(order.length / frame.tileWidth);
    for (let r = 0; r < a.rows; r++) if (band[r] === b) for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) tileOf[k] = local.get(a.colIdx[k]!)!;
  }
  return tileOf;
}

/** Tile ids renumbered in order of first appearance (what compactAssignment does), to compare assignments. */
function firstAppearance(tileOf: ArrayLike<number>): number[] {
  const ids = new Map<number, number>();
  return Array.from(tileOf, (t) => {
    if (!ids.has(t)) ids.set(t, ids.size);
    return ids.get(t)!;
  });
}

const caseArb = fc
  .record({
    rows: fc.integer({ min: 1, max: 12 }),
    cols: fc.integer({ min: 1, max: 12 }),
    tileRows: fc.integer({ min: 1, max: 4 }),
    tileCols: fc.integer({ min: 1, max: 4 }),
  })
  .chain((s) =>
    fc.record({
      s: fc.constant(s),
      cells: fc.array(fc.boolean(), { minLength: s.rows * s.cols, maxLength: s.rows * s.cols }),
      bandOf: fc.array(fc.nat(), { minLength: s.rows, maxLength: s.rows }),
      // ranks with ties, outside [0, cols) or negative: every case of the (colRank, column) order
      ranks: fc.option(fc.array(fc.integer({ min: -3, max: 15 }), { minLength: s.cols, maxLength: s.cols })),
    }),
  );

describe('bandsToAssignment', () => {
  it('cuts each band’s columns, in (colRank, column) order, into tiles of the tile width, whatever the ranks', () => {
    fc.assert(
      fc.property(caseArb, ({ s, cells, bandOf, ranks }) => {
        const w = csrFromDense(
          cells.map((x) => (x ? 1 : 0)),
          s.rows,
          s.cols,
        );
        const p = makeMappingProblem(w, resolveMapOptions(w, { tileRows: s.tileRows, tileCols: s.tileCols }));
        const frame = p.rowFrame;
        // bands of at most bandRows rows: row r goes to band ⌊(its rank among the rows with entries) / bandRows⌋, shuffled by bandOf
        const withEntries = [...Array(s.rows).keys()].filter((r) => w.rowPtr[r + 1]! > w.rowPtr[r]!).sort((x, y) => bandOf[x]! - bandOf[y]! || x - y);
        const band = new Int32Array(s.rows).fill(-1);
        withEntries.forEach((r, q) => (band[r] = Math.floor(q / frame.bandRows)));
        const bands = Math.ceil(withEntries.length / frame.bandRows);
        const colRank = ranks === null ? undefined : Int32Array.from(ranks);
        const got = bandsToAssignment(frame, band, bands, colRank);
        expect(firstAppearance(got.tileOf)).toEqual(firstAppearance(referenceTiles(frame, band, bands, colRank)));
      }),
      fcOptions(200),
    );
  });
});
