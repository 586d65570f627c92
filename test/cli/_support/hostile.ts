import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { runCli } from '../../../src/cli/main.js';

/** What one in-process CLI run printed and returned. */
export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process (the same runCli as the binary), capturing stdout and stderr. */
export async function runInProcess(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    return { status: await runCli(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Every path under `dir` (relative, sorted), with sizes: to check that a failed run left nothing behind. */
export function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const st = statSync(full, { throwIfNoEntry: false });
      out.push(`${rel}${name}${st?.isDirectory() ? '/' : ` ${st?.size ?? '?'}`}`);
      if (st?.isDirectory()) walk(full, `${rel}${name}/`);
    }
  };
  walk(dir, '');
  return out;
}

/**
 * The contract for hostile input: exit 1 (bad input) or 2 (usage), a message on
 * stderr that starts `xsnn: error:` (or commander's `error:`) and names `names`
 * (file, field, expected...), no stack trace, no internal error, nothing on stdout.
 */
export function expectCleanFailure(r: CliRun, what: string, names: ReadonlyArray<string | RegExp> = []): void {
  expect([1, 2], `${what}: exit code (stderr: ${r.stderr})`).toContain(r.status);
  expect(r.stderr, `${what}: message`).toMatch(/^(xsnn: error: |error: )/);
  expect(r.stderr, `${what}: no internal error`).not.toMatch(/internal error/);
  expect(r.stderr, `${what}: no stack trace`).not.toMatch(/\n\s+at .+[:(]\d+/);
  for (const n of names) {
    if (typeof n === 'string') expect(r.stderr, `${what}: names ${n}`).toContain(n);
    else expect(r.stderr, `${what}: matches ${String(n)}`).toMatch(n);
  }
}
