import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resultSet } from './_support/resultSet.js';
import { makeTinyCosimSweep, TINY_COSIM_POINTS } from './_support/tinyCosimSweep.js';

const run = promisify(execFile);
const cli = resolve('dist/cli/main.js');
const arrayScript = 'deploy/slurm/sweep-array.sh';
const jobManifest = 'deploy/kubernetes/sweep-job.yaml';
/** Set by .ci/run (and honoured when CI is set): the Slurm test must run, not skip. */
const slurmRequired = process.env['XSNN_SLURM_TEST'] === 'require' || !['', '0', 'false', undefined].includes(process.env['CI']);
const SHARDS = 3;
const JOB_TIMEOUT_MS = 240_000;

/** The first fenced code block after the README's link to `file`. */
function readmeBlockFor(file: string): string {
  const readme = readFileSync('README.md', 'utf8');
  const at = readme.indexOf(`](${file})`);
  expect(at, `README.md links to ${file}`).toBeGreaterThan(0);
  const m = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at));
  expect(m, `a code block follows README.md's link to ${file}`).not.toBeNull();
  return m![1]!;
}

/** Why Slurm cannot be used here, or null when sbatch exists and a controller answers. */
function slurmUnavailable(): string | null {
  const v = spawnSync('sbatch', ['--version'], { encoding: 'utf8' });
  if (v.error !== undefined) return `sbatch not found (${v.error.message}); install slurm-wlm and munge, then deploy/slurm/local-cluster.sh start`;
  const ping = spawnSync('scontrol', ['ping'], { encoding: 'utf8', timeout: 20_000 });
  if (ping.status !== 0 || !/\bUP\b/.test(ping.stdout)) {
    const said = (ping.stdout + ping.stderr).trim().replace(/\s*\n\s*/g, ' | ') || ping.error?.message;
    return `no Slurm controller answers (scontrol ping: ${said}); start one with: eval "$(deploy/slurm/local-cluster.sh start)"`;
  }
  return null;
}

/** Each task of array job `id` as `{ task, state, exit }`, from `scontrol show job` (no accounting database needed). */
function arrayTasks(id: string): { task: string; state: string; exit: string }[] {
  const r = spawnSync('scontrol', ['show', 'job', '-o', id], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .filter((l) => l.includes('JobId='))
    .map((l) => ({
      task: /ArrayTaskId=(\S+)/.exec(l)?.[1] ?? '?',
      state: /JobState=(\S+)/.exec(l)?.[1] ?? '?',
      exit: /ExitCode=(\S+)/.exec(l)?.[1] ?? '?',
    }))
    .sort((a, b) => a.task.localeCompare(b.task));
}

/** Polls squeue until array job `id` has no pending or running task; scancels it and throws after `timeoutMs`. */
async function waitForJob(id: string, timeoutMs: number, logs: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const q = spawnSync('squeue', ['-h', '-j', id, '-o', '%i %T'], { encoding: 'utf8' });
    if (q.status === 0 && q.stdout.trim() === '') return;
    if (Date.now() > deadline) {
      spawnSync('scancel', [id]);
      throw new Error(`Slurm job ${id} still queued or running after ${timeoutMs / 1000} s (scancelled):\n${q.stdout}${q.stderr}\n${logs()}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const tmpDirs: string[] = [];
afterAll(() => {
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

describe('deployment files shown in the README', () => {
  it(`the README shows ${arrayScript} exactly as the file is`, () => {
    expect(readmeBlockFor(arrayScript)).toBe(readFileSync(arrayScript, 'utf8'));
  });

  it(`the README shows ${jobManifest} exactly as the file is; its Job runs one shard per completion index`, () => {
    const text = readFileSync(jobManifest, 'utf8');
    expect(readmeBlockFor(jobManifest)).toBe(text);
    const job = parse(text) as {
      kind: string;
      spec: { completions: number; completionMode: string; template: { spec: { containers: { args: string[] }[] } } };
    };
    expect(job.kind).toBe('Job');
    expect(job.spec.completionMode).toBe('Indexed');
    const args = job.spec.template.spec.containers[0]!.args.join(' ');
    expect(args).toContain(`--shard $JOB_COMPLETION_INDEX/${job.spec.completions}`);
    expect(args).toContain('--out /results/shard-$JOB_COMPLETION_INDEX');
  });
});

describe(`${arrayScript} on a Slurm cluster`, () => {
  it(
    `as a ${SHARDS}-task job array, its shards merged with xsnn merge equal one unsharded run of the same sweep`,
    { timeout: JOB_TIMEOUT_MS + 120_000 },
    async (ctx) => {
      const why = slurmUnavailable();
      if (why !== null) {
        if (slurmRequired) throw new Error(`the Slurm test is required here (CI or XSNN_SLURM_TEST=require) but ${why}`);
        console.warn(`skipping the Slurm job-array test: ${why}`);
        ctx.skip(`Slurm not available: ${why}`);
      }
      const { dir, spec } = makeTinyCosimSweep();
      tmpDirs.push(dir);
      const out = join(dir, 'sharded');
      const logDir = join(dir, 'logs');
      mkdirSync(logDir);
      const logs = () =>
        existsSync(logDir)
          ? readdirSync(logDir)
              .sort()
              .map((f) => `--- ${f}\n${readFileSync(join(logDir, f), 'utf8')}`)
              .join('\n')
          : '';
      // The repository's own file, submitted from the repository root; only the sweep, the
      // shard count, the task size and where logs go are chosen here.
      const sub = spawnSync(
        'sbatch',
        ['--parsable', `--array=1-${SHARDS}`, '--cpus-per-task=1', '--time=00:10:00', `--output=${join(logDir, '%x-%A_%a.out')}`, arrayScript],
        { encoding: 'utf8', env: { ...process.env, XSNN_SWEEP_SPEC: spec, XSNN_SWEEP_OUT: out } },
      );
      expect(sub.stderr, 'sbatch stderr').toBe('');
      expect(sub.status).toBe(0);
      const id = sub.stdout.trim().split(';')[0]!;
      expect(id).toMatch(/^\d+$/);
      // the same sweep unsharded, outside Slurm, while the array runs
      const whole = join(dir, 'unsharded');
      const unsharded = run(process.execPath, [cli, 'sweep', '--spec', spec, '--out', whole, '--workers', '1']);
      await Promise.all([waitForJob(id, JOB_TIMEOUT_MS, logs), unsharded]);
      const tasks = arrayTasks(id);
      expect(tasks, logs()).toEqual(Array.from({ length: SHARDS }, (_, i) => ({ task: String(i + 1), state: 'COMPLETED', exit: '0:0' })));
      const shardDirs = Array.from({ length: SHARDS }, (_, i) => join(out, `shard-${i + 1}`));
      // each task ran its own shard (blocks of the canonical order: 2 + 3 + 3 of 8 points)
      expect(shardDirs.map((d) => resultSet(d).length)).toEqual([2, 3, 3]);
      expect(logs()).toMatch(/2 of 8 points in this shard/);

      const merged = join(dir, 'merged');
      const m = await run(process.execPath, [cli, 'merge', ...shardDirs, '--out', merged, '--json']);
      expect(JSON.parse(m.stdout)).toMatchObject({ points: TINY_COSIM_POINTS, pointCount: TINY_COSIM_POINTS, duplicates: 0 });

      expect(resultSet(whole)).toHaveLength(TINY_COSIM_POINTS);
      expect(resultSet(merged)).toEqual(resultSet(whole));
      const manifest = (d: string) => JSON.parse(readFileSync(join(d, 'sweep.json'), 'utf8')) as { definitionHash: string };
      expect(manifest(merged).definitionHash).toBe(manifest(whole).definitionHash);
    },
  );
});
