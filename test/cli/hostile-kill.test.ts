import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/core/hash.js';
import { loadCheckpoint } from '../../src/snn/Checkpoint.js';
import { tempDir } from '../_support/images.js';
import { makeSampleResults } from '../report/_support/sampleResults.js';

/**
 * Kill tests: SIGKILL at the n-th rename (and write) system call of a command that
 * replaces an existing result, for n = 1, 2, … until the command finishes
 * (strace's fault injection, no hooks in the product). After every kill the path
 * holds the complete old result or the complete new one; after the next normal run
 * no temporary file of ours is left.
 *
 * `train --out` reloads MNIST on every run (seconds each): by default it is killed
 * at every rename; XSNN_KILL_TESTS=full adds every write.
 */
const CLI = join(process.cwd(), 'dist', 'cli', 'main.js');
const hasStrace = spawnSync('strace', ['-V']).status === 0;
if (!hasStrace) process.stderr.write('hostile-kill tests skipped: strace is not installed (Debian: apt-get install -y strace)\n');
const RENAMES = 'rename,renameat,renameat2';
const WRITES = 'write,pwrite64,writev';

function run(args: string[], cwd: string) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, XSNN_NO_PROGRESS: '1' }, timeout: 120_000 });
}

/** Runs the CLI under strace, killed at the n-th call of `syscalls`; true when it was killed (false: it finished first). */
function killedAt(args: string[], cwd: string, syscalls: string, n: number): boolean {
  const r = spawnSync(
    'strace',
    ['-f', '-qq', '-o', '/dev/null', '-e', `trace=${syscalls}`, '-e', `inject=${syscalls}:signal=KILL:when=${n}`, process.execPath, CLI, ...args],
    { cwd, encoding: 'utf8', env: { ...process.env, XSNN_NO_PROGRESS: '1' }, timeout: 120_000 },
  );
  if (r.status === 0) return false;
  expect(r.signal === 'SIGKILL' || r.status === 137 || r.status === null || r.stderr === '', `strace run ${n}: ${r.stderr}`).toBe(true);
  return true;
}

/** Kills at every call n of `syscalls` until the command completes; `check` runs after each kill. Returns the number of kills. */
function killEverywhere(args: string[], cwd: string, syscalls: string, check: (n: number) => void): number {
  let n = 1;
  for (; n < 400 && killedAt(args, cwd, syscalls, n); n++) check(n);
  process.stderr.write(`kill test: xsnn ${args[0]} killed at each of ${n - 1} ${syscalls.split(',')[0]} calls, every state complete\n`);
  return n - 1;
}

/** Our temporary names (`.x.xsnn-tmp-…`, `.x.xsnn-staged-…`, older `.x.tmp-…`) anywhere under `dir`. */
function temps(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => /\.xsnn-(tmp|staged)-|\.tmp-\d+-\d+-\d+$/.test(p));
}

let dir: string;
beforeAll(() => {
  dir = tempDir('xsnn-kill-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!hasStrace)('SIGKILL at every rename and write leaves the complete old or the complete new result', () => {
  it('map --out over an existing mapping', () => {
    const w = join(dir, 'w.mtx');
    writeFileSync(w, ['%%MatrixMarket matrix coordinate real general', '6 5 6', '1 1 0.5', '2 2 0.25', '3 3 1', '4 4 2', '5 5 0.5', '6 1 1', ''].join('\n'));
    const out = join(dir, 'm.json');
    expect(run(['map', '--weights', w, '--crossbar', '2x2', '--out', out], dir).status).toBe(0);
    const old = readFileSync(out, 'utf8');
    const args = ['map', '--weights', w, '--crossbar', '3x3', '--out', out];
    expect(run(args, dir).status).toBe(0);
    const fresh = readFileSync(out, 'utf8');
    expect(fresh).not.toBe(old);
    for (const syscalls of [RENAMES, WRITES]) {
      writeFileSync(out, old);
      const kills = killEverywhere(args, dir, syscalls, (n) => expect([old, fresh], `${syscalls} #${n}`).toContain(readFileSync(out, 'utf8')));
      expect(kills, syscalls).toBeGreaterThan(0);
      expect(run(args, dir).status).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(fresh);
      expect(temps(dir)).toEqual([]);
    }
  }, 300_000);

  it('report over an existing report (PDF, CSV and JSON change together)', async () => {
    const { results } = await makeSampleResults();
    const out = join(dir, 'rep', 'r.pdf');
    const files = ['r.pdf', 'r.csv', 'r.json'].map((f) => join(dir, 'rep', f));
    const read = () => files.map((f) => (existsSync(f) ? sha256(readFileSync(f)) : 'missing')).join(' ');
    expect(run(['report', '--results', results, '--out', out, '--date', '2020-01-01'], dir).status).toBe(0);
    const old = read();
    const args = ['report', '--results', results, '--out', out, '--date', '2021-06-01'];
    expect(run(args, dir).status).toBe(0);
    const fresh = read();
    expect(fresh).not.toBe(old);
    for (const syscalls of [RENAMES, WRITES]) {
      expect(run(['report', '--results', results, '--out', out, '--date', '2020-01-01'], dir).status).toBe(0);
      expect(read()).toBe(old);
      const kills = killEverywhere(args, dir, syscalls, (n) => expect([old, fresh], `${syscalls} #${n}`).toContain(read()));
      expect(kills, syscalls).toBeGreaterThan(0);
      expect(run(args, dir).status).toBe(0);
      expect(read()).toBe(fresh);
      expect(temps(join(dir, 'rep'))).toEqual([]);
    }
  }, 600_000);

  it('train --out --force over an existing checkpoint', () => {
    const ck = join(dir, 'ck');
    const base = ['train', '--recipe', 'tiny', '--train-images', '2', '--out'];
    expect(run([...base, join(dir, 'ck-old'), '--seed', '1'], dir).status).toBe(0);
    expect(run([...base, join(dir, 'ck-new'), '--seed', '2'], dir).status).toBe(0);
    const weightsOf = (p: string) => sha256(new Uint8Array(loadCheckpoint(p).weights.buffer));
    const old = weightsOf(join(dir, 'ck-old'));
    const fresh = weightsOf(join(dir, 'ck-new'));
    expect(fresh).not.toBe(old);
    const args = [...base, ck, '--seed', '2', '--force'];
    for (const syscalls of process.env['XSNN_KILL_TESTS'] === 'full' ? [RENAMES, WRITES] : [RENAMES]) {
      rmSync(ck, { recursive: true, force: true });
      cpSync(join(dir, 'ck-old'), ck, { recursive: true });
      const kills = killEverywhere(args, dir, syscalls, (n) => expect([old, fresh], `${syscalls} #${n}`).toContain(weightsOf(ck)));
      expect(kills, syscalls).toBeGreaterThan(0);
      expect(run(args, dir).status).toBe(0);
      expect(weightsOf(ck)).toBe(fresh);
      expect(readFileSync(join(ck, 'manifest.json'), 'utf8')).toBe(readFileSync(join(dir, 'ck-new', 'manifest.json'), 'utf8'));
      expect(temps(dir)).toEqual([]);
    }
  }, 900_000);
});
