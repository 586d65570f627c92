import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { XsnnError } from '../../src/config/XsnnError.js';
import { makePatternDataset } from '../../src/data/makePatternDataset.js';
import { train } from '../../src/snn/train.js';
import { errorOf } from '../_support/errorOf.js';

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
const run = (o: { dir?: string; every?: number; resume?: string; recipe?: Record<string, unknown>; epochs?: number | null } = {}) =>
  train({
    recipe: o.recipe ?? base,
    dataset: data,
    trainImages: 30,
    ...(o.epochs === null ? {} : { epochs: o.epochs ?? 2 }),
    ...(o.dir !== undefined ? { snapshot: { dir: o.dir, every: o.every ?? 25 } } : {}),
    ...(o.resume !== undefined ? { resume: o.resume } : {}),
  });

/** The checkpoint's arrays and counts, for byte-for-byte comparison. */
const bytesOf = (r: ReturnType<typeof train>) => {
  const c = r.checkpoint;
  return {
    w: Buffer.from(c.weights.buffer).toString('base64'),
    theta: Buffer.from(c.theta.buffer).toString('base64'),
    mask: Buffer.from(c.mask).toString('base64'),
    counts: c.counts,
  };
};

const { quantization: _q, ...unquantized } = base;
const recipes = {
  'power-law rule, pruning and shadow weights': base,
  'dense dc2015 rule': { source: 'unit test', network: { neurons: 8 }, protocol: { normalizeSum: 50 } },
  'pruning with nearest-level quantization at every pruning': { ...unquantized, quantization: { levels: 4 } },
} as const;

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

  for (const [name, recipe] of Object.entries(recipes)) {
    it(`a run shortened on resume to end at its snapshot gives the checkpoint of an uninterrupted run of that length (${name})`, () => {
      const dir = join(tmp, `short-${name}`);
      run({ recipe, dir, every: 30, epochs: 3 }); // its last snapshot: after 60 images, the end of epoch 2
      const finished = run({ recipe, resume: dir, epochs: 2 });
      expect(finished.imagesTrained).toBe(0);
      expect(bytesOf(finished)).toEqual(bytesOf(run({ recipe, epochs: 2 })));
    });
  }

  it('a run lengthened on resume gives the checkpoint of an uninterrupted run of the new length', () => {
    const dir = join(tmp, 'long');
    run({ dir }); // 2 epochs of 30 images, last snapshot after 50
    const longer = run({ resume: dir, epochs: 3 });
    expect(longer.imagesTrained).toBe(40);
    expect(bytesOf(longer)).toEqual(bytesOf(run({ epochs: 3 })));
  });

  it("a resumed run takes the snapshot's epoch count unless told otherwise, and refuses an end the snapshot has passed", () => {
    const dir = join(tmp, 'default-epochs');
    run({ dir }); // the recipe says 1 epoch; this run and its snapshot say 2
    expect(bytesOf(run({ resume: dir, epochs: null }))).toEqual(bytesOf(whole));
    const err = errorOf(() => run({ resume: dir, epochs: 1 }));
    expect(String(err)).toMatch(/epochs/);
    expect(String(err)).toMatch(/after 50 images/);
  });

  it('refuses to end a run at a snapshot that holds a stochastic rounding the shorter run would not make', () => {
    const recipe = { ...unquantized, quantization: { levels: 4, rounding: 'stochastic' } };
    const dir = join(tmp, 'stochastic');
    run({ recipe, dir, every: 30, epochs: 3 });
    const err = errorOf(() => run({ recipe, resume: dir, epochs: 2 }));
    expect(String(err)).toMatch(/stochastic rounding/);
    expect(run({ recipe, resume: dir, epochs: 3 }).imagesTrained).toBe(30);
  });

  it('refuses a missing snapshot and will not write one over a directory that is not a snapshot', () => {
    expect(() => run({ resume: join(tmp, 'nothing') })).toThrow(/no training snapshot/);
    expect(() => run({ dir: tmp })).toThrow(/not one/);
  });
});
