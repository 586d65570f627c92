import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildProgram, runCli } from '../../src/cli/main.js';
import { tempDir } from '../_support/images.js';

const CLI = 'dist/cli/main.js';

/** Runs the CLI in-process (same runCli as the binary), capturing stdout and stderr. */
async function xsnnInProcess(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const status = await runCli(args);
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Runs the built CLI as a process (npm test compiles first); startup costs ~0.4 s, so used sparingly. */
function xsnn(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, XSNN_NO_PROGRESS: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npx tsc -p tsconfig.json" (npm test does) before the CLI tests`);
  dir = tempDir('xsnn-cli-errors-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('xsnn error contract', () => {
  it('prints its version and exits 0', async () => {
    const r = await xsnnInProcess('--version');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });

  it('exits 2 with usage help on an unknown command', async () => {
    const r = await xsnnInProcess('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
    expect(r.stdout).toBe('');
  });

  it('exits 2 with the subcommand usage on a bad option, for every subcommand', async () => {
    const names = buildProgram().commands.map((c) => c.name());
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const r = await xsnnInProcess(name, '--definitely-not-an-option');
      expect(r.status, `xsnn ${name}`).toBe(2);
      expect(r.stderr, `xsnn ${name}`).toMatch(/^error: /);
      expect(r.stderr, `xsnn ${name}`).toContain(`Usage: xsnn ${name}`);
    }
  });

  it('exits 1 naming file and line on malformed YAML, and writes no output (built CLI, own process)', () => {
    const spec = join(dir, 'bad-sweep.yaml');
    writeFileSync(spec, ['name: broken', 'points: [1, 2', 'other: 3', ''].join('\n'));
    const out = join(dir, 'sweep-out');
    const r = xsnn('sweep', '--spec', spec, '--out', out, '--evaluator', `${join(dir, 'evaluator.mjs')}#evaluate`);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^xsnn: error: ${spec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:[23]: malformed YAML`));
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 1 naming file, line, field and both units on a wrong unit, and writes no output', async () => {
    const recipe = join(dir, 'wrong-unit.yaml');
    writeFileSync(recipe, ['extends: tiny', 'source: a test recipe with a wrong unit', 'protocol:', '  presentation: 350 mV', ''].join('\n'));
    const out = join(dir, 'ckpt');
    const r = await xsnnInProcess('train', '--recipe', recipe, '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`xsnn: error: ${recipe}:4: field 'protocol.presentation'`);
    expect(r.stderr).toMatch(/expected a time in s\b/);
    expect(r.stderr).toContain('mV');
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 1 naming the folder when an input is not what was expected, and writes no output', async () => {
    const notResults = join(dir, 'empty-folder');
    mkdirSync(notResults, { recursive: true });
    const out = join(dir, 'merged');
    const r = await xsnnInProcess('merge', notResults, '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^xsnn: error: /);
    expect(r.stderr).toContain(notResults);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });
});
