import { describe, expect, it } from 'vitest';
import { mapWeights, verifyMapping } from '../../src/mapping/index.js';
import { digitReceptiveFields } from '../../src/testing/index.js';

// Acceptance 2 on SYNTHETIC Diehl & Cook-like weights (digit-prototype receptive
// fields from MNIST images, pruned per neuron; see digitReceptiveFields). The
// bench re-measures on trained checkpoints when they exist.
describe('acceptance 2: pruned 784x400 digit receptive fields', () => {
  const cases: Array<[number, number, number]> = [
    [0.75, 64, 0.62],
    [0.75, 128, 0.62],
    [0.9, 64, 0.45],
    [0.9, 128, 0.45],
  ];
  const weights = new Map([0.75, 0.9].map((pf) => [pf, digitReceptiveFields({ neurons: 400, prunedFraction: pf, seed: 1 })]));
  it.each(cases)('pruned %f on square tiles of side %i: K <= %f x naive', (pf, size, target) => {
    const w = weights.get(pf)!;
    const m = mapWeights(w, { tileRows: size, tileCols: size });
    const mt = m.metrics;
    process.stdout.write(
      `784x400 @${pf * 100}% on ${size}x${size}: K ${mt.tiles}, naive ${mt.naiveTiles}, K/naive ${mt.tilesPerNaive.toFixed(3)}, LB ${mt.lowerBound.max}, K/LB ${mt.tilesPerLowerBound.toFixed(2)}\n`,
    );
    expect(mt.tilesPerNaive).toBeLessThanOrEqual(target);
    expect(verifyMapping(m, w)).toEqual([]);
  });
});
