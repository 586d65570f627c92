import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMatrixMarket, loadWeights } from '../../src/mapping/index.js';
import { makePatternDataset } from '../../src/data/index.js';
import { saveCheckpoint, train } from '../../src/snn/index.js';
import { digitReceptiveFieldsSmall } from './fixtures.js';

// End-to-end: the built CLI (npm test runs tsc first).
function xsnn(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8', env: { ...process.env, XSNN_NO_PROGRESS: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('xsnn map', () => {
  let dir = '';
  let mtx = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'xsnn-map-cli-'));
    mtx = join(dir, 'w.mtx');
    writeFileSync(mtx, formatMatrixMarket(digitReceptiveFieldsSmall()));
  });

  it('--json prints the figures and every candidate', () => {
    const r = xsnn('map', '--weights', mtx, '--crossbar', '16x8', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const key of ['tiles', 'naiveTiles', 'lowerBound', 'utilisation', 'rows', 'cols', 'nnz', 'seconds', 'tilesPerLowerBound', 'candidates'])
      expect(j).toHaveProperty(key);
    expect(j).toMatchObject({ rows: 64, cols: 40, nnz: 640, tileRows: 16, tileCols: 8, algorithm: 'packer' });
    expect(j['tiles'] as number).toBeLessThanOrEqual(j['naiveTiles'] as number);
    expect((j['candidates'] as Array<{ algorithm: string; seconds: number }>).map((c) => c.algorithm)).toContain('localSearch');
  });

  it('--out writes a mapping that --verify accepts, and --verify rejects a tampered one', () => {
    const out = join(dir, 'm.json');
    const r = xsnn('map', '--weights', mtx, '--crossbar', '16x16', '--algorithm', 'greedyColumnBands', '--seed', '4', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('tiles K =');
    const ok = xsnn('map', '--verify', out, '--weights', mtx);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('valid');
    const j = JSON.parse(readFileSync(out, 'utf8')) as { tiles: Array<{ values: number[] }> };
    j.tiles[0]!.values[0] = 123;
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(j));
    const no = xsnn('map', '--verify', bad, '--weights', mtx);
    expect(no.code).toBe(1);
    expect(no.stderr).toMatch(/fails verification.*weight 123/);
  });

  it.each([
    ['a tile size of 0', ['--crossbar', '0x8'], /--crossbar expects RxC with whole numbers R, C >= 1/, 2],
    ['an unknown algorithm', ['--crossbar', '8x8', '--algorithm', 'magic'], /--algorithm expects one of .*got "magic"/, 2],
    ['a column too tall without splitting', ['--crossbar', '4x8', '--no-split'], /cannot be mapped without splitting/, 1],
  ])('%s: a clear error with its exit code (2 for usage errors), no output file', (_what, extra, message, code) => {
    const out = join(dir, `none-${extra.join('')}.json`);
    const r = xsnn('map', '--weights', mtx, ...extra, '--out', out);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('a malformed .mtx or a non-finite weight: error naming file and line, no output file', () => {
    const bad = join(dir, 'bad.mtx');
    writeFileSync(bad, '%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 0.5\n2 2 inf\n');
    const out = join(dir, 'never.json');
    const r = xsnn('map', '--weights', bad, '--crossbar', '2x2', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:4: non-finite or malformed weight`);
    writeFileSync(bad, '%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 0.5\n');
    const s = xsnn('map', '--weights', bad, '--crossbar', '2x2', '--out', out);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain(`${bad}:3: row index out of range`);
    expect(existsSync(out)).toBe(false);
  });

  it('accepts a crossbar preset, and a preset with a wrong unit is an error without output', () => {
    const r = xsnn('map', '--weights', mtx, '--crossbar', 'rram-64x64', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ crossbar: 'rram-64x64', tileRows: 64 });
    const preset = join(dir, 'wrong-unit.yaml');
    writeFileSync(preset, 'extends: base\nname: bad\nsource: test\nnode: "32 V"\n');
    const out = join(dir, 'never2.json');
    const s = xsnn('map', '--weights', mtx, '--crossbar', preset, '--out', out);
    expect(s.code).toBe(1);
    expect(s.stderr).toMatch(/wrong-unit\.yaml/);
    expect(existsSync(out)).toBe(false);
  });

  it('a missing weights path is a clear error', () => {
    const r = xsnn('map', '--weights', join(dir, 'nope.mtx'), '--crossbar', '8x8');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nope\.mtx: no such weights file or checkpoint directory/);
  });

  it('maps the surviving synapses of a checkpoint directory of `xsnn train`', () => {
    const data = makePatternDataset({ classes: 3, count: 20, seed: 3 });
    const recipe = {
      source: 'unit test',
      network: { neurons: 6 },
      protocol: { normalizeSum: 50 },
      learning: { rule: 'power-law' },
      pruning: { criterion: 'per-neuron-percentile', every: 10, fraction: 0.5 },
    };
    const { checkpoint } = train({ recipe, dataset: data, trainImages: 20, seed: 7 });
    const ckpt = join(dir, 'ckpt');
    saveCheckpoint(ckpt, checkpoint);
    const survivors = checkpoint.mask.reduce((s, x) => s + x, 0);
    const w = loadWeights(ckpt);
    expect([w.rows, w.cols, w.rowPtr[w.rows]]).toEqual([checkpoint.nInputs, checkpoint.neurons, survivors]);
    const r = xsnn('map', '--weights', ckpt, '--crossbar', '8x4', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: checkpoint.nInputs, cols: 6, nnz: survivors });
  });
});
