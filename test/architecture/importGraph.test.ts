import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The README's data flow, bottom to top. A file may import from its own folder or from a
 * folder of a lower layer, never upward, never sideways into a folder of the same layer,
 * and never into another folder's `_internals/`.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['config'],
  ['core'],
  ['devices'],
  ['crossbar'],
  ['data'],
  ['snn'],
  ['mapping'],
  ['energy'],
  ['cosim'],
  ['sweep'],
  ['report'],
  ['testing'],
  ['cli'],
  ['.'],
];

const SRC = resolve('src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/**
 * Relative imports of a file, resolved to paths under src/ (posix, `.ts`). With `workers`,
 * the scripts a file starts as worker threads (`new URL('./x.js', import.meta.url)`) count too:
 * they obey the layers, but a worker importing its starter is no cycle.
 */
function importsOf(file: string, workers: boolean): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  const pattern = workers ? /(?:from\s+|import\(\s*|new URL\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g : /(?:from\s+|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const m of text.matchAll(pattern)) {
    const target = resolve(dirname(file), m[1]!).replace(/\.js$/, '.ts');
    out.push(relative(SRC, target).split('\\').join('/'));
  }
  return out;
}

const folderOf = (path: string): string => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '.');
const rankOf = (folder: string): number => LAYERS.findIndex((layer) => layer.includes(folder));

const files = sourceFiles(SRC).map((f) => relative(SRC, f).split('\\').join('/'));
const graph = new Map(files.map((f) => [f, importsOf(join(SRC, f), true)]));
const moduleGraph = new Map(files.map((f) => [f, importsOf(join(SRC, f), false)]));

describe('the import graph', () => {
  it('places every folder of src/ in a layer', () => {
    const unplaced = [...new Set(files.map(folderOf))].filter((f) => rankOf(f) < 0);
    expect(unplaced).toEqual([]);
  });

  it('has no upward or sideways import between folders', () => {
    const bad: string[] = [];
    for (const [file, imports] of graph) {
      const from = folderOf(file);
      for (const target of imports) {
        const to = folderOf(target);
        if (to !== from && rankOf(to) >= rankOf(from)) bad.push(`${file} -> ${target}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("never reaches into another folder's _internals/", () => {
    const bad: string[] = [];
    for (const [file, imports] of graph) {
      for (const target of imports) {
        const at = target.lastIndexOf('_internals/');
        if (at < 0) continue;
        const owner = target.slice(0, at);
        if (!posix.dirname(file).concat('/').startsWith(owner)) bad.push(`${file} -> ${target}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('has no cycle between files', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, stack: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...stack.slice(stack.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of moduleGraph.get(file) ?? []) if (moduleGraph.has(next)) visit(next, [...stack, file]);
      state.set(file, 'done');
    };
    for (const file of moduleGraph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('catches an upward import (the check itself can fail)', () => {
    const from = 'energy/x.ts';
    expect(rankOf(folderOf('cosim/y.ts')) >= rankOf(folderOf(from))).toBe(true);
    expect(rankOf(folderOf('crossbar/CrossbarSpec.ts')) >= rankOf(folderOf(from))).toBe(false);
  });
});
