import { describe, expect, it } from 'vitest';
import { simulate, simulateCrossbars, simulationRecord } from '../../src/cosim/index.js';
import { evaluate } from '../../src/snn/index.js';
import { loadCrossbar } from '../../src/crossbar/index.js';
import type { ResultRecord } from '../../src/core/ResultRecord.js';
import { denseCheckpoint, images, sparseCheckpoint } from './_fixtures.js';

const meta = { name: 'net', checkpointHash: 'c'.repeat(64) };

/** The record a sweep stores for a result (no timings in it). */
function record(r: Parameters<typeof simulationRecord>[0]): ResultRecord {
  return simulationRecord(r, meta);
}

describe('simulateCrossbars: several tile sizes at the cost of one', () => {
  it('gives every tile size exactly the result of simulating it alone (device variation, two samples, one ADC crossbar run apart)', async () => {
    const crossbars = [
      loadCrossbar('base', { rows: 16, cols: 16 }),
      loadCrossbar('base', { rows: 64, cols: 8 }),
      loadCrossbar('base', { rows: 256, cols: 32 }),
      loadCrossbar('rram-128x128-adc5', { rows: 32, cols: 32 }),
    ];
    const common = { checkpoint: sparseCheckpoint(), device: 'rram-hfox-32nm', sigma: 0.1, samples: 2, seed: 7, ...images };
    const together = await simulateCrossbars({ ...common, crossbars });
    expect(together.map((r) => r.driveMode)).toEqual(['linear', 'linear', 'linear', 'tiled']);
    for (let c = 0; c < crossbars.length; c++) {
      const alone = await simulate({ ...common, crossbar: crossbars[c]! });
      expect(record(together[c]!)).toEqual(record(alone));
    }
    // the linear sizes share their spikes, so their accuracies agree sample by sample
    expect(together[1]!.samples.map((s) => s.accuracy)).toEqual(together[0]!.samples.map((s) => s.accuracy));
    expect(together[2]!.samples.map((s) => s.accuracy)).toEqual(together[0]!.samples.map((s) => s.accuracy));
    // and their event counts differ with the tiling
    expect(together[0]!.counts.rowActivations).not.toBe(together[2]!.counts.rowActivations);
  });

  it('a synapse is programmed the same whatever the tile size: with variation, linear tiles of every size spike alike', async () => {
    const common = { checkpoint: denseCheckpoint(), device: 'rram-hfox-32nm', sigma: 0.2, seed: 3, keepResponses: true, ...images };
    const a = await simulate({ ...common, crossbar: loadCrossbar('base', { rows: 8, cols: 8 }) });
    const b = await simulate({ ...common, crossbar: loadCrossbar('base', { rows: 256, cols: 64 }) });
    expect(a.samples[0]!.weightErrorRms).toBeGreaterThan(0);
    expect(Array.from(b.samples[0]!.testCounts!)).toEqual(Array.from(a.samples[0]!.testCounts!));
    expect(b.samples[0]!.weightErrorRms).toBeCloseTo(a.samples[0]!.weightErrorRms, 12);
  });

  it('samples of a deterministic device are sample 0 again: identical accuracies, standard deviation 0, counts scale with the samples', async () => {
    const common = { checkpoint: sparseCheckpoint(), crossbar: loadCrossbar('base', { rows: 32, cols: 32 }), device: 'ideal', seed: 5, ...images };
    const one = await simulate({ ...common, samples: 1 });
    const three = await simulate({ ...common, samples: 3 });
    expect(three.samples.map((s) => s.accuracy)).toEqual([one.accuracy.mean, one.accuracy.mean, one.accuracy.mean]);
    expect(three.accuracy.std).toBe(0);
    expect(three.counts.rowActivations).toBe(3 * one.counts.rowActivations);
    expect(three.counts.columnSenses).toBe(3 * one.counts.columnSenses);
    expect(three.energy.perInferenceJ).toBeCloseTo(one.energy.perInferenceJ, 20);
  });

  it('energyImages counts the events of the first test images only; accuracy still uses every test image', async () => {
    const common = {
      checkpoint: sparseCheckpoint(),
      crossbar: loadCrossbar('base', { rows: 32, cols: 16 }),
      device: 'rram-hfox-32nm',
      sigma: 0.05,
      samples: 2,
      seed: 9,
      ...images,
    };
    const all = await simulate(common);
    const part = await simulate({ ...common, energyImages: 15 });
    const first = await simulate({ ...common, testImages: 15 });
    expect(part.energyImages).toBe(15);
    expect(part.samples.map((s) => s.accuracy)).toEqual(all.samples.map((s) => s.accuracy));
    expect(part.counts).toEqual(first.counts);
    expect(part.counts.inferences).toBe(2 * 15);
    expect(part.energy.perInferenceJ).toBe(first.energy.perInferenceJ);
    await expect(simulate({ ...common, energyImages: images.testImages + 1 })).rejects.toThrow(/energyImages must be a whole number in 1\.\.testImages/);
  });

  it("labels 'network' deploys the trained network's own labels: on the ideal device the accuracy is evaluate's, and no label pass runs on the hardware", async () => {
    const common = { checkpoint: sparseCheckpoint(), crossbar: loadCrossbar('base', { rows: 64, cols: 16 }), device: 'ideal', seed: 4, ...images };
    const net = await simulate({ ...common, labels: 'network' });
    const plain = await evaluate({
      checkpoint: sparseCheckpoint(),
      labelSet: images.labelSet,
      testSet: images.testSet,
      labelImages: images.labelImages,
      testImages: images.testImages,
      seed: 4,
      threads: 1,
    });
    expect(net.labels).toBe('network');
    expect(net.accuracy.mean).toBe(plain.accuracy);
    // given labels are used as they are: all neurons voting for class 0 predicts class 0 everywhere
    const zero = await simulate({ ...common, labels: new Int8Array(sparseCheckpoint().neurons) });
    const share0 = Array.from(images.testSet.labels.subarray(0, images.testImages)).filter((c) => c === 0).length / images.testImages;
    expect(zero.accuracy.mean).toBeCloseTo(share0, 12);
    await expect(simulate({ ...common, labels: new Int8Array(3) })).rejects.toThrow(/3 labels for 12 neurons/);
  });

  it('refuses no crossbars and a mapping list of the wrong length', async () => {
    await expect(simulateCrossbars({ checkpoint: sparseCheckpoint(), crossbars: [], ...images })).rejects.toThrow(/no crossbar/);
    await expect(simulateCrossbars({ checkpoint: sparseCheckpoint(), crossbars: ['rram-64x64'], mappings: [], ...images })).rejects.toThrow(
      /0 mappings for 1 crossbars/,
    );
  });
});
