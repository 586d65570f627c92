// The README's "Property-test your own mapper" example, verbatim: if this test
// breaks, the README is wrong.
import fc from 'fast-check';
import { test } from 'vitest';
import { arbitraries, mappingFromAssignment, mappingLaws, verifyMapping, type Mapper } from 'xsnn/testing';

// A mapper to test: plain R×C blocks (tile = input band × neuron block).
const blocks: Mapper = (w, { tileRows, tileCols, splitColumns, seed }) => {
  const tileOf = new Int32Array(w.colIdx.length);
  const blocksPerBand = Math.ceil(w.cols / tileCols);
  for (let i = 0; i < w.rows; i++) {
    for (let k = w.rowPtr[i]!; k < w.rowPtr[i + 1]!; k++) {
      tileOf[k] = Math.floor(i / tileRows) * blocksPerBand + Math.floor(w.colIdx[k]! / tileCols);
    }
  }
  return mappingFromAssignment(w, tileOf, { tileRows, tileCols, splitColumns, seed, algorithm: 'blocks' });
};

// Every law of mapping.md, as one test each (fast-check prints seed and counterexample on failure).
for (const law of mappingLaws(blocks, { neverWorseThanNaive: true })) {
  test(law.name, () => law.check({ seed: 42, numRuns: 50 }));
}

// Or pick generators and check one mapping at a time.
test('blocks are valid on power-law masks', () => {
  fc.assert(
    fc.property(arbitraries.powerLawCase(), (c) => {
      const m = blocks(c.weights, { tileRows: c.tileRows, tileCols: c.tileCols, splitColumns: true, seed: c.seed });
      return verifyMapping(m, c.weights).length === 0;
    }),
    { seed: 42 },
  );
});
