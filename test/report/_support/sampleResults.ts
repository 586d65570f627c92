import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mapWeights } from '../../../src/mapping/index.js';
import { csrToDense } from '../../../src/core/CsrMatrix.js';
import { digitReceptiveFields } from '../../../src/testing/index.js';
import { occupancyFromMapping, writeFigureInputs } from '../../../src/report/index.js';
import { runSweep } from '../../../src/sweep/index.js';
import { makeSweepFixture } from '../../sweep/_support/sweepFixture.js';
import { evaluatePoint } from '../../sweep/_support/testEvaluator.mjs';

/**
 * A results folder made with the TEST DOUBLE evaluator (numbers are a function of
 * the point key, not a hardware model) plus figure inputs from synthetic digit
 * receptive fields: for testing the report's layout and parsing only.
 */
export async function makeSampleResults(): Promise<{ dir: string; results: string }> {
  const { dir, spec } = makeSweepFixture({ sizes: '[16, 32, "32x64", 64]', devices: 3, variation: '{ levels: [0, 0.05, 0.1], crossbars: [32] }' });
  writeFileSync(spec, `${readFileSync(spec, 'utf8')}description: Sample results from a test double, for layout tests.\nreport: { crossbar: 32 }\n`);
  const results = join(dir, 'results');
  await runSweep({ spec, outDir: results, evaluator: evaluatePoint, workers: 0 });
  const neurons = 36;
  const w = digitReceptiveFields({ neurons, prunedFraction: 0.75, seed: 3 });
  const dense = csrToDense(w);
  writeFigureInputs(results, {
    receptiveFields: [
      { network: 'sparse', checkpointHash: '0'.repeat(64), weights: dense, inputs: 784, neurons, totalNeurons: neurons, imageWidth: 28, imageHeight: 28 },
    ],
    occupancy: [occupancyFromMapping(mapWeights(w, { tileRows: 128, tileCols: 32, effort: 0.2 }), 'sparse')],
  });
  return { dir, results };
}
