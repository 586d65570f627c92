import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapWeights, mappingAlgorithmNames, verifyMapping } from '../../src/mapping/index.js';
import { csrFromDense } from '../../src/core/CsrMatrix.js';
import { plantedCase } from '../../src/testing/arbitraries/plantedCase.js';
import { digitReceptiveFieldsSmall } from './fixtures.js';

describe('mapWeights options', () => {
  const w = digitReceptiveFieldsSmall();

  it.each([
    [{ tileRows: 0, tileCols: 8 }, /tileRows must be a whole number >= 1/],
    [{ tileRows: 8, tileCols: 2.5 }, /tileCols must be a whole number >= 1/],
    [{ tileRows: 8, tileCols: 8, algorithm: 'magic' }, /unknown algorithm 'magic'.*one of naive/],
    [{ tileRows: 8, tileCols: 8, seed: 0.5 }, /seed must be a whole number/],
    [{ tileRows: 8, tileCols: 8, inputRates: [1, 2] }, /inputRates must have one rate per input row/],
    [{ tileRows: 8, tileCols: 8, energyWeight: -1 }, /energyWeight must be a finite number >= 0/],
  ])('rejects %o', (options, message) => {
    expect(() => mapWeights(w, options)).toThrow(message);
  });

  it('rejects a non-finite weight, naming the entry', () => {
    const bad = csrFromDense([1, Number.NaN, 0, 2], 2, 2, [1, 1, 0, 1]);
    expect(() => mapWeights(bad, { tileRows: 2, tileCols: 2 })).toThrow(/non-finite weight NaN at \(0, 1\)/);
  });

  it('without splitting, a column taller than R is a clear error', () => {
    const tall = csrFromDense([1, 1, 1], 3, 1);
    expect(() => mapWeights(tall, { tileRows: 2, tileCols: 4, splitColumns: false })).toThrow(/neuron 0 has 3 synapses but a tile has only 2 rows/);
    expect(() => mapWeights(csrFromDense([1, 1], 2, 1), { tileRows: 2, tileCols: 4, splitColumns: false, algorithm: 'rowBands' })).toThrow(
      /splits columns by construction/,
    );
  });

  it('maps an empty matrix onto zero tiles', () => {
    const m = mapWeights(csrFromDense([0, 0, 0, 0], 2, 2), { tileRows: 1, tileCols: 1 });
    expect(m.metrics).toMatchObject({ tiles: 0, naiveTiles: 0, utilisation: 0, tilesPerNaive: 1 });
  });

  it('the packer lists every algorithm as a candidate and returns the best', () => {
    const m = mapWeights(w, { tileRows: 16, tileCols: 8 });
    expect(m.candidates.map((c) => c.algorithm)).toEqual(mappingAlgorithmNames.filter((n) => n !== 'packer'));
    expect(m.metrics.tiles).toBe(Math.min(...m.candidates.map((c) => c.tiles)));
    expect(m.timing.candidates).toHaveLength(m.candidates.length);
    const noSplit = mapWeights(w, { tileRows: 32, tileCols: 8, splitColumns: false });
    expect(noSplit.candidates.filter((c) => c.skipped !== undefined).map((c) => c.algorithm)).toEqual(['rowBands', 'greedyRowBands', 'partitionRowBands']);
    expect(verifyMapping(noSplit, w)).toEqual([]);
  });

  it('beats naive blocking on a structured matrix', () => {
    const m = mapWeights(w, { tileRows: 16, tileCols: 8 });
    expect(m.metrics.tiles).toBeLessThan(m.metrics.naiveTiles);
    expect(verifyMapping(m, w)).toEqual([]);
  });
});

describe('acceptance 1: planted blocks', () => {
  // k disjoint dense R×C blocks under random row and column permutations.
  const sizes: Array<[number, number, number]> = [
    [16, 16, 4],
    [32, 32, 4],
    [64, 64, 3],
    [128, 128, 3],
    [256, 256, 2],
    [24, 40, 3],
    [100, 60, 2],
  ];
  it.each(sizes)('%ix%i tiles: K = k without noise', (R, C, maxBlocks) => {
    fc.assert(
      fc.property(plantedCase({ tile: { tileRows: R, tileCols: C }, maxBlocks }), (c) => {
        const m = mapWeights(c.weights, { tileRows: R, tileCols: C, seed: c.seed });
        expect(m.metrics.tiles).toBe(c.optimum);
        expect(m.metrics.tilesPerLowerBound).toBe(1);
      }),
      { seed: 20260, numRuns: R >= 128 ? 2 : 4 },
    );
  });

  it.each([
    [16, 16],
    [64, 64],
  ])('%ix%i tiles with 1%% noise: valid, K close to k (logged)', (R, C) => {
    const lines: string[] = [];
    fc.assert(
      fc.property(plantedCase({ tile: { tileRows: R, tileCols: C }, maxBlocks: 4, noise: 0.01 }), (c) => {
        const m = mapWeights(c.weights, { tileRows: R, tileCols: C, seed: c.seed });
        expect(verifyMapping(m, c.weights)).toEqual([]);
        const k = Number(/k=(\d+)/.exec(c.kind)![1]);
        lines.push(`k=${k}: K=${m.metrics.tiles}, LB=${m.metrics.lowerBound.max}, naive=${m.metrics.naiveTiles}`);
        expect(m.metrics.tiles).toBeLessThanOrEqual(m.metrics.naiveTiles);
      }),
      { seed: 20261, numRuns: 4 },
    );
    process.stdout.write(`planted ${R}x${C} with 1% noise: ${lines.join('; ')}\n`);
  });

  it('without splitting, planted blocks are recovered too', () => {
    fc.assert(
      fc.property(plantedCase({ tile: { tileRows: 32, tileCols: 16 }, maxBlocks: 4 }), (c) => {
        expect(mapWeights(c.weights, { tileRows: 32, tileCols: 16, splitColumns: false, seed: c.seed }).metrics.tiles).toBe(c.optimum);
      }),
      { seed: 20262, numRuns: 4 },
    );
  });
});
