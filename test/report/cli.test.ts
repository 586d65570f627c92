import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSweepFixture } from '../sweep/_support/sweepFixture.js';

const cli = resolve('dist/cli/main.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, XSNN_NO_PROGRESS: '1' } });
const evaluator = `${resolve('test/sweep/_support/testEvaluator.mjs')}#evaluatePoint`;

describe('xsnn sweep / merge / report (CLI)', () => {
  it('sweeps in shards, merges them, and reports, ending with the PDF path', () => {
    const { dir, spec } = makeSweepFixture({ sizes: '[16, 32]', devices: 1, variation: '[0]' });
    for (const k of ['0', '1']) {
      const s = run('sweep', '--spec', spec, '--out', join(dir, `shard${k}`), '--shard', `${k}/2`, '--workers', '0', '--evaluator', evaluator);
      expect(s.stderr).toBe('');
      expect(s.stdout).toMatch(/^2 of 4 points in this shard: 0 already done, 2 evaluated/);
    }
    const m = run('merge', join(dir, 'shard0'), join(dir, 'shard1'), '--out', join(dir, 'all'));
    expect(m.stdout).toMatch(/merged 2 folders: 4 of 4 points/);
    const r = run('report', '--results', join(dir, 'all'), '--out', join(dir, 'out', 'r.pdf'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(join(dir, 'out', 'r.pdf'));
    expect(existsSync(join(dir, 'out', 'r.csv'))).toBe(true);
  }, 60_000);

  it('a bad definition is a clear error, exit 1, nothing written', () => {
    const { dir, spec } = makeSweepFixture();
    writeFileSync(spec, 'name: x\nseed: 1.5\n');
    const s = run('sweep', '--spec', spec, '--out', join(dir, 'o'), '--evaluator', evaluator);
    expect(s.status).toBe(1);
    expect(s.stderr).toMatch(/^xsnn: error: .*sweep\.yaml:2: field 'seed': /);
    expect(existsSync(join(dir, 'o'))).toBe(false);
  });

  it('report needs exactly one of --results and --spec', () => {
    const r = run('report', '--out', 'x.pdf');
    expect(r.status).toBe(2); // a usage error
    expect(r.stderr).toMatch(/give exactly one of --results <dir> or --spec <definition>/);
  });
});
