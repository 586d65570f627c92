import { describe, expect, it } from 'vitest';
import { XsnnError } from '../../src/config/index.js';
import { inputSize, makePatternDataset, patternIntensity } from '../../src/data/index.js';

function templates(classes: number, w: number, h: number): Float64Array[] {
  return Array.from({ length: classes }, (_, c) => {
    const t = new Float64Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) t[y * w + x] = patternIntensity(c, classes, x, y, w, h);
    return t;
  });
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    s += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return s / Math.sqrt(na * nb);
}

describe('makePatternDataset', () => {
  it('makes count balanced images of the requested size, one grayscale channel', () => {
    const ds = makePatternDataset({ classes: 3, count: 31, width: 12, height: 10, noise: 0.1, seed: 1 });
    expect([ds.count, ds.width, ds.height, ds.channels, ds.classes]).toEqual([31, 12, 10, 1, 3]);
    expect(inputSize(ds)).toBe(120);
    expect(ds.pixels.length).toBe(31 * 120);
    const perClass = [0, 0, 0];
    for (const l of ds.labels) perClass[l]!++;
    expect(perClass).toEqual([11, 10, 10]);
    expect(ds.classNames).toHaveLength(3);
  });

  it('uses well separated templates: for up to 8 classes, no two overlap by more than a few percent', () => {
    for (let classes = 2; classes <= 8; classes++) {
      const t = templates(classes, 16, 16);
      for (let a = 0; a < classes; a++) {
        expect(t[a]!.filter((v) => v > 128).length).toBeGreaterThan(8);
        for (let b = a + 1; b < classes; b++) expect(cosine(t[a]!, t[b]!)).toBeLessThan(0.05);
      }
    }
  });

  it('without noise or jitter, every image is its class template', () => {
    const ds = makePatternDataset({ classes: 4, count: 8, noise: 0, jitter: 0 });
    const t = templates(4, 16, 16);
    for (let k = 0; k < ds.count; k++) {
      expect(Array.from(ds.pixels.subarray(k * 256, (k + 1) * 256))).toEqual(Array.from(t[ds.labels[k]!]!, Math.round));
    }
  });

  it('stays classifiable by the nearest template under noise and jitter', () => {
    for (const classes of [2, 3, 4]) {
      const ds = makePatternDataset({ classes, count: 120, noise: 0.2, jitter: 1, seed: 5 });
      const t = templates(classes, 16, 16);
      let correct = 0;
      for (let k = 0; k < ds.count; k++) {
        const img = ds.pixels.subarray(k * 256, (k + 1) * 256);
        let best = 0;
        for (let c = 1; c < classes; c++) if (cosine(img, t[c]!) > cosine(img, t[best]!)) best = c;
        if (best === ds.labels[k]) correct++;
      }
      expect(correct / ds.count).toBeGreaterThanOrEqual(0.98);
    }
  });

  it('is deterministic in its seed', () => {
    const a = makePatternDataset({ count: 50, seed: 9 });
    const b = makePatternDataset({ count: 50, seed: 9 });
    const c = makePatternDataset({ count: 50, seed: 10 });
    expect(b.sha256).toBe(a.sha256);
    expect(Buffer.from(b.pixels).equals(Buffer.from(a.pixels))).toBe(true);
    expect(c.sha256).not.toBe(a.sha256);
  });

  it('refuses bad options, naming the function', () => {
    expect(() => makePatternDataset({ classes: 1 })).toThrow(XsnnError);
    expect(() => makePatternDataset({ classes: 9 })).toThrow(/makePatternDataset: classes/);
    expect(() => makePatternDataset({ width: 4 })).toThrow(/width and height/);
    expect(() => makePatternDataset({ noise: -0.1 })).toThrow(/noise/);
    expect(() => makePatternDataset({ jitter: 3 })).toThrow(/jitter/);
    expect(() => makePatternDataset({ count: 2.5 })).toThrow(/count/);
  });
});
