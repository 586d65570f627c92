import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShard, selectShard } from '../../src/sweep/index.js';
import { fcOptions } from '../_support/fc.js';

describe('shards', () => {
  it('reads k/n 1-based, and 0 as n', () => {
    expect(parseShard('1/3')).toEqual({ k: 1, n: 3 });
    expect(parseShard('3/3')).toEqual({ k: 3, n: 3 });
    expect(parseShard('0/3')).toEqual({ k: 3, n: 3 });
    for (const bad of ['4/3', '1/0', 'a/b', '-1/3', '1']) expect(() => parseShard(bad)).toThrow(/parseShard: bad shard/);
  });

  it('partitions the points whether indices are 1-based or 0-based', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 20 }), fc.boolean(), (p, n, zeroBased) => {
        const items = Array.from({ length: p }, (_, i) => i);
        const got: number[] = [];
        for (let i = 0; i < n; i++) got.push(...selectShard(items, parseShard(`${zeroBased ? i : i + 1}/${n}`)));
        expect(got.sort((a, b) => a - b)).toEqual(items);
      }),
      fcOptions(),
    );
  });
});
