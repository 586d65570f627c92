import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Runs `code` (ESM) in a fresh node whose module loader refuses chart.js, @napi-rs/canvas and pdfkit. */
function runWithoutDrawingLibraries(code: string) {
  const dir = mkdtempSync(join(tmpdir(), 'xsnn-lazy-'));
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `export async function resolve(spec, ctx, next) {\n  if (/^(chart\\.js|@napi-rs\\/canvas|pdfkit)(\\/|$)/.test(spec)) throw new Error('refused eager load of ' + spec);\n  return next(spec, ctx);\n}\n`,
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  return spawnSync(process.execPath, ['--import', pathToFileURL(register).href, '--input-type=module', '-e', code], { encoding: 'utf8' });
}

describe("import 'xsnn'", () => {
  const index = pathToFileURL(resolve('dist/index.js')).href;

  it('does not load chart.js, @napi-rs/canvas or pdfkit (the functions that draw load them)', () => {
    const r = runWithoutDrawingLibraries(`const x = await import(${JSON.stringify(index)}); if (typeof x.writeReport !== 'function') process.exit(3);`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('is checked by a loader that does refuse them when asked', () => {
    const r = runWithoutDrawingLibraries(`await import('pdfkit');`);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/refused eager load of pdfkit/);
  });
});
