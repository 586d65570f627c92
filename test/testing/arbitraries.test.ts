import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertCsr } from '../../src/core/CsrMatrix.js';
import { arbitraries } from '../../src/testing/arbitraries/index.js';
import { fcOptions } from '../_support/fc.js';

const nnz = (c: { weights: { rowPtr: Int32Array; rows: number } }): number => c.weights.rowPtr[c.weights.rows]!;

describe('arbitraries', () => {
  it('every generated case is a valid CSR matrix with a positive tile size', () => {
    fc.assert(
      fc.property(arbitraries.mappingCase(), (c) => {
        assertCsr(c.weights, c.kind);
        expect(c.tileRows).toBeGreaterThanOrEqual(1);
        expect(c.tileCols).toBeGreaterThanOrEqual(1);
      }),
      fcOptions(200),
    );
  });

  it('bernoulli masks have roughly the drawn density', () => {
    fc.assert(
      fc.property(arbitraries.bernoulliCase({ maxRows: 40, maxCols: 40 }), (c) => {
        const cells = c.weights.rows * c.weights.cols;
        const density = Number(/bernoulli\(([\d.]+)\)/.exec(c.kind)![1]);
        if (cells >= 400) expect(Math.abs(nnz(c) / cells - density)).toBeLessThan(0.15);
        expect(density).toBeGreaterThanOrEqual(0.05);
        expect(density).toBeLessThanOrEqual(0.5);
      }),
      fcOptions(100),
    );
  });

  it('planted cases hold exactly k·R·C synapses, every row and column of a block full', () => {
    fc.assert(
      fc.property(arbitraries.plantedCase(), (c) => {
        expect(nnz(c)).toBe(c.optimum! * c.tileRows * c.tileCols);
        const colDeg = new Int32Array(c.weights.cols);
        for (const j of c.weights.colIdx) colDeg[j]!++;
        for (const d of colDeg) expect([0, c.tileRows]).toContain(d);
      }),
      fcOptions(100),
    );
  });

  it('noisy planted cases add about 1% extra synapses and record no optimum', () => {
    fc.assert(
      fc.property(arbitraries.plantedCase({ noise: 0.01 }), (c) => {
        expect(c.optimum).toBeUndefined();
        const k = Number(/k=(\d+)/.exec(c.kind)![1]);
        expect(nnz(c) - k * c.tileRows * c.tileCols).toBe(
          Math.min(Math.ceil(0.01 * k * c.tileRows * c.tileCols), c.weights.rows * c.weights.cols - k * c.tileRows * c.tileCols),
        );
      }),
      fcOptions(100),
    );
  });

  it('edge cases include rows wider than C and columns taller than R', () => {
    let wide = 0;
    let tall = 0;
    fc.assert(
      fc.property(arbitraries.edgeCase(), (c) => {
        const w = c.weights;
        for (let i = 0; i < w.rows; i++) if (w.rowPtr[i + 1]! - w.rowPtr[i]! > c.tileCols) wide++;
        const colDeg = new Int32Array(w.cols);
        for (const j of w.colIdx) colDeg[j]!++;
        for (const d of colDeg) if (d > c.tileRows) tall++;
      }),
      { ...fcOptions(300) },
    );
    expect(wide).toBeGreaterThan(0);
    expect(tall).toBeGreaterThan(0);
  });

  it('no-split cases never have a column taller than R', () => {
    fc.assert(
      fc.property(arbitraries.mappingCase({ splitColumns: false }), (c) => {
        const colDeg = new Int32Array(c.weights.cols);
        for (const j of c.weights.colIdx) colDeg[j]!++;
        for (const d of colDeg) expect(d).toBeLessThanOrEqual(c.tileRows);
      }),
      fcOptions(200),
    );
  });

  it('power-law cases have a hub: the largest fan-in is at least twice the mean', () => {
    let skewed = 0;
    let total = 0;
    fc.assert(
      fc.property(arbitraries.powerLawCase({ maxRows: 30, maxCols: 30 }), (c) => {
        if (c.weights.cols < 10 || nnz(c) === 0) return;
        const colDeg = new Int32Array(c.weights.cols);
        for (const j of c.weights.colIdx) colDeg[j]!++;
        total++;
        if (Math.max(...colDeg) >= (2 * nnz(c)) / c.weights.cols) skewed++;
      }),
      fcOptions(100),
    );
    expect(skewed).toBeGreaterThan(total / 2);
  });
});
