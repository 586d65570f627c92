import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Training on 2 threads needs the compiled worker: these run the built CLI (npm test compiles first).
const CLI = 'dist/cli/main.js';
const tmp = mkdtempSync(join(tmpdir(), 'xsnn-train-threads-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function xsnn(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, XSNN_NO_PROGRESS: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function recipe(name: string, yaml: string): string {
  const p = join(tmp, `${name}.yaml`);
  writeFileSync(p, yaml);
  return p;
}

/** Every file of a checkpoint directory, byte for byte. */
function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) out[f] = readFileSync(join(dir, f)).toString('base64');
  return out;
}

const dense = recipe('dense', 'extends: tiny\nsource: test\nnetwork:\n  neurons: 41\nprotocol:\n  trainImages: 90\n');
const rathi = recipe(
  'rathi',
  'extends: rathi-400\nsource: test\nnetwork:\n  neurons: 41\nprotocol:\n  trainImages: 90\n  epochs: 1\npruning:\n  every: 30\n  ramp: { from: 0, to: 60 }\n',
);

const stochastic = recipe(
  'stochastic',
  'extends: rathi-400\nsource: test\nnetwork:\n  neurons: 41\nprotocol:\n  trainImages: 90\n  epochs: 1\npruning:\n  every: 30\n  ramp: { from: 0, to: 60 }\nquantization:\n  shadow: false\n  rounding: stochastic\n',
);

/** Starts a training run, SIGKILLs it once its first snapshot is written; returns the snapshot directory and its images. */
async function killAtFirstSnapshot(path: string, out: string, threads: number, every: number, ...extra: string[]): Promise<{ snap: string; done: number }> {
  const snap = `${out}.snapshot`;
  const child = spawn(
    process.execPath,
    [CLI, 'train', '--recipe', path, '--threads', String(threads), '--snapshot-every', String(every), '--out', out, ...extra],
    {
      env: { ...process.env, XSNN_NO_PROGRESS: '1' },
      stdio: 'ignore',
    },
  );
  const exit = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_code, signal) => res(signal)));
  while (!existsSync(join(snap, 'manifest.json')) && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGKILL');
  expect(await exit).toBe('SIGKILL');
  expect(existsSync(out)).toBe(false);
  return { snap, done: (JSON.parse(readFileSync(join(snap, 'manifest.json'), 'utf8')) as { imagesDone: number }).imagesDone };
}

describe('xsnn train --threads', () => {
  for (const [name, path] of [
    ['dense dc2015 rule', dense],
    ['power-law rule with pruning, shadow weights and the summed trace', rathi],
    ['stochastic rounding at each pruning', stochastic],
  ] as const) {
    it(`gives the byte-identical checkpoint on 1 and 2 threads (${name}, 41 neurons split 20 + 21)`, () => {
      const one = join(tmp, `${name}-1`);
      const two = join(tmp, `${name}-2`);
      const a = xsnn('train', '--recipe', path, '--threads', '1', '--out', one, '--json');
      const b = xsnn('train', '--recipe', path, '--threads', '2', '--out', two, '--json');
      expect(a.stderr).not.toMatch(/error/i);
      expect(b.stderr).not.toMatch(/error/i);
      expect((JSON.parse(b.stdout) as { threads: number }).threads).toBe(2);
      expect(files(two)).toEqual(files(one));
    });
  }
});

describe('xsnn train --resume', () => {
  it('after a SIGKILL in the middle of a run, resuming from the last snapshot gives the checkpoint of the uninterrupted run', async () => {
    const long = recipe('long', 'extends: tiny\nsource: test\nnetwork:\n  neurons: 30\nprotocol:\n  trainImages: 400\n');
    const whole = join(tmp, 'whole');
    expect(xsnn('train', '--recipe', long, '--threads', '1', '--out', whole).status).toBe(0);
    const cut = join(tmp, 'cut');
    const { snap, done } = await killAtFirstSnapshot(long, cut, 2, 40);
    expect(done).toBeGreaterThanOrEqual(40);
    expect(done).toBeLessThan(400);
    const r = xsnn('train', '--recipe', long, '--threads', '1', '--resume', snap, '--out', cut, '--json');
    expect(r.stderr).not.toMatch(/error/i);
    expect((JSON.parse(r.stdout) as { imagesTrained: number }).imagesTrained).toBe(400 - done);
    expect(files(cut)).toEqual(files(whole));
    expect(existsSync(snap)).toBe(false); // removed once the checkpoint is written
  }, 120_000);

  it('resumes on 1 thread a snapshot of shadow weights taken on 2 threads (snapshots do not depend on the thread count)', async () => {
    const whole = join(tmp, 'rathi-whole');
    expect(xsnn('train', '--recipe', rathi, '--threads', '1', '--out', whole).status).toBe(0);
    const cut = join(tmp, 'rathi-cut');
    const { snap, done } = await killAtFirstSnapshot(rathi, cut, 2, 20);
    expect(done).toBeLessThan(90);
    const r = xsnn('train', '--recipe', rathi, '--threads', '1', '--resume', snap, '--out', cut, '--json');
    expect(r.stderr).not.toMatch(/error/i);
    expect(files(cut)).toEqual(files(whole));
  }, 120_000);

  it('--resume with --epochs finishes a long run early from a snapshot at an epoch boundary, and the long run goes on from it afterwards', async () => {
    const short = recipe('short', 'extends: tiny\nsource: test\nnetwork:\n  neurons: 30\nprotocol:\n  trainImages: 60\n');
    const long = join(tmp, 'three-epochs');
    const { snap, done } = await killAtFirstSnapshot(short, long, 1, 60, '--epochs', '3');
    expect(done).toBe(60);
    const early = join(tmp, 'one-epoch-early');
    const e = xsnn('train', '--recipe', short, '--threads', '1', '--resume', snap, '--epochs', '1', '--out', early, '--json');
    expect(e.stderr).not.toMatch(/error/i);
    expect((JSON.parse(e.stdout) as { imagesTrained: number; epochs: number }).epochs).toBe(1);
    const one = join(tmp, 'one-epoch');
    expect(xsnn('train', '--recipe', short, '--threads', '1', '--epochs', '1', '--out', one).status).toBe(0);
    expect(files(early)).toEqual(files(one));
    expect(existsSync(join(snap, 'manifest.json'))).toBe(true); // the long run's snapshot is not the early checkpoint's
    const resumed = xsnn('train', '--recipe', short, '--threads', '1', '--resume', snap, '--out', long, '--json');
    expect((JSON.parse(resumed.stdout) as { epochs: number }).epochs).toBe(3); // the snapshot's run's length, not the recipe's 1
    const three = join(tmp, 'three-epochs-whole');
    expect(xsnn('train', '--recipe', short, '--threads', '1', '--epochs', '3', '--out', three).status).toBe(0);
    expect(files(long)).toEqual(files(three));
  }, 120_000);
});
