import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashValue } from '../../src/core/hash.js';
import { resolvePresetPath } from '../../src/config/index.js';
import { saveCheckpoint, train } from '../../src/snn/index.js';
import { evaluatePoint } from '../../src/sweep/cosimEvaluator.js';
import { hashCheckpoint, createSharedWork, type SweepPoint } from '../../src/sweep/index.js';
import { ResultRecordSchema } from '../../src/core/ResultRecord.js';

const tmp = mkdtempSync(join(tmpdir(), 'xsnn-cosim-eval-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('cosimEvaluator: the sweep point evaluator', () => {
  it("co-simulates a point into a valid result record; one simulation serves its group, each mapping is made once, and records equal a lone point's", async () => {
    const ck = join(tmp, 'ck');
    const trained = train({
      recipe: {
        source: 'unit test',
        network: { neurons: 12 },
        pruning: { criterion: 'per-neuron-percentile', every: 10, fraction: 0.6 },
        quantization: { levels: 4 },
      },
      trainImages: 20,
    });
    saveCheckpoint(ck, trained.checkpoint);
    const sizes = [
      { rows: 64, cols: 32 },
      { rows: 32, cols: 32 },
    ];
    const point = (sigma: number, size: { rows: number; cols: number }, group = sizes): SweepPoint => ({
      key: `k${sigma}-${size.rows}`,
      groupKey: `g${sigma}`,
      groupCrossbars: group,
      network: { name: 'sparse', role: 'compressed', recipe: null, checkpoint: ck, checkpointHash: hashCheckpoint(ck) },
      crossbar: { ...size, periphery: { name: 'base', file: resolvePresetPath('crossbar', 'base'), hash: hashValue('base') } },
      device: { name: 'rram-hfox-32nm', file: resolvePresetPath('devices', 'rram-hfox-32nm'), hash: hashValue('rram') },
      variationSigma: sigma,
      samples: 2,
      seed: 3,
      images: { label: 20, test: 10 },
    });
    const keys: string[] = [];
    const base = createSharedWork({ cacheDir: null });
    const shared = { get: <T>(key: string, f: () => T | Promise<T>) => base.get<T>(key, () => (keys.push(key), f())) };
    const ctx = { shared, cacheDir: null };
    const a = ResultRecordSchema.parse(await evaluatePoint(point(0, sizes[0]!), ctx));
    const a2 = ResultRecordSchema.parse(await evaluatePoint(point(0, sizes[1]!), ctx));
    const b = ResultRecordSchema.parse(await evaluatePoint(point(0.1, sizes[0]!), ctx));
    // two mappings (one per size), one simulation per σ, and one event traffic (both σ read the same tiles with the same input)
    expect(keys).toHaveLength(5);
    expect(a.network.name).toBe('sparse');
    expect(a.network.levels).toBe(4);
    expect(a.crossbar).toEqual({ rows: 64, cols: 32, periphery: 'base' });
    expect(a2.crossbar).toEqual({ rows: 32, cols: 32, periphery: 'base' });
    expect(a.device.presetHash).toBe(hashValue('rram'));
    expect(a.variationSigma).toBe(0);
    expect(b.variationSigma).toBe(0.1);
    expect(a.tiles).toBe(b.tiles);
    expect(a.samples).toBe(2);
    expect(a.testImages).toBe(10);
    // a point simulated alone (a group of its own size) gets the same record
    const alone = { shared: createSharedWork({ cacheDir: null }), cacheDir: null };
    expect(await evaluatePoint(point(0.1, sizes[0]!, [sizes[0]!]), alone)).toEqual(b);
    expect(await evaluatePoint(point(0, sizes[1]!, [sizes[1]!]), alone)).toEqual(a2);
  });
});
