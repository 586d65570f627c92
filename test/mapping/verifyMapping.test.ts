import { describe, expect, it } from 'vitest';
import { type MappedTile, type Mapping, mapWeights, verifyMapping } from '../../src/mapping/index.js';
import { csrFromDense } from '../../src/core/CsrMatrix.js';

// 4 inputs × 4 neurons, 8 synapses (one of weight 0 kept by the mask).
const dense = [1, 2, 0, 0, 3, 0, 4, 0, 0, 5, 0, 6, 0, 0, 7, 0];
const mask = dense.map((v) => (v !== 0 ? 1 : 0));
mask[15] = 1; // stored zero weight at (3, 3)
const w = csrFromDense(dense, 4, 4, mask);
const good = mapWeights(w, { tileRows: 2, tileCols: 2, algorithm: 'naive' });

function withTiles(m: Mapping, edit: (tiles: MappedTile[]) => MappedTile[]): Mapping {
  return {
    ...m,
    tiles: edit(
      m.tiles.map((t) => ({ ...t, rows: t.rows.slice(), cols: t.cols.slice(), rowPtr: t.rowPtr.slice(), colIdx: t.colIdx.slice(), values: t.values.slice() })),
    ),
  };
}

describe('verifyMapping', () => {
  it('accepts a correct mapping', () => {
    expect(verifyMapping(good, w)).toEqual([]);
  });

  it('reports a dropped tile as uncovered synapses and wrong metrics', () => {
    const v = verifyMapping(
      withTiles(good, (t) => t.slice(1)),
      w,
    );
    expect(v.some((x) => x.code === 'cover' && x.message.includes('placed 0 times'))).toBe(true);
    expect(v.some((x) => x.code === 'function')).toBe(true);
    expect(v.some((x) => x.code === 'metric' && x.message.includes('metrics.tiles'))).toBe(true);
  });

  it('reports a duplicated tile', () => {
    const v = verifyMapping(
      withTiles(good, (t) => [...t, t[0]!]),
      w,
    );
    expect(v.some((x) => x.code === 'cover' && x.message.includes('placed 2 times'))).toBe(true);
  });

  it('reports a changed weight', () => {
    const v = verifyMapping(
      withTiles(good, (t) => {
        t[0]!.values[0] = 9;
        return t;
      }),
      w,
    );
    expect(v.some((x) => x.code === 'cover' && x.message.includes('weight 9'))).toBe(true);
  });

  it('reports a synapse that W does not have', () => {
    const v = verifyMapping(
      withTiles(good, (t) => {
        t[0]!.colIdx[2] = 1;
        return t;
      }),
      w,
    );
    expect(v.some((x) => x.code === 'cover' && x.message.includes('not a synapse'))).toBe(true);
  });

  it('reports a tile over capacity', () => {
    const big = mapWeights(w, { tileRows: 4, tileCols: 4, algorithm: 'naive' });
    const v = verifyMapping({ ...big, options: { ...big.options, tileRows: 2, tileCols: 2 } }, w);
    expect(v.some((x) => x.code === 'capacity')).toBe(true);
  });

  it('reports a split column when splitting is off', () => {
    const v = verifyMapping({ ...good, options: { ...good.options, splitColumns: false } }, w);
    expect(v.some((x) => x.code === 'split')).toBe(true);
  });

  it('reports a wrong metric and a shape mismatch', () => {
    const v = verifyMapping({ ...good, metrics: { ...good.metrics, sumLambda: good.metrics.sumLambda + 1 } }, w);
    expect(v.map((x) => x.message)).toContain(`metrics.sumLambda is ${good.metrics.sumLambda + 1}, recomputed ${good.metrics.sumLambda}`);
    const other = csrFromDense([1], 1, 1);
    expect(verifyMapping(good, other)[0]!.code).toBe('shape');
  });

  it('checks the energy proxy with given input rates', () => {
    const rates = [1, 0, 2, 0.5];
    const m = mapWeights(w, { tileRows: 2, tileCols: 2, inputRates: rates });
    expect(verifyMapping(m, w, { inputRates: rates })).toEqual([]);
    expect(verifyMapping(m, w).some((x) => x.message.includes('rowReadEnergy'))).toBe(true);
  });
});
