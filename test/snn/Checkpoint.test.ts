import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makePatternDataset } from '../../src/data/index.js';
import { checkpointCsr, loadCheckpoint, saveCheckpoint, train } from '../../src/snn/index.js';
import { assertCsr } from '../../src/core/CsrMatrix.js';
import { XsnnError } from '../../src/config/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'xsnn-ckpt-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const data = makePatternDataset({ classes: 3, count: 30, seed: 3 });
const recipe = {
  source: 'unit test',
  network: { neurons: 6 },
  protocol: { normalizeSum: 50 },
  learning: { rule: 'power-law' },
  pruning: { criterion: 'per-neuron-percentile', every: 10, fraction: 0.5 },
  quantization: { levels: 4 },
};

function dirBytes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) out[f] = readFileSync(join(dir, f)).toString('base64');
  return out;
}

describe('checkpoints', () => {
  const a = train({ recipe, dataset: data, trainImages: 30, seed: 7 });

  it('same recipe and seed give a byte-identical checkpoint directory; another seed differs', () => {
    const b = train({ recipe, dataset: data, trainImages: 30, seed: 7 });
    const c = train({ recipe, dataset: data, trainImages: 30, seed: 8 });
    saveCheckpoint(join(tmp, 'a'), a.checkpoint);
    saveCheckpoint(join(tmp, 'b'), b.checkpoint);
    saveCheckpoint(join(tmp, 'c'), c.checkpoint);
    expect(dirBytes(join(tmp, 'b'))).toEqual(dirBytes(join(tmp, 'a')));
    expect(dirBytes(join(tmp, 'c'))['weights.f32']).not.toEqual(dirBytes(join(tmp, 'a'))['weights.f32']);
  });

  it('round-trips: arrays, recipe, counts; pruned and quantized as asked', () => {
    saveCheckpoint(join(tmp, 'rt'), a.checkpoint);
    const ck = loadCheckpoint(join(tmp, 'rt'));
    expect(ck.weights).toEqual(a.checkpoint.weights);
    expect(ck.mask).toEqual(a.checkpoint.mask);
    expect(ck.delays).toEqual(a.checkpoint.delays);
    expect(ck.theta).toEqual(a.checkpoint.theta);
    expect(ck.recipe).toEqual(a.checkpoint.recipe);
    expect(ck.counts).toEqual(a.checkpoint.counts);
    expect(ck.counts.prunedFraction).toBeGreaterThanOrEqual(0.5);
    const distinct = new Set(ck.weights);
    expect(distinct.size).toBeLessThanOrEqual(4);
    const csr = checkpointCsr(ck);
    assertCsr(csr);
    expect(csr.values.length).toBe(ck.counts.synapses);
    for (let k = 0; k < ck.mask.length; k++) if (ck.mask[k] === 0) expect(ck.weights[k]).toBe(0);
  });

  it('refuses a damaged weights file, naming it', () => {
    saveCheckpoint(join(tmp, 'bad'), a.checkpoint);
    const f = join(tmp, 'bad', 'weights.f32');
    const buf = readFileSync(f);
    buf[5] = buf[5]! ^ 0xff;
    writeFileSync(f, buf);
    expect(() => loadCheckpoint(join(tmp, 'bad'))).toThrow(XsnnError);
    expect(() => loadCheckpoint(join(tmp, 'bad'))).toThrow(/weights\.f32.*SHA-256/);
  });

  it('refuses a truncated file, a wrong version and a missing manifest', () => {
    saveCheckpoint(join(tmp, 'trunc'), a.checkpoint);
    const f = join(tmp, 'trunc', 'theta.f64');
    writeFileSync(f, readFileSync(f).subarray(0, 10));
    expect(() => loadCheckpoint(join(tmp, 'trunc'))).toThrow(/theta\.f64.*wrong file size/);

    saveCheckpoint(join(tmp, 'ver'), a.checkpoint);
    const m = join(tmp, 'ver', 'manifest.json');
    writeFileSync(m, readFileSync(m, 'utf8').replace('"formatVersion": 1', '"formatVersion": 99'));
    expect(() => loadCheckpoint(join(tmp, 'ver'))).toThrow(/'formatVersion'.*expected 1 \(received 99\)|format version/);

    expect(() => loadCheckpoint(join(tmp, 'nope'))).toThrow(/not a checkpoint directory/);
  });

  it('refuses NaN weights even when the hash was updated', async () => {
    const { sha256 } = await import('../../src/core/hash.js');
    saveCheckpoint(join(tmp, 'nan'), a.checkpoint);
    const f = join(tmp, 'nan', 'weights.f32');
    const w = new Float32Array(readFileSync(f).buffer.slice(0));
    w[3] = Number.NaN;
    const bytes = new Uint8Array(w.buffer);
    writeFileSync(f, bytes);
    const m = join(tmp, 'nan', 'manifest.json');
    const man = JSON.parse(readFileSync(m, 'utf8')) as { files: Array<{ name: string; sha256: string }> };
    man.files.find((x) => x.name === 'weights.f32')!.sha256 = sha256(bytes);
    writeFileSync(m, JSON.stringify(man));
    expect(() => loadCheckpoint(join(tmp, 'nan'))).toThrow(/weights\.f32.*out of range/);
  });
});
