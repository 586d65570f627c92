import fc from 'fast-check';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { XsnnError } from '../../src/config/XsnnError.js';
import { parseIdx } from '../../src/data/readIdx.js';
import { saveCheckpoint } from '../../src/snn/Checkpoint.js';
import { train } from '../../src/snn/train.js';
import { makePatternDataset } from '../../src/data/makePatternDataset.js';
import { tempDir } from '../_support/images.js';
import { makeSweepFixture } from '../sweep/_support/sweepFixture.js';
import { expectCleanFailure, runInProcess, snapshot, type CliRun } from './_support/hostile.js';

/**
 * Hostile input, generated: mutated presets, recipes, sweeps, Matrix Market files,
 * checkpoint manifests and IDX bytes, wrong units, negative and huge sizes, NaN,
 * alias bombs, bad output paths and bad option values. Every run either succeeds
 * or fails cleanly: exit 1 or 2, a message naming the file or field, no stack
 * trace, nothing left behind. Seeds are pinned; runs are in-process (fast).
 */
const SEED = 1313;
const TEST_EVALUATOR = `${join(process.cwd(), 'test', 'sweep', '_support', 'testEvaluator.mjs')}#evaluatePoint`;

/** YAML-ish scalar values that a schema should refuse or handle: wrong units, NaN, infinities, huge, negative, wrong types. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, 1e15, -1e300, 2 ** 53, 0.5, null, [], {}, true, ''),
  fc.constantFrom('350 mV', '10 kohm', '-3 ns', '1e400 V', '5 %', '500%', 'abc', '4 F^2', '0.2 V', 'NaN ns', '.nan', '1e15'),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.string({ maxLength: 12 }),
);

function leafPaths(data: unknown, prefix: string[] = []): string[][] {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return [prefix];
  return Object.entries(data).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
}

function setIn(target: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = target;
  for (const key of path.slice(0, -1)) {
    if (cur[key] === null || typeof cur[key] !== 'object') cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[path[path.length - 1]!] = value;
}

/** An override file `extends: <base>` that sets one field (or an unknown one) to a hostile value. */
function mutatedOverride(base: string, paths: string[][]): fc.Arbitrary<{ yaml: string; path: string[] }> {
  return fc
    .tuple(fc.oneof(fc.constantFrom(...paths), fc.constant<string[]>(['noSuchKey']), fc.constant<string[]>(['protocol', 'noSuchKey'])), hostileValue)
    .map(([path, value]) => {
      const doc: Record<string, unknown> = { extends: base, source: 'hostile-input test' };
      setIn(doc, path, value);
      return { yaml: stringify(doc).replace(/: \.nan$/m, ': .nan'), path };
    });
}

const ALIAS_BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  ...'bcdefgh'
    .split('')
    .map(
      (c, i) =>
        `${c}: &${c} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
    ),
  'source: bomb',
  '',
].join('\n');

let dir: string;
let aFile: string;
let ck: string;
let counter = 0;
const fresh = (name: string): string => join(dir, `${name}-${++counter}`);
const stats = { cases: 0, failedCleanly: 0, succeeded: 0 };

function tally(r: CliRun, what: string, names: ReadonlyArray<string | RegExp>): void {
  stats.cases++;
  if (r.status === 0) {
    stats.succeeded++;
    return;
  }
  stats.failedCleanly++;
  expectCleanFailure(r, what, names);
}

beforeAll(() => {
  dir = tempDir('xsnn-hostile-');
  aFile = join(dir, 'a-file');
  writeFileSync(aFile, 'user data\n');
  // a small real checkpoint (pattern images: no MNIST needed)
  const dataset = makePatternDataset({ count: 4, seed: 1 });
  const result = train({ recipe: 'tiny', dataset, trainImages: 2 });
  ck = join(dir, 'ck');
  saveCheckpoint(ck, result.checkpoint);
}, 60_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`hostile-input suite: ${stats.cases} generated cases, ${stats.failedCleanly} refused cleanly, ${stats.succeeded} valid\n`);
});

describe('hostile input: every failure is clean (exit 1/2, located message, no stack trace, nothing left behind)', () => {
  it('mutated device presets (xsnn presets show)', async () => {
    const base = (await import('yaml')).parse(readFileSync('devices/base.yaml', 'utf8')) as Record<string, unknown>;
    const paths = leafPaths(base).filter((p) => !['name', 'source', 'notes'].includes(p[0]!));
    await fc.assert(
      fc.asyncProperty(mutatedOverride('base', paths), async ({ yaml }) => {
        const file = `${fresh('device')}.yaml`;
        writeFileSync(file, yaml);
        tally(await runInProcess(['presets', 'show', file, '--kind', 'devices']), `device ${yaml}`, [file]);
      }),
      { seed: SEED, numRuns: 40 },
    );
  }, 60_000);

  it('mutated recipes (xsnn train) never start training and write nothing', async () => {
    const paths = [
      ['network', 'neurons'],
      ['protocol', 'presentation'],
      ['protocol', 'minSpikes'],
      ['protocol', 'maxRetries'],
      ['protocol', 'trainImages'],
      ['protocol', 'epochs'],
      ['excitatory', 'vThresh'],
      ['stdp', 'nuPost'],
      ['seed'],
      ['evaluation', 'labelImages'],
    ];
    await fc.assert(
      fc.asyncProperty(mutatedOverride('tiny', paths), async ({ yaml }) => {
        const file = `${fresh('recipe')}.yaml`;
        writeFileSync(file, yaml);
        const out = join(aFile, 'ck'); // valid recipes stop at the output check, before any training
        const r = await runInProcess(['train', '--recipe', file, '--out', out]);
        expect(r.status, yaml).not.toBe(0);
        tally(r, `recipe ${yaml}`, [/recipe-\d+\.yaml|a-file/]);
        expect(existsSync(out)).toBe(false);
      }),
      { seed: SEED, numRuns: 40 },
    );
  }, 60_000);

  it('mutated sweep definitions (xsnn sweep) write nothing when refused', async () => {
    const fixture = makeSweepFixture();
    const text = readFileSync(fixture.spec, 'utf8');
    const keys = ['seed', 'crossbars', 'variation', 'samples', 'images', 'devices', 'periphery', 'name', 'networks', 'unknownKey'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), fc.oneof(hostileValue, fc.constant('[.nan]'), fc.constant('[0, 1e15]')), async (key, value) => {
        const file = `${fresh('sweep')}.yaml`;
        const shown = typeof value === 'string' && value.startsWith('[') ? value : (JSON.stringify(value) ?? 'null');
        const lines = text.split('\n').filter((l) => !l.startsWith(`${key}:`) && !(key === 'networks' && l.startsWith('  - ')));
        writeFileSync(file, `${lines.join('\n')}\n${key}: ${shown}\n`);
        const out = fresh('sweep-out');
        const r = await runInProcess(['sweep', '--spec', file, '--out', out, '--evaluator', TEST_EVALUATOR, '--workers', '0']);
        tally(r, `sweep ${key}: ${shown}`, [file]);
        if (r.status !== 0) expect(existsSync(out), `sweep ${key}: ${shown} left ${out}`).toBe(false);
      }),
      { seed: SEED, numRuns: 30 },
    );
    rmSync(fixture.dir, { recursive: true, force: true });
  }, 60_000);

  it('generated Matrix Market files (xsnn map) with negative, huge and inconsistent sizes', async () => {
    const size = fc.oneof(fc.constantFrom(0, 1, 3, -1, 3e9, 2 ** 31, 1e15, NaN), fc.integer({ min: 0, max: 6 }));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('real', 'integer', 'pattern', 'complex'),
        size,
        size,
        size,
        fc.array(fc.tuple(fc.integer({ min: -1, max: 7 }), fc.integer({ min: -1, max: 7 }), fc.oneof(fc.double(), fc.constant(NaN))), { maxLength: 6 }),
        async (field, rows, cols, count, entries) => {
          const file = `${fresh('w')}.mtx`;
          const body = entries.map(([i, j, v]) => (field === 'pattern' ? `${i} ${j}` : `${i} ${j} ${v}`));
          writeFileSync(file, [`%%MatrixMarket matrix coordinate ${field} general`, `${rows} ${cols} ${count}`, ...body, ''].join('\n'));
          const out = `${fresh('m')}.json`;
          const r = await runInProcess(['map', '--weights', file, '--crossbar', '4x4', '--out', out]);
          tally(r, `mtx ${rows}x${cols} (${count})`, [file]);
          if (r.status !== 0) expect(existsSync(out)).toBe(false);
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
  }, 60_000);

  it('damaged checkpoint manifests (xsnn map --weights <checkpoint>)', async () => {
    const manifest = JSON.parse(readFileSync(join(ck, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    const paths = [...leafPaths({ ...manifest, recipe: {}, recipeResolved: {} }), ['files', '0'], ['dataset'], ['files'], ['recipe']];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.oneof(hostileValue, fc.constant(undefined)), async (path, value) => {
        const copy = fresh('ck');
        mkdirSync(copy);
        for (const f of ['weights.f32', 'mask.u8', 'delays.u8', 'theta.f64']) writeFileSync(join(copy, f), readFileSync(join(ck, f)));
        const m = JSON.parse(JSON.stringify(manifest)) as Record<string, unknown>;
        if (value === undefined) {
          let cur = m;
          for (const k of path.slice(0, -1)) cur = (cur[k] ?? {}) as Record<string, unknown>;
          delete cur[path[path.length - 1]!];
        } else setIn(m, path, value);
        writeFileSync(join(copy, 'manifest.json'), JSON.stringify(m));
        const r = await runInProcess(['map', '--weights', copy, '--crossbar', '8x8']);
        tally(r, `manifest ${path.join('.')} = ${String(value)}`, [copy]);
      }),
      { seed: SEED, numRuns: 40 },
    );
  }, 60_000);

  it('damaged IDX bytes are refused naming the file', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.option(fc.constantFrom(1, 3)), (bytes, rank) => {
        stats.cases++;
        try {
          parseIdx(bytes, 'images.idx', rank ?? undefined);
          stats.succeeded++;
        } catch (err) {
          expect(err).toBeInstanceOf(XsnnError);
          expect((err as XsnnError).location.file).toBe('images.idx');
          stats.failedCleanly++;
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('YAML alias bombs are refused as malformed YAML by every reader', async () => {
    const bomb = join(dir, 'bomb.yaml');
    writeFileSync(bomb, ALIAS_BOMB);
    for (const args of [
      ['presets', 'show', bomb, '--kind', 'devices'],
      ['train', '--recipe', bomb, '--out', fresh('ck')],
      ['sweep', '--spec', bomb, '--out', fresh('s'), '--evaluator', TEST_EVALUATOR],
    ]) {
      const r = await runInProcess(args);
      stats.cases++;
      stats.failedCleanly++;
      expectCleanFailure(r, args.join(' '), [bomb, /alias/i]);
    }
  }, 60_000);

  it('bad output paths (file where a folder goes, folder where a file goes, unwritable) fail before any work and leave nothing', async () => {
    const aDir = join(dir, 'a-dir');
    mkdirSync(aDir, { recursive: true });
    mkdirSync(join(dir, 'x.pdf'), { recursive: true });
    const fixture = makeSweepFixture();
    const cases: string[][] = [];
    for (const out of [join(aFile, 'sub'), aFile, '/proc/1/xsnn/ck', aDir]) cases.push(['train', '--recipe', 'tiny', '--out', out]);
    for (const out of [join(aFile, 'sub'), aFile, '/proc/1/xsnn/s']) {
      cases.push(['sweep', '--spec', fixture.spec, '--out', out, '--evaluator', TEST_EVALUATOR]);
      cases.push(['merge', fixture.dir, '--out', out]);
    }
    for (const out of [join(aFile, 'm.json'), aDir, '/proc/1/xsnn/m.json']) cases.push(['map', '--weights', ck, '--crossbar', '8x8', '--out', out]);
    for (const out of [join(dir, 'x.pdf'), join(aFile, 'r.pdf'), '/proc/1/xsnn/r.pdf']) cases.push(['report', '--results', fixture.dir, '--out', out]);
    const before = snapshot(dir);
    for (const args of cases) {
      const r = await runInProcess(args);
      stats.cases++;
      stats.failedCleanly++;
      expectCleanFailure(r, args.join(' '), [args[args.indexOf('--out') + 1]!.split('/').slice(0, 3).join('/')]);
    }
    expect(snapshot(dir)).toEqual(before);
    expect(readFileSync(aFile, 'utf8')).toBe('user data\n');
    rmSync(fixture.dir, { recursive: true, force: true });
  }, 60_000);

  it('bad option values are usage errors (exit 2) naming the option', async () => {
    const bad = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('0/0', '3/2', 'abc', '-1/2', '1/0', '0x0', '-4x4', '1.5x2', '500%', '-0.1', '1.01', 'bogus'),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('--shard', '--crossbar', '--sigma', '--algorithm', '--name'), bad, async (option, value) => {
        const args =
          option === '--shard'
            ? ['sweep', '--spec', 'quick', '--out', fresh('s'), '--shard', value]
            : option === '--crossbar' || option === '--algorithm'
              ? ['map', '--weights', ck, '--crossbar', option === '--crossbar' ? value : '8x8', ...(option === '--algorithm' ? ['--algorithm', value] : [])]
              : ['simulate', '--checkpoint', ck, '--crossbar', '8x8', option, value];
        const r = await runInProcess(args);
        stats.cases++;
        if (r.status === 0) {
          stats.succeeded++;
          return;
        }
        stats.failedCleanly++;
        expectCleanFailure(r, args.join(' '), []);
      }),
      { seed: SEED, numRuns: 40 },
    );
  }, 60_000);
});
