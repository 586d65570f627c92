import * as realFs from 'node:fs';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

/** When set, the next writeFileSync to a matching path writes half its data and then fails (a full disk). */
const inject = vi.hoisted(() => ({ failWhen: undefined as ((path: string) => boolean) | undefined }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof realFs>();
  const writeFileSync = ((path: realFs.PathOrFileDescriptor, data: string | NodeJS.ArrayBufferView, ...rest: unknown[]) => {
    if (typeof path === 'string' && inject.failWhen?.(path)) {
      const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      fs.writeFileSync(path, bytes.subarray(0, bytes.length >> 1));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    return (fs.writeFileSync as (...a: unknown[]) => void)(path, data, ...rest);
  }) as typeof fs.writeFileSync;
  return { ...fs, default: { ...fs, writeFileSync }, writeFileSync };
});

const { writeDirAtomic, writeFileAtomic } = await import('../../src/core/atomicWrite.js');

const root = realFs.mkdtempSync(join(tmpdir(), 'xsnn-atomic-'));
let dir: string;
let n = 0;
beforeEach(() => {
  inject.failWhen = undefined;
  dir = join(root, `case${n++}`);
  mkdirSync(dir, { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('writes the file, creating parent folders, and leaves no temporary file', () => {
    const target = join(dir, 'a', 'b', 'out.json');
    writeFileAtomic(target, '{"x":1}');
    expect(readFileSync(target, 'utf8')).toBe('{"x":1}');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['out.json']);
    writeFileAtomic(target, Buffer.from('replaced'));
    expect(readFileSync(target, 'utf8')).toBe('replaced');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['out.json']);
  });

  it('never leaves a partial target: a failed write keeps the old content and removes its temporary file', () => {
    const target = join(dir, 'report.pdf');
    writeFileSync(target, 'old complete content');
    inject.failWhen = (p) => p !== target && p.startsWith(dir);
    expect(() => writeFileAtomic(target, 'new content that will not fit'.repeat(100))).toThrow(/ENOSPC/);
    expect(readFileSync(target, 'utf8')).toBe('old complete content');
    expect(readdirSync(dir)).toEqual(['report.pdf']);
    inject.failWhen = undefined;
    const fresh = join(dir, 'fresh.bin');
    inject.failWhen = (p) => p !== fresh && p.startsWith(dir);
    expect(() => writeFileAtomic(fresh, new Uint8Array(1000))).toThrow(/ENOSPC/);
    expect(readdirSync(dir)).toEqual(['report.pdf']);
  });
});

describe('writeDirAtomic', () => {
  it('writes every file of a new folder in one rename, and refuses a folder that exists (replacing one is commitFilesInPlace)', () => {
    const out = join(dir, 'run');
    writeDirAtomic(out, [
      ['a.txt', 'A'],
      ['b.bin', new Uint8Array([1, 2, 3])],
    ]);
    expect(readdirSync(out).sort()).toEqual(['a.txt', 'b.bin']);
    expect(Array.from(readFileSync(join(out, 'b.bin')))).toEqual([1, 2, 3]);
    expect(() => writeDirAtomic(out, [['c.txt', 'C']])).toThrow(/exists already/);
    expect(readdirSync(out).sort()).toEqual(['a.txt', 'b.bin']);
    expect(readdirSync(dir)).toEqual(['run']);
  });

  it('leaves nothing behind when a file fails half-way', () => {
    const out = join(dir, 'run');
    inject.failWhen = (p) => p.endsWith('b.txt');
    expect(() =>
      writeDirAtomic(out, [
        ['a.txt', 'new A'],
        ['b.txt', 'new B'.repeat(50)],
      ]),
    ).toThrow(/ENOSPC/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
