import { describe, expect, it } from 'vitest';
import { csrFromDense } from '../../src/core/CsrMatrix.js';
import { exhaustiveMinTiles, inOrderFillTiles, deleteSynapse, permuteMatrix } from '../../src/testing/index.js';

describe('exhaustiveMinTiles', () => {
  it('finds the known optimum of small hand-made cases', () => {
    // Anti-diagonal 3×3 on 1×1 tiles: 3 tiles; on 2×2: 2 tiles; on 3×3: 1.
    const diag = csrFromDense([0, 0, 1, 0, 1, 0, 1, 0, 0], 3, 3);
    expect(exhaustiveMinTiles(diag, { tileRows: 1, tileCols: 1 })).toBe(3);
    expect(exhaustiveMinTiles(diag, { tileRows: 2, tileCols: 2 })).toBe(2);
    expect(exhaustiveMinTiles(diag, { tileRows: 3, tileCols: 3 })).toBe(1);
    // A full 2×4 row pair on 2×2 tiles needs 2; on 1×4 tiles, 2; on 1×2 tiles, 4.
    const full = csrFromDense([1, 1, 1, 1, 1, 1, 1, 1], 2, 4);
    expect(exhaustiveMinTiles(full, { tileRows: 2, tileCols: 2 })).toBe(2);
    expect(exhaustiveMinTiles(full, { tileRows: 1, tileCols: 4 })).toBe(2);
    expect(exhaustiveMinTiles(full, { tileRows: 1, tileCols: 2 })).toBe(4);
  });

  it('without splitting, whole columns: the textbook case where no-split loses to blocks', () => {
    // Columns {0,2}, {1,3}, {0,3} on 2×3 tiles: blocks need 2, whole columns need 3.
    const w = csrFromDense([1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1], 4, 3);
    expect(exhaustiveMinTiles(w, { tileRows: 2, tileCols: 3, splitColumns: true })).toBe(2);
    expect(exhaustiveMinTiles(w, { tileRows: 2, tileCols: 3, splitColumns: false })).toBe(3);
    expect(exhaustiveMinTiles(w, { tileRows: 1, tileCols: 3, splitColumns: false })).toBe(Infinity);
  });

  it('refuses problems too large to search', () => {
    expect(() => exhaustiveMinTiles(csrFromDense(new Array(16).fill(1), 4, 4), { tileRows: 2, tileCols: 2 })).toThrow(/too large/);
  });
});

describe('reference helpers', () => {
  it('inOrderFillTiles fills tiles with whole columns in order', () => {
    const w = csrFromDense([1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1], 4, 3);
    expect(inOrderFillTiles(w, { tileRows: 2, tileCols: 3 })).toBe(3);
    expect(inOrderFillTiles(w, { tileRows: 4, tileCols: 2 })).toBe(2);
    expect(inOrderFillTiles(w, { tileRows: 4, tileCols: 3 })).toBe(1);
  });

  it('permuteMatrix moves entries with their weights; deleteSynapse removes exactly one', () => {
    const w = csrFromDense([1, 2, 0, 3], 2, 2);
    const p = permuteMatrix(w, [1, 0], [1, 0]);
    expect(Array.from(p.values)).toEqual([3, 2, 1]);
    expect(Array.from(p.colIdx)).toEqual([0, 0, 1]);
    const d = deleteSynapse(w, 1);
    expect(Array.from(d.rowPtr)).toEqual([0, 1, 2]);
    expect(Array.from(d.values)).toEqual([1, 3]);
  });
});
