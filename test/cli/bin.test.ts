import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const tmp = mkdtempSync(join(tmpdir(), 'xsnn-bin-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the xsnn bin', () => {
  it('is executable after a clean build: npm run build leaves dist/cli/main.js with its x bits (postbuild), and it runs', () => {
    // a clean build's output: tsc writes every file without execute permission
    cpSync(resolve('dist'), join(tmp, 'dist'), { recursive: true });
    cpSync(resolve('package.json'), join(tmp, 'package.json'));
    symlinkSync(resolve('node_modules'), join(tmp, 'node_modules'), 'dir');
    const bin = join(tmp, 'dist', 'cli', 'main.js');
    chmodSync(bin, 0o644);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin['xsnn']).toBe('dist/cli/main.js');
    expect(pkg.scripts['prepare']).toBe('npm run build'); // so npm install runs postbuild too
    const post = spawnSync('npm', ['run', '--silent', 'postbuild'], { cwd: tmp, encoding: 'utf8' });
    expect(post.status).toBe(0);
    if (process.platform !== 'win32') expect(statSync(bin).mode & 0o111).toBe(0o111);
    const run = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    expect(run.stdout.trim()).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  }, 60_000);
});
