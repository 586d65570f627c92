import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XsnnError } from '../../src/config/index.js';
import { loadMnist, parseIdx, readIdx } from '../../src/data/index.js';
import { tempDir } from '../_support/images.js';

/** An IDX file of unsigned bytes with the given dimensions. */
function idx(dims: number[], data: number[]): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt8(0x08, 2);
  head.writeUInt8(dims.length, 3);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(data)]);
}

let dir: string;
beforeAll(() => {
  dir = tempDir('xsnn-idx-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseIdx', () => {
  it('reads dimensions and data', () => {
    const a = parseIdx(idx([2, 3], [1, 2, 3, 4, 5, 6]), 'x');
    expect(a.dims).toEqual([2, 3]);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses short, foreign, truncated and over-long files, naming the file', () => {
    const cases: Array<[Uint8Array, RegExp]> = [
      [Buffer.from([0, 0]), /shorter than its 4-byte header/],
      [Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4]), /bad magic number/], // a gzip file
      [Buffer.from([0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]), /bad magic number/], // floats, not bytes
      [idx([2, 3], [1, 2, 3, 4, 5]), /length does not match/],
      [idx([2, 3], [1, 2, 3, 4, 5, 6, 7]), /length does not match/],
      [idx([5, 5], [1]).subarray(0, 9), /truncated header/],
    ];
    for (const [bytes, msg] of cases) {
      expect(() => parseIdx(bytes, 'data/bad.idx')).toThrow(XsnnError);
      expect(() => parseIdx(bytes, 'data/bad.idx')).toThrow(msg);
      expect(() => parseIdx(bytes, 'data/bad.idx')).toThrow(/^data\/bad\.idx: /);
    }
    expect(() => parseIdx(idx([2, 3], [1, 2, 3, 4, 5, 6]), 'x', 3)).toThrow(/wrong number of dimensions/);
  });
});

describe('readIdx and loadMnist on corrupt files', () => {
  it('names a missing file', () => {
    expect(() => readIdx(join(dir, 'absent'))).toThrow(/absent: cannot read IDX file: ENOENT/);
  });

  it('refuses a truncated image file and labels that disagree with the images', () => {
    writeFileSync(join(dir, 'train-images-idx3-ubyte'), idx([2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7]).subarray(0, 20));
    writeFileSync(join(dir, 'train-labels-idx1-ubyte'), idx([2], [3, 4]));
    expect(() => loadMnist({ dir })).toThrow(/train-images-idx3-ubyte: corrupt IDX file/);
    writeFileSync(join(dir, 'train-images-idx3-ubyte'), idx([2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7]));
    writeFileSync(join(dir, 'train-labels-idx1-ubyte'), idx([3], [3, 4, 5]));
    expect(() => loadMnist({ dir })).toThrow(/disagree on the image count/);
    writeFileSync(join(dir, 'train-labels-idx1-ubyte'), idx([2], [3, 12]));
    expect(() => loadMnist({ dir })).toThrow(/corrupt label 12 at index 1/);
    writeFileSync(join(dir, 'train-labels-idx1-ubyte'), idx([2], [3, 4]));
    const tiny = loadMnist({ dir });
    expect([tiny.count, tiny.width, tiny.height, tiny.channels]).toEqual([2, 2, 2, 1]);
    expect(() => loadMnist({ dir, limit: -1 })).toThrow(/limit must be a whole number/);
    expect(() => loadMnist({ dir, limit: 1.5 })).toThrow(/limit must be a whole number/);
  });
});

describe('loadMnist cache', () => {
  it('gives the same dataset while its files are unchanged and reads them again once one changes', () => {
    const sub = join(dir, 'cache');
    mkdirSync(sub);
    writeFileSync(join(sub, 'train-images-idx3-ubyte'), idx([2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7]));
    writeFileSync(join(sub, 'train-labels-idx1-ubyte'), idx([2], [3, 4]));
    const a = loadMnist({ dir: sub });
    expect(loadMnist({ dir: sub })).toBe(a);
    expect(loadMnist({ dir: sub, limit: 1 }).count).toBe(1);
    writeFileSync(join(sub, 'train-images-idx3-ubyte'), idx([1, 2, 2], [9, 9, 9, 9]));
    writeFileSync(join(sub, 'train-labels-idx1-ubyte'), idx([1], [7]));
    const b = loadMnist({ dir: sub });
    expect(b).not.toBe(a);
    expect(Array.from(b.labels)).toEqual([7]);
    expect(b.sha256).not.toBe(a.sha256);
  });
});

describe('loadMnist on the real files', () => {
  it('loads 60,000 training and 10,000 test images of 28×28 with the known first labels', () => {
    const train = loadMnist({ split: 'train' });
    expect([train.count, train.width, train.height, train.channels, train.classes]).toEqual([60000, 28, 28, 1, 10]);
    expect(train.pixels.length).toBe(60000 * 784);
    expect(Array.from(train.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    const test = loadMnist({ split: 'test' });
    expect(test.count).toBe(10000);
    expect(Array.from(test.labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
    const counts = new Array(10).fill(0);
    for (const l of test.labels) counts[l]++;
    expect(counts).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  it('takes the first images with limit and names the slice', () => {
    const ds = loadMnist({ split: 'test', limit: 100 });
    expect(ds.count).toBe(100);
    expect(ds.name).toBe('mnist:test[0:100]');
    expect(ds.pixels.length).toBe(100 * 784);
    expect(loadMnist({ split: 'test', limit: 100 }).sha256).toBe(ds.sha256);
  });
});
