import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultRecordSchema } from '../../src/core/ResultRecord.js';

const CLI = 'dist/cli/main.js';

/** The fields of `xsnn compare --json` this file reads. */
interface ComparedJson {
  readonly synapses: number;
  readonly cellsPerWeight: number;
  readonly areaM2: number;
  readonly energyPerInferenceJ: number;
  readonly naiveTiles: number;
  readonly tiles: number;
}
interface ComparisonJson {
  readonly dense: ComparedJson;
  readonly sparse: ComparedJson;
  readonly areaImprovement: number;
  readonly energyImprovement: number;
}
const tmp = mkdtempSync(join(tmpdir(), 'xsnn-cosim-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function xsnn(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, XSNN_NO_PROGRESS: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dense = join(tmp, 'dense');
const sparse = join(tmp, 'sparse');
const imgs = ['--label-images', '40', '--test-images', '30'];

beforeAll(() => {
  const recipe = join(tmp, 'sparse.yaml');
  writeFileSync(
    recipe,
    [
      'extends: rathi-400',
      'source: unit test (small pruned, 4-level network)',
      'network:',
      '  neurons: 16',
      'protocol:',
      '  epochs: 1',
      'pruning:',
      '  every: 10',
      '  fraction: 0.8',
      '  ramp: null',
      '',
    ].join('\n'),
  );
  for (const [out, r] of [
    [dense, 'tiny'],
    [sparse, recipe],
  ] as const) {
    const t = xsnn('train', '--recipe', r, '--train-images', '30', '--out', out, '--json');
    expect(t.stderr).toMatch(/^(xsnn train: warning: [^\n]*\n)*$/); // 30 images: budget warnings only
    expect(t.status).toBe(0);
  }
});

describe('xsnn simulate / compare (end to end)', () => {
  it('simulate --json prints a valid result record (accuracy, energy per inference, area, tiles, breakdowns); threads do not change it', () => {
    // 64+ images per pass: the worker threads really run with --threads 2
    const many = ['--label-images', '64', '--test-images', '64'];
    const run = (threads: string) =>
      xsnn('simulate', '--checkpoint', sparse, '--crossbar', '64x64', '--device', 'rram-hfox-32nm', ...many, '--samples', '2', '--threads', threads, '--json');
    const one = run('1');
    expect(one.stderr).toBe('');
    expect(one.status).toBe(0);
    const rec = ResultRecordSchema.parse(JSON.parse(one.stdout));
    expect(rec.samples).toBe(2);
    expect(rec.testImages).toBe(64);
    expect(rec.tiles).toBeGreaterThan(0);
    expect(rec.energyPerInferenceJ).toBeGreaterThan(0);
    expect(rec.areaM2).toBeGreaterThan(0);
    expect(rec.network.levels).toBe(4);
    expect(rec.device.name).toBe('rram-hfox-32nm');
    const two = run('2');
    expect(two.status).toBe(0);
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
  });

  it('simulate on the ideal device gives the accuracy of xsnn eval', () => {
    const sim = xsnn('simulate', '--checkpoint', dense, '--crossbar', '64x64', '--device', 'ideal', ...imgs, '--json');
    const ev = xsnn('eval', '--checkpoint', dense, ...imgs, '--json');
    expect(sim.status).toBe(0);
    expect(ev.status).toBe(0);
    expect((JSON.parse(sim.stdout) as { accuracy: { mean: number } }).accuracy.mean).toBe((JSON.parse(ev.stdout) as { accuracy: number }).accuracy);
  });

  it('simulate --explain prints every energy and area term with formula and source, the totals and the NeuroSim cross-check', () => {
    const r = xsnn('simulate', '--checkpoint', sparse, '--crossbar', 'rram-128x128-adc5', '--label-images', '20', '--test-images', '10', '--explain');
    expect(r.status).toBe(0);
    for (const s of [
      'arrayProgrammed = ',
      'columnSensing = ',
      'leakage = ',
      'formula: ',
      'source: ',
      'energy per inference = total / inferences',
      'adcOrNeuron = ',
      'NeuroSim cross-check',
    ])
      expect(r.stdout).toContain(s);
    expect(r.stdout).toMatch(/total = array \+ adcOrNeuron/);
  });

  it('compare --json reports both networks and the improvement factors dense / sparse', () => {
    const r = xsnn('compare', '--dense', dense, '--sparse', sparse, '--crossbar', '64x64', '--device', 'rram-hfox-32nm', ...imgs, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as ComparisonJson;
    expect(j['dense'].synapses).toBe(784 * 50);
    expect(j['dense'].cellsPerWeight).toBe(2);
    expect(j['sparse'].cellsPerWeight).toBe(1);
    expect(j['areaImprovement']).toBeCloseTo(j['dense'].areaM2 / j['sparse'].areaM2, 10);
    expect(j['energyImprovement']).toBeCloseTo(j['dense'].energyPerInferenceJ / j['sparse'].energyPerInferenceJ, 10);
    expect(j['dense'].naiveTiles).toBeGreaterThanOrEqual(j['dense'].tiles);
    const table = xsnn('compare', '--dense', dense, '--sparse', sparse, '--crossbar', '64x64', '--device', 'rram-hfox-32nm', ...imgs);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/tiles \(naive blocking\)/);
    expect(table.stdout).toMatch(/energy \/ inference/);
  });

  it('bad input is a clear error with a non-zero exit', () => {
    const r = xsnn('simulate', '--checkpoint', join(tmp, 'nope'), '--crossbar', '64x64');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/checkpoint/);
    const s = xsnn('simulate', '--checkpoint', sparse, '--crossbar', '64x64', '--sigma', '-2');
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(/--sigma/);
  });
});
