import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XsnnError } from '../../src/config/index.js';
import { loadSweepSpec, runSweep, CrossbarSizeSchema, VariationSchema } from '../../src/sweep/index.js';
import { makeSweepFixture } from './_support/sweepFixture.js';
import { evaluatePoint } from './_support/testEvaluator.mjs';

describe('sweep definition', () => {
  it('reads square, non-square sizes and percentages', () => {
    expect(CrossbarSizeSchema.parse(128)).toEqual({ rows: 128, cols: 128 });
    expect(CrossbarSizeSchema.parse('64x128')).toEqual({ rows: 64, cols: 128 });
    expect(CrossbarSizeSchema.parse('64×32')).toEqual({ rows: 64, cols: 32 });
    expect(VariationSchema.parse('5%')).toBeCloseTo(0.05, 12);
    expect(VariationSchema.parse(0.1)).toBe(0.1);
    expect(CrossbarSizeSchema.safeParse(-4).success).toBe(false);
    expect(CrossbarSizeSchema.safeParse('12 by 4').success).toBe(false);
    expect(VariationSchema.safeParse('150%').success).toBe(false);
  });

  it('loads a valid definition', () => {
    const { spec } = makeSweepFixture();
    const loaded = loadSweepSpec(spec);
    expect(loaded.spec.crossbars).toEqual([
      { rows: 16, cols: 16 },
      { rows: 32, cols: 32 },
      { rows: 16, cols: 32 },
    ]);
    expect(loaded.spec.variation).toEqual({ levels: [0, 0.1], crossbars: null });
  });

  const bad: Array<[string, (s: string) => string, RegExp]> = [
    [
      'a negative crossbar size',
      (s) => s.replace('crossbars: [16, 32, "16x32"]', 'crossbars: [16, -32]'),
      /sweep\.yaml:\d+: field 'crossbars\.1': crossbar rows and columns must be whole numbers/,
    ],
    ['an unknown key', (s) => `${s}colour: blue\n`, /sweep\.yaml:\d+: unknown key 'colour'/],
    ['a σ above 100%', (s) => s.replace('"10%"', '"150%"'), /field 'variation\.levels\.1': variation σ must be in \[0, 1\]/],
    ['zero samples', (s) => s.replace('samples: 2', 'samples: 0'), /field 'samples'/],
    ['a duplicate size', (s) => s.replace('"16x32"', '16'), /duplicate crossbar size 16x16/],
    [
      'an unknown device preset',
      (s) => s.replace(/devices: \[[^\]]*\]/, 'devices: [no-such-device-xyz]'),
      /unknown devices preset 'no-such-device-xyz'[\s\S]*field 'devices\.0'/,
    ],
    [
      'a missing checkpoint',
      (s) => s.replace(/checkpoint: [^ ]*dense /, 'checkpoint: /nonexistent/ckpt '),
      /network 'dense': no checkpoint at \/nonexistent\/ckpt/,
    ],
    [
      'a variation size not swept',
      (s) => s.replace('variation: [0, "10%"]', 'variation: { levels: [0, 0.1], crossbars: [64] }'),
      /field 'variation\.crossbars\.0': crossbar size 64x64 is not in crossbars/,
    ],
    ['malformed YAML', (s) => `${s}  - : :\n[`, /sweep\.yaml:\d+: malformed YAML/],
  ];
  for (const [what, edit, message] of bad) {
    it(`rejects ${what} with a clear error and writes nothing`, async () => {
      const { dir, spec } = makeSweepFixture();
      writeFileSync(spec, edit((await import('node:fs')).readFileSync(spec, 'utf8')));
      const out = join(dir, 'out');
      const err = await runSweep({ spec, outDir: out, evaluator: evaluatePoint, workers: 0 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(XsnnError);
      expect((err as Error).message).toMatch(message);
      expect(existsSync(out)).toBe(false);
    });
  }
});
