import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashValue } from '../../../src/_internals/hash.js';
import { resolvePresetPath } from '../../../src/config/presets.js';
import { saveCheckpoint } from '../../../src/snn/Checkpoint.js';
import { train } from '../../../src/snn/train.js';
import { evaluatePoint } from '../../../src/sweep/cosimEvaluator.js';
import { hashCheckpoint } from '../../../src/sweep/hashCheckpoint.js';
import { ResultRecordSchema } from '../../../src/sweep/ResultRecord.js';
import { createSharedWork } from '../../../src/sweep/SharedWork.js';
import type { SweepPoint } from '../../../src/sweep/SweepPoint.js';

const tmp = mkdtempSync(join(tmpdir(), 'xsnn-cosim-eval-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('cosimEvaluator: the sweep point evaluator', () => {
  it('co-simulates a point into a valid result record and maps each checkpoint and tile size once', async () => {
    const ck = join(tmp, 'ck');
    const trained = train({ recipe: { source: 'unit test', network: { neurons: 12 }, pruning: { criterion: 'per-neuron-percentile', every: 10, fraction: 0.6 }, quantization: { levels: 4 } }, trainImages: 20 });
    saveCheckpoint(ck, trained.checkpoint);
    const point = (sigma: number): SweepPoint => ({
      key: `k${sigma}`,
      groupKey: 'g',
      network: { name: 'sparse', role: 'compressed', recipe: null, checkpoint: ck, checkpointHash: hashCheckpoint(ck) },
      crossbar: { rows: 64, cols: 32, periphery: { name: 'base', file: resolvePresetPath('crossbar', 'base'), hash: hashValue('base') } },
      device: { name: 'rram-hfox-32nm', file: resolvePresetPath('devices', 'rram-hfox-32nm'), hash: hashValue('rram') },
      variationSigma: sigma,
      samples: 2,
      seed: 3,
      images: { label: 20, test: 10 },
    });
    let computed = 0;
    const base = createSharedWork({ cacheDir: null });
    const shared = { get: <T>(key: string, f: () => T | Promise<T>) => base.get<T>(key, () => (computed++, f())) };
    const a = ResultRecordSchema.parse(await evaluatePoint(point(0), { shared, cacheDir: null }));
    const b = ResultRecordSchema.parse(await evaluatePoint(point(0.1), { shared, cacheDir: null }));
    expect(computed).toBe(1);
    expect(a.network.name).toBe('sparse');
    expect(a.network.levels).toBe(4);
    expect(a.crossbar).toEqual({ rows: 64, cols: 32, periphery: 'base' });
    expect(a.device.presetHash).toBe(hashValue('rram'));
    expect(a.variationSigma).toBe(0);
    expect(b.variationSigma).toBe(0.1);
    expect(a.tiles).toBe(b.tiles);
    expect(a.samples).toBe(2);
    expect(a.testImages).toBe(10);
  });
});
