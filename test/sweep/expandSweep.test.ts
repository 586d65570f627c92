import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandSweep, loadSweepSpec, resolveSweep } from '../../src/sweep/index.js';
import { makeSweepFixture } from './_support/sweepFixture.js';

const points = (spec: string) => expandSweep(resolveSweep(loadSweepSpec(spec)));

describe('expandSweep', () => {
  it('makes one point per network × size × periphery × device × σ, with distinct keys', () => {
    const { spec } = makeSweepFixture();
    const ps = points(spec);
    expect(ps).toHaveLength(2 * 3 * 1 * 2 * 2);
    expect(new Set(ps.map((p) => p.key)).size).toBe(ps.length);
    // simulation groups: the points that differ only in their size, adjacent, each listing the group's sizes
    expect(new Set(ps.map((p) => p.groupKey)).size).toBe(2 * 1 * 2 * 2);
    for (let g = 0; g < ps.length; g += 3) {
      const group = ps.slice(g, g + 3);
      expect(new Set(group.map((p) => p.groupKey)).size).toBe(1);
      expect(group.map((p) => ({ rows: p.crossbar.rows, cols: p.crossbar.cols }))).toEqual(group[0]!.groupCrossbars);
    }
  });

  it('evaluates variation levels after the first only at the sizes listed', () => {
    const { spec } = makeSweepFixture({ variation: '{ levels: [0, 0.05, 0.1], crossbars: ["16x32"] }' });
    const ps = points(spec);
    expect(ps).toHaveLength(2 * 3 * 2 + 2 * 1 * 2 * 2);
    expect(ps.filter((p) => p.variationSigma > 0).every((p) => p.crossbar.rows === 16 && p.crossbar.cols === 32)).toBe(true);
  });

  it('is deterministic and keyed by contents, not paths', () => {
    const { dir, spec } = makeSweepFixture();
    const a = points(spec).map((p) => p.key);
    expect(points(spec).map((p) => p.key)).toEqual(a);
    cpSync(join(dir, 'ckpt', 'dense'), join(dir, 'moved-dense'), { recursive: true });
    writeFileSync(spec, readFileSync(spec, 'utf8').replace(join(dir, 'ckpt', 'dense'), join(dir, 'moved-dense')));
    expect(points(spec).map((p) => p.key)).toEqual(a);
  });

  it('changes the keys when a preset or checkpoint changes', () => {
    const { dir, spec } = makeSweepFixture();
    const before = points(spec);
    writeFileSync(join(dir, 'dev0.yaml'), 'name: dev0\nron: "101 kohm"\nsource: edited\n');
    const after = points(spec);
    const changed = after.filter((p, i) => p.key !== before[i]!.key);
    expect(changed.length).toBe(before.length / 2);
    expect(changed.every((p) => p.device.name === 'dev0')).toBe(true);
    writeFileSync(join(dir, 'ckpt', 'sparse', 'weights.bin'), 'retrained');
    const again = points(spec);
    expect(again.filter((p, i) => p.key !== after[i]!.key).every((p) => p.network.name === 'sparse')).toBe(true);
  });
});
