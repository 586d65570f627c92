import { describe, expect, it } from 'vitest';
import { XsnnError } from '../../src/config/index.js';
import { inputSize, takeImages, makePatternDataset } from '../../src/data/index.js';

describe('Dataset helpers', () => {
  it('inputSize is width × height × channels', () => {
    expect(inputSize({ width: 28, height: 28, channels: 1 })).toBe(784);
    expect(inputSize({ width: 20, height: 10, channels: 2 })).toBe(400);
  });

  it('takeImages is a view of the first n images that names the slice', () => {
    const ds = makePatternDataset({ count: 10, width: 8, height: 8 });
    const head = takeImages(ds, 3);
    expect(head.count).toBe(3);
    expect(head.pixels.length).toBe(3 * 64);
    expect(head.labels.length).toBe(3);
    expect(head.pixels.buffer).toBe(ds.pixels.buffer);
    expect(Array.from(head.pixels)).toEqual(Array.from(ds.pixels.subarray(0, 192)));
    expect(head.name).toBe(`${ds.name}[0:3]`);
    expect(takeImages(ds, 10)).toBe(ds);
    expect(takeImages(ds, 99)).toBe(ds);
    expect(takeImages(ds, 0).count).toBe(0);
    expect(() => takeImages(ds, -1)).toThrow(XsnnError);
    expect(() => takeImages(ds, 1.5)).toThrow(/takeImages: n must be a whole number/);
  });
});
