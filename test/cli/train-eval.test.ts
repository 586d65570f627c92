import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mnistDataDir } from '../../src/data/index.js';
import { loadCheckpoint } from '../../src/snn/index.js';

const CLI = 'dist/cli/main.js';
const tmp = mkdtempSync(join(tmpdir(), 'xsnn-train-eval-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the built CLI (npm test compiles first). */
function xsnn(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, XSNN_NO_PROGRESS: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('xsnn train / eval (end to end)', () => {
  const ck = join(tmp, 'ck');

  it('train --json writes a checkpoint and reports the training figures', () => {
    const r = xsnn('train', '--recipe', 'tiny', '--train-images', '30', '--seed', '3', '--out', ck, '--json');
    expect(r.stderr).toMatch(/^xsnn train: warning: small training budget: 30 image presentations for 50 neurons \(0.6 per neuron, fewer than 10\)/);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, number>;
    expect(j['trainImages']).toBe(30);
    expect(j['seed']).toBe(3);
    expect(j['synapses']).toBe(784 * 50);
    expect(j['prunedFraction']).toBe(0);
    expect(j['levels']).toBeNull();
    expect(j['imagesPerSecond']).toBeGreaterThan(0);
    expect(j['seconds']).toBeGreaterThan(0);
    expect((JSON.parse(readFileSync(join(ck, 'manifest.json'), 'utf8')) as { seed: number }).seed).toBe(3);
  });

  it('eval --json reports accuracy, counts, speed and a confusion matrix; results do not depend on the thread count', () => {
    const one = xsnn('eval', '--checkpoint', ck, '--label-images', '100', '--test-images', '100', '--threads', '1', '--json');
    const two = xsnn('eval', '--checkpoint', ck, '--label-images', '100', '--test-images', '100', '--threads', '2', '--save-labels', '--json');
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    const a = JSON.parse(one.stdout) as {
      accuracy: number;
      testImages: number;
      labelImages: number;
      imagesPerSecond: number;
      confusion: number[][];
      threads: number;
    };
    const b = JSON.parse(two.stdout) as typeof a;
    expect(a.testImages).toBe(100);
    expect(a.labelImages).toBe(100);
    expect(a.accuracy).toBeGreaterThanOrEqual(0);
    expect(a.accuracy).toBeLessThanOrEqual(1);
    expect(a.imagesPerSecond).toBeGreaterThan(0);
    expect(a.confusion.flat().reduce((x, y) => x + y, 0)).toBe(100);
    expect(a.threads).toBe(1);
    expect(b.threads).toBe(2);
    expect(b.accuracy).toBe(a.accuracy);
    expect(b.confusion).toEqual(a.confusion);
    const saved = loadCheckpoint(ck);
    expect(saved.labels?.length).toBe(50);
    expect(saved.labelSource).toEqual({ labelImages: 100, seed: 3 });
  });

  it('eval warns when over a tenth of the neurons stay unassigned, and blames the training budget when it is under 10 images per neuron', () => {
    const few = join(tmp, 'ck-3');
    expect(xsnn('train', '--recipe', 'tiny', '--train-images', '3', '--seed', '3', '--out', few).status).toBe(0);
    const r = xsnn('eval', '--checkpoint', few, '--label-images', '10', '--test-images', '10', '--threads', '1', '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /^xsnn eval: warning: \d+ of 50 neurons never fired on the 10 label images and are unassigned \(they vote for no class\): the network is undertrained \(3 training images for 50 neurons, fewer than 10 per neuron\)\n$/,
    );
  });

  it('eval blames the label images when the training budget is not small', () => {
    const enough = join(tmp, 'ck-500');
    expect(xsnn('train', '--recipe', 'tiny', '--train-images', '500', '--seed', '3', '--out', enough).status).toBe(0);
    const r = xsnn('eval', '--checkpoint', enough, '--label-images', '3', '--test-images', '10', '--threads', '1', '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/neurons never fired on the 3 label images .*: too few label images \(--label-images\), or an undertrained network\n$/);
    // 100 label images leave under a tenth of these neurons unassigned: no warning
    expect(xsnn('eval', '--checkpoint', enough, '--label-images', '100', '--test-images', '10', '--threads', '1').stderr).toBe('');
  });

  it('a damaged checkpoint is refused with the file named and exit 1', () => {
    const bad = join(tmp, 'bad');
    mkdirSync(bad);
    for (const f of ['manifest.json', 'weights.f32', 'mask.u8', 'delays.u8', 'theta.f64']) copyFileSync(join(ck, f), join(bad, f));
    const buf = readFileSync(join(bad, 'mask.u8'));
    buf[0] = 7;
    writeFileSync(join(bad, 'mask.u8'), buf);
    const r = xsnn('eval', '--checkpoint', bad, '--test-images', '10', '--label-images', '10');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/xsnn: error: .*mask\.u8.*damaged checkpoint/);
  });

  it('a recipe with a bad unit is refused naming the file and field, exit 1, no output written', () => {
    const recipe = join(tmp, 'bad-unit.yaml');
    writeFileSync(recipe, 'extends: tiny\nsource: test\nnetwork:\n  dt: "0.5 mV"\n');
    const out = join(tmp, 'never');
    const r = xsnn('train', '--recipe', recipe, '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bad-unit.yaml:4');
    expect(r.stderr).toContain("field 'network.dt'");
    expect(r.stderr).toMatch(/not a time/);
    expect(() => readFileSync(join(out, 'manifest.json'))).toThrow();
  });

  it('an unknown recipe key is an error naming it', () => {
    const recipe = join(tmp, 'typo.yaml');
    writeFileSync(recipe, 'extends: tiny\nsource: test\nlearning:\n  etaPots: 0.1\n');
    const r = xsnn('train', '--recipe', recipe, '--out', join(tmp, 'never2'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/typo\.yaml:4.*unknown key 'etaPots'/);
  });

  it('a corrupt MNIST IDX file is refused naming the file, exit 1', () => {
    const dir = join(tmp, 'mnist');
    mkdirSync(dir);
    const src = mnistDataDir();
    copyFileSync(join(src, 'train-labels-idx1-ubyte'), join(dir, 'train-labels-idx1-ubyte'));
    writeFileSync(join(dir, 'train-images-idx3-ubyte'), readFileSync(join(src, 'train-images-idx3-ubyte')).subarray(0, 5000));
    const recipe = join(tmp, 'corrupt-data.yaml');
    writeFileSync(recipe, `extends: tiny\nsource: test\ndata:\n  dir: ${JSON.stringify(dir)}\n`);
    const r = xsnn('train', '--recipe', recipe, '--out', join(tmp, 'never3'), '--train-images', '5');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/train-images-idx3-ubyte.*corrupt IDX file/);
  });
});
