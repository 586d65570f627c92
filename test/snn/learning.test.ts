import { describe, expect, it } from 'vitest';
import { makePatternDataset } from '../../src/data/index.js';
import {
  evaluate,
  computeResponses,
  SynapticDrive,
  type InputDrive,
  type InputSpikes,
  networkFromCheckpoint,
  train,
  SNN_STREAMS,
} from '../../src/snn/index.js';
import { respondImages } from '../../src/snn/_internals/respondImages.js';

const trainSet = makePatternDataset({ classes: 3, count: 150, seed: 1 });
const testSet = makePatternDataset({ classes: 3, count: 90, seed: 2 });
// 256 inputs instead of 784: the column sum is scaled accordingly; η_post raised for a 150-image run.
const recipe = { source: 'unit test', network: { neurons: 10 }, protocol: { normalizeSum: 50 }, learning: { etaPost: 0.05 } };

/** Cosine similarity of neuron j's receptive field with the best-matching class mean image. */
function bestTemplateCosine(weights: Float32Array, j: number, N: number): number {
  const size = 256;
  let best = 0;
  for (let c = 0; c < 3; c++) {
    let d = 0,
      a = 0,
      b = 0;
    for (let i = 0; i < size; i++) {
      let t = 0;
      for (let k = 0; k < trainSet.count; k++) if (trainSet.labels[k] === c) t += trainSet.pixels[k * size + i]!;
      const x = weights[i * N + j]!;
      d += x * t;
      a += x * x;
      b += t * t;
    }
    best = Math.max(best, d / Math.sqrt(a * b));
  }
  return best;
}

describe('learning', () => {
  const trained = train({ recipe, dataset: trainSet, trainImages: 150 });

  it('a small network learns a synthetic three-class pattern set to high accuracy (labels from training images)', async () => {
    const r = await evaluate({ checkpoint: trained.checkpoint, labelSet: trainSet, testSet, labelImages: 150, testImages: 90, threads: 1 });
    expect(r.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(r.confusion.flat().reduce((a, b) => a + b, 0)).toBe(90);
    expect(r.testImages).toBe(90);
  });

  it('the most active neurons learn receptive fields that match a class template (random initial weights do not)', () => {
    const N = 10;
    const order = Array.from({ length: N }, (_, j) => j).sort((x, y) => trained.checkpoint.theta[y]! - trained.checkpoint.theta[x]!);
    for (const j of order.slice(0, 3)) expect(bestTemplateCosine(trained.checkpoint.weights, j, N)).toBeGreaterThan(0.75);
    const untrained = train({ recipe: { ...recipe, learning: { etaPost: 0, etaPre: 0 } }, dataset: trainSet, trainImages: 1 });
    for (let j = 0; j < N; j++) expect(bestTemplateCosine(untrained.checkpoint.weights, j, N)).toBeLessThan(0.6);
  });

  it('test-mode responses are per-image independent: any sub-range gives the same counts', async () => {
    const all = await computeResponses({ network: trained.checkpoint, dataset: testSet, seed: 5, threads: 1 });
    const part = await computeResponses({ network: trained.checkpoint, dataset: testSet, start: 40, count: 10, seed: 5, threads: 1 });
    expect(Array.from(part.counts)).toEqual(Array.from(all.counts.subarray(40 * 10, 50 * 10)));
  });

  it('a custom InputDrive with the ideal weights reproduces the built-in drive spike for spike', () => {
    const a = networkFromCheckpoint(trained.checkpoint);
    const b = networkFromCheckpoint(trained.checkpoint);
    let calls = 0;
    const ideal = new SynapticDrive(b.synapses.withDenseWeights(trained.checkpoint.weights));
    const wrapped: InputDrive = {
      deliver(spikes: InputSpikes, step: number, ge: Float64Array) {
        calls++;
        ideal.deliver(spikes, step, ge);
      },
    };
    b.drive = wrapped;
    const n = 20;
    const size = 256;
    const ca = new Uint16Array(n * 10),
      cb = new Uint16Array(n * 10),
      pa = new Uint16Array(n),
      pb = new Uint16Array(n);
    respondImages({ net: a, pixels: testSet.pixels, pixelOffset: 0, size, start: 0, end: n, seed: 3, stream: SNN_STREAMS.test, counts: ca, presentations: pa });
    respondImages({ net: b, pixels: testSet.pixels, pixelOffset: 0, size, start: 0, end: n, seed: 3, stream: SNN_STREAMS.test, counts: cb, presentations: pb });
    expect(calls).toBeGreaterThan(0);
    expect(Array.from(cb)).toEqual(Array.from(ca));
    expect(Array.from(pb)).toEqual(Array.from(pa));
    expect(ca.reduce((x, y) => x + y, 0)).toBeGreaterThan(0);
  });
});
