import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMatrixMarket } from '../../src/mapping/readMatrixMarket.js';
import { checkpointCsr, loadCheckpoint } from '../../src/snn/Checkpoint.js';
import { makeSweepFixture } from '../sweep/_support/sweepFixture.js';

const CLI = resolve('dist/cli/main.js');
const tmp = mkdtempSync(join(tmpdir(), 'xsnn-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the built CLI (npm test compiles first). */
function xsnn(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, XSNN_NO_PROGRESS: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ck = join(tmp, 'ck');
beforeAll(() => {
  const t = xsnn('train', '--recipe', 'tiny', '--train-images', '30', '--out', ck, '--json');
  expect(t.status).toBe(0);
}, 120_000);

describe('xsnn command line', () => {
  it('presets show <path> infers the kind from the file contents (device, crossbar, recipe, sweep), and says how when it cannot', () => {
    const files = {
      devices: ['extends: rram-hfox-32nm', 'name: d', 'source: test', 'levels: 16'],
      crossbar: ['extends: base', 'name: c', 'source: test', 'rows: 32', 'cols: 32'],
      snn: ['extends: tiny', 'source: test', 'network: { neurons: 20 }'],
      reports: ['extends: quick', 'name: q2', 'samples: 1'],
    };
    for (const [kind, lines] of Object.entries(files)) {
      const file = join(tmp, `${kind}-preset.yaml`);
      writeFileSync(file, `${lines.join('\n')}\n`);
      const r = xsnn('presets', 'show', file, '--json');
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect((JSON.parse(r.stdout) as { kind: string }).kind).toBe(kind);
    }
    const odd = join(tmp, 'odd.yaml');
    writeFileSync(odd, 'colour: blue\n');
    const r = xsnn('presets', 'show', odd);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot tell which kind of preset .*odd\.yaml is \(top-level keys: colour\).*--kind devices\|crossbar\|snn\|reports/);
  });

  it('--crossbar 64y64 is a usage error (exit 2) that points at RxC', () => {
    for (const cmd of [
      ['simulate', '--checkpoint', ck],
      ['map', '--weights', ck],
    ]) {
      const r = xsnn(...cmd, '--crossbar', '64y64');
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--crossbar expects RxC \(rows x columns, e\.g\. 64x64/);
    }
  });

  it('help: compare describes its own --json, --samples states its default', () => {
    const compare = xsnn('compare', '--help').stdout.replace(/\s+/g, ' ');
    expect(compare).toMatch(/--json print the comparison as JSON/);
    expect(compare).not.toMatch(/ResultRecord/);
    expect(compare).toMatch(/--samples <n> Monte Carlo device samples \(independent variation and fault draws; default 1\)/);
    expect(xsnn('simulate', '--help').stdout.replace(/\s+/g, ' ')).toMatch(/--json print the result as JSON \(a sweep ResultRecord\)/);
  });

  it('map prints its figures with words and units', () => {
    const r = xsnn('map', '--weights', ck, '--crossbar', '64x64');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/input broadcast Σλ = \d+ input rows driven/);
    expect(r.stdout).toMatch(/partial sums {4}Σμ = \d+ tile columns summed/);
    expect(r.stdout).toMatch(/row-read energy proxy = \d+ cell reads per time step/);
    expect(r.stdout).toMatch(/naive blocking \d+ tiles/);
  });

  it('report --json prints the written files', () => {
    const { dir, spec } = makeSweepFixture({ sizes: '[16]', devices: 1, variation: '[0]' });
    const evaluator = `${resolve('test/sweep/_support/testEvaluator.mjs')}#evaluatePoint`;
    expect(xsnn('sweep', '--spec', spec, '--out', join(dir, 'res'), '--workers', '0', '--evaluator', evaluator).status).toBe(0);
    const r = xsnn('report', '--results', join(dir, 'res'), '--out', join(dir, 'r.pdf'), '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ pdf: join(dir, 'r.pdf'), csv: join(dir, 'r.csv'), json: join(dir, 'r.json'), resultsDir: join(dir, 'res') });
  }, 60_000);

  it('simulate accepts weights from a .mtx file with a recipe (and θ): the same network as the checkpoint gives the same record', () => {
    const c = loadCheckpoint(ck);
    const mtx = join(tmp, 'w.mtx');
    const theta = join(tmp, 'theta.txt');
    writeFileSync(mtx, formatMatrixMarket(checkpointCsr(c)));
    writeFileSync(theta, `${Array.from(c.theta).join('\n')}\n`);
    const common = ['--crossbar', '64x64', '--device', 'rram-hfox-32nm', '--label-images', '20', '--test-images', '20', '--threads', '1', '--json'];
    const fromCk = xsnn('simulate', '--checkpoint', ck, '--name', 'net', ...common);
    const fromMtx = xsnn('simulate', '--weights', mtx, '--recipe', 'tiny', '--theta', theta, '--name', 'net', ...common);
    expect(fromMtx.stderr).toBe('');
    expect(fromMtx.status).toBe(0);
    const a = JSON.parse(fromCk.stdout) as Record<string, unknown>;
    const b = JSON.parse(fromMtx.stdout) as Record<string, unknown>;
    for (const key of ['accuracy', 'energyPerInferenceJ', 'areaM2', 'tiles', 'energyBreakdownJ']) expect(b[key]).toEqual(a[key]);
    // without --recipe: a clear error
    const bad = xsnn('simulate', '--weights', mtx, ...common);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--weights needs --recipe/);
  }, 120_000);
});
