import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { XsnnError } from '../../src/config/XsnnError.js';
import { makePatternDataset } from '../../src/data/makePatternDataset.js';
import { train } from '../../src/snn/train.js';

const tmp = mkdtempSync(join(tmpdir(), 'xsnn-snapshot-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const data = makePatternDataset({ classes: 3, count: 60, seed: 4 });
const base = {
  source: 'unit test',
  network: { neurons: 8 },
  protocol: { normalizeSum: 50 },
  learning: { rule: 'power-law', preTrace: 'add', powerLaw: { eta: 0.05, preDepression: true } },
  pruning: { criterion: 'per-neuron-percentile', every: 10, fraction: 0.7, ramp: { from: 0, to: 40 } },
  quantization: { levels: 4, shadow: true },
};
const run = (o: { dir?: string; resume?: string; recipe?: Record<string, unknown> } = {}) =>
  train({
    recipe: o.recipe ?? base,
    dataset: data,
    trainImages: 30,
    epochs: 2,
    ...(o.dir !== undefined ? { snapshot: { dir: o.dir, every: 25 } } : {}),
    ...(o.resume !== undefined ? { resume: o.resume } : {}),
  });

describe('training snapshots', () => {
  const whole = run({ dir: join(tmp, 'snap') });

  it('resuming from a snapshot taken mid-run (second epoch, after pruning, shadow weights) gives the uninterrupted checkpoint', () => {
    const manifest = JSON.parse(readFileSync(join(tmp, 'snap', 'manifest.json'), 'utf8')) as { imagesDone: number };
    expect(manifest.imagesDone).toBe(50);
    const resumed = run({ resume: join(tmp, 'snap') });
    expect(resumed.imagesTrained).toBe(10);
    const a = whole.checkpoint;
    const b = resumed.checkpoint;
    expect(Buffer.from(b.weights.buffer).equals(Buffer.from(a.weights.buffer))).toBe(true);
    expect(Buffer.from(b.theta.buffer).equals(Buffer.from(a.theta.buffer))).toBe(true);
    expect(b.mask).toEqual(a.mask);
    expect(b.counts).toEqual(a.counts);
  });

  it('refuses a snapshot of another recipe, naming the field', () => {
    const other = { ...base, learning: { ...base.learning, powerLaw: { eta: 0.02 } } };
    expect(() => run({ recipe: other, resume: join(tmp, 'snap') })).toThrow(XsnnError);
    expect(() => run({ recipe: other, resume: join(tmp, 'snap') })).toThrow(/recipe/);
  });

  it('refuses a snapshot written by another xsnn version', () => {
    const m = join(tmp, 'snap', 'manifest.json');
    const j = JSON.parse(readFileSync(m, 'utf8')) as Record<string, unknown>;
    writeFileSync(m, JSON.stringify({ ...j, xsnnVersion: '0.0.0-other' }));
    let err: unknown;
    try {
      run({ resume: join(tmp, 'snap') });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(XsnnError);
    expect(String(err)).toMatch(/xsnnVersion/);
    expect(String(err)).toMatch(/0\.0\.0-other/);
  });

  it('refuses a missing snapshot and will not write one over a directory that is not a snapshot', () => {
    expect(() => run({ resume: join(tmp, 'nothing') })).toThrow(/no training snapshot/);
    expect(() => run({ dir: tmp })).toThrow(/not one/);
  });
});
