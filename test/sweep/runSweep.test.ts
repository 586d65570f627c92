import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeSweeps, runSweep, type EvaluatorContext, type SweepPoint } from '../../src/sweep/index.js';
import { resultSet } from './_support/resultSet.js';
import { makeSweepFixture } from './_support/sweepFixture.js';
import { evaluatePoint, recordFor } from './_support/testEvaluator.mjs';

const evaluatorModule = resolve('test/sweep/_support/testEvaluator.mjs');
const cli = resolve('dist/cli/main.js');

describe('runSweep', () => {
  it('evaluates every point once, computing shared work once per (network, size)', async () => {
    const { dir, spec } = makeSweepFixture();
    let mappings = 0;
    const counting = async (p: SweepPoint, ctx: EvaluatorContext) => {
      const m = await ctx.shared.get(`m:${p.network.checkpointHash}:${p.crossbar.rows}x${p.crossbar.cols}`, () => (mappings++, { tiles: 4, synapses: 10 }));
      return recordFor(p, m);
    };
    const out = join(dir, 'out');
    const s = await runSweep({ spec, outDir: out, evaluator: counting, workers: 0 });
    expect(s).toMatchObject({ total: 24, inShard: 24, alreadyDone: 0, evaluated: 24 });
    expect(mappings).toBe(6);
    expect(resultSet(out)).toHaveLength(24);
    const manifest: unknown = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'test-sweep', definitionHash: s.definitionHash, pointCount: 24 });
    const again = await runSweep({ spec, outDir: out, evaluator: counting, workers: 0 });
    expect(again).toMatchObject({ alreadyDone: 24, evaluated: 0 });
    expect(resultSet(out)).toHaveLength(24);
  });

  it('gives the same results on worker threads as in this thread, caching shared work on disk', async () => {
    const { dir, spec } = makeSweepFixture();
    await runSweep({ spec, outDir: join(dir, 'a'), evaluator: evaluatePoint, workers: 0 });
    await runSweep({ spec, outDir: join(dir, 'b'), evaluator: { module: evaluatorModule, export: 'evaluatePoint' }, workers: 2 });
    expect(resultSet(join(dir, 'b'))).toEqual(resultSet(join(dir, 'a')));
    expect(readdirSync(join(dir, 'b', 'cache'))).toHaveLength(6);
  });

  it('three shards merged equal one unsharded run', async () => {
    const { dir, spec } = makeSweepFixture();
    await runSweep({ spec, outDir: join(dir, 'all'), evaluator: evaluatePoint, workers: 0 });
    const counts: number[] = [];
    for (const k of [1, 2, 3])
      counts.push((await runSweep({ spec, outDir: join(dir, `s${k}`), evaluator: evaluatePoint, workers: 0, shard: `${k}/3` })).inShard);
    expect(counts).toEqual([8, 8, 8]);
    const m = mergeSweeps({ inputs: [join(dir, 's1'), join(dir, 's2'), join(dir, 's3'), join(dir, 's2')], outDir: join(dir, 'merged') });
    expect(m).toMatchObject({ points: 24, pointCount: 24, duplicates: 8 });
    expect(resultSet(join(dir, 'merged'))).toEqual(resultSet(join(dir, 'all')));
  });

  it('merge refuses results of different sweep definitions', async () => {
    const a = makeSweepFixture();
    const b = makeSweepFixture({ sizes: '[16, 64]' });
    await runSweep({ spec: a.spec, outDir: join(a.dir, 'r'), evaluator: evaluatePoint, workers: 0 });
    await runSweep({ spec: b.spec, outDir: join(b.dir, 'r'), evaluator: evaluatePoint, workers: 0 });
    const out = join(a.dir, 'merged');
    expect(() => mergeSweeps({ inputs: [join(a.dir, 'r'), join(b.dir, 'r')], outDir: out })).toThrow(
      /refusing to merge results of different sweep definitions/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a results folder of another definition', async () => {
    const a = makeSweepFixture();
    const b = makeSweepFixture({ variation: '[0.2]' });
    await runSweep({ spec: a.spec, outDir: join(a.dir, 'r'), evaluator: evaluatePoint, workers: 0 });
    await expect(runSweep({ spec: b.spec, outDir: join(a.dir, 'r'), evaluator: evaluatePoint, workers: 0 })).rejects.toThrow(
      /belongs to another sweep definition/,
    );
  });

  it('keeps finished points when some fail, and says which failed', async () => {
    const { dir, spec } = makeSweepFixture({ variation: '[0, 0.2]' });
    const out = join(dir, 'r');
    const err = await runSweep({ spec, outDir: out, evaluator: { module: evaluatorModule, export: 'failingEvaluatePoint' }, workers: 2 }).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toMatch(/12 of 24 sweep points failed \(12 finished and saved.*σ=0\.2: test double refuses this point/);
    expect(resultSet(out)).toHaveLength(12);
  });

  it('after SIGKILL, a rerun finishes only the missing points: same result set as an uninterrupted run', async () => {
    const { dir, spec } = makeSweepFixture({ sizes: '[16, 32, 64, "16x32"]', devices: 3 });
    const total = 2 * 4 * 3 * 2;
    await runSweep({ spec, outDir: join(dir, 'clean'), evaluator: evaluatePoint, workers: 0 });
    const out = join(dir, 'killed');
    const args = [cli, 'sweep', '--spec', spec, '--out', out, '--workers', '2', '--evaluator', `${evaluatorModule}#slowEvaluatePoint`];
    const child = spawn(process.execPath, args, { env: { ...process.env, XSNN_TEST_DELAY_MS: '60' }, stdio: 'ignore' });
    const log = join(out, 'results.jsonl');
    const lines = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').length - 1 : 0);
    const t0 = Date.now();
    while (lines() < 8 && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const partial = lines();
    expect(partial).toBeGreaterThanOrEqual(8);
    expect(partial).toBeLessThan(total);
    // a write cut short by the kill, at worst
    writeFileSync(log, `${readFileSync(log, 'utf8')}{"key":"torn`);
    const rerun = spawnSync(process.execPath, [...args.slice(0, -1), `${evaluatorModule}#evaluatePoint`, '--json'], { encoding: 'utf8' });
    expect(rerun.stderr).toBe('');
    expect(rerun.status).toBe(0);
    const summary = JSON.parse(rerun.stdout) as { alreadyDone: number; evaluated: number };
    expect(summary.alreadyDone).toBe(partial);
    expect(summary.evaluated).toBe(total - partial);
    expect(resultSet(out)).toEqual(resultSet(join(dir, 'clean')));
    expect(
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l !== ''),
    ).toHaveLength(total);
  }, 60_000);
});
