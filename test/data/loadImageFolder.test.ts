import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XsnnError } from '../../src/config/index.js';
import { inputSize, loadImageFolder } from '../../src/data/index.js';
import { tempDir, writeCircle, writeDrawn, writeGrayPng, writeSquare } from '../_support/images.js';

/** Sampled, normalised Gaussian with |k| <= r, as documented on DogOptions. */
function gaussian(sigma: number, r: number): number[] {
  const w: number[] = [];
  for (let k = -r; k <= r; k++) w.push(Math.exp(-(k * k) / (2 * sigma * sigma)));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / s);
}

/** Response of a normalised kernel to a 0→1 step between x = edge-1 and x = edge. */
function stepResponse(w: number[], r: number, x: number, edge: number): number {
  let acc = 0;
  for (let k = -r; k <= r; k++) if (x + k >= edge) acc += w[k + r]!;
  return acc;
}

let root: string;
let shapes: string;

beforeAll(() => {
  root = tempDir('xsnn-imgfolder-');
  shapes = join(root, 'shapes');
  for (let i = 0; i < 4; i++) {
    writeSquare(join(shapes, 'squares', `sq${i}.png`), 40, 8, 32);
    writeCircle(join(shapes, 'circles', `c${i}.png`), 40, 10 + i);
  }
  writeFileSync(join(shapes, 'squares', 'notes.txt'), 'not an image, ignored');
  writeFileSync(join(shapes, 'squares', '.hidden.png'), 'ignored');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('loadImageFolder', () => {
  it('labels sub-folders in sorted name order and resizes to the requested size', async () => {
    const ds = await loadImageFolder({ dir: shapes, width: 20, height: 20 });
    expect(ds.classNames).toEqual(['circles', 'squares']);
    expect(ds.classes).toBe(2);
    expect(ds.count).toBe(8);
    expect([ds.width, ds.height, ds.channels]).toEqual([20, 20, 1]);
    expect(ds.pixels.length).toBe(8 * 400);
    expect(Array.from(ds.labels).sort()).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    // A block-aligned white square [8,32)² on 40×40 becomes exactly [4,16)² at 20×20 (2×2 block means).
    for (let k = 0; k < ds.count; k++) {
      if (ds.labels[k] !== 1) continue;
      const img = ds.pixels.subarray(k * 400, (k + 1) * 400);
      for (let y = 0; y < 20; y++)
        for (let x = 0; x < 20; x++) {
          expect(img[y * 20 + x]).toBe(x >= 4 && x < 16 && y >= 4 && y < 16 ? 255 : 0);
        }
    }
  });

  it('converts colour to ITU-R BT.601 luma', async () => {
    const dir = join(root, 'luma');
    writeDrawn(join(dir, 'a', 'orange.png'), 6, 4, (ctx) => {
      ctx.fillStyle = 'rgb(200,100,50)';
      ctx.fillRect(0, 0, 6, 4);
    });
    const ds = await loadImageFolder({ dir, width: 3, height: 2 });
    // 0.299·200 + 0.587·100 + 0.114·50 = 124.2
    expect(Array.from(ds.pixels)).toEqual(new Array(6).fill(124));
  });

  it('resizes by area averaging (stripes of 0/255 halve to 128) and crops with fit: cover', async () => {
    const dir = join(root, 'area');
    writeGrayPng(join(dir, 'a', 'stripes.png'), 8, 4, (x) => (x % 2 === 0 ? 0 : 255));
    const half = await loadImageFolder({ dir, width: 4, height: 2 });
    expect(Array.from(half.pixels)).toEqual(new Array(8).fill(128));

    const wide = join(root, 'wide');
    writeGrayPng(join(wide, 'a', 'left.png'), 40, 20, (x) => (x < 10 ? 255 : 0));
    const stretch = await loadImageFolder({ dir: wide, width: 10, height: 10 });
    // 4 source columns per target column: columns 0,1 white, column 2 covers x=8..11 (half white).
    expect(Array.from(stretch.pixels.subarray(0, 10))).toEqual([255, 255, 128, 0, 0, 0, 0, 0, 0, 0]);
    const cover = await loadImageFolder({ dir: wide, width: 10, height: 10, fit: 'cover' });
    // The centred 20×20 crop is x in [10, 30): all black.
    expect(cover.pixels.every((v) => v === 0)).toBe(true);
  });

  it('splits a DoG response into ON and OFF channels on a step edge as the kernels predict', async () => {
    const dir = join(root, 'edge');
    const W = 32;
    const H = 8;
    const edge = 16;
    writeGrayPng(join(dir, 'a', 'step.png'), W, H, (x) => (x >= edge ? 255 : 0));
    const sc = 1;
    const ss = 2;
    const r = 6;
    const ds = await loadImageFolder({ dir, width: W, height: H, dog: { sigmaCenter: sc, sigmaSurround: ss } });
    expect(ds.channels).toBe(2);
    expect(inputSize(ds)).toBe(2 * W * H);
    expect(ds.pixels.length).toBe(2 * W * H);
    const on = ds.pixels.subarray(0, W * H);
    const off = ds.pixels.subarray(W * H, 2 * W * H);

    const wc = gaussian(sc, r);
    const ws = gaussian(ss, r);
    const dog = Array.from({ length: W }, (_, x) => 255 * (stepResponse(wc, r, x, edge) - stepResponse(ws, r, x, edge)));
    const max = Math.max(...dog.map(Math.abs));
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const d = dog[x]!;
        // ON on the bright side, OFF on the dark side, never both.
        expect(Math.abs(on[y * W + x]! - (d > 0 ? Math.round((255 * d) / max) : 0))).toBeLessThanOrEqual(1);
        expect(Math.abs(off[y * W + x]! - (d < 0 ? Math.round((-255 * d) / max) : 0))).toBeLessThanOrEqual(1);
        if (x < edge) expect(on[y * W + x]).toBe(0);
        else expect(off[y * W + x]).toBe(0);
        // Antisymmetric about the edge.
        expect(off[y * W + (2 * edge - 1 - x)]).toBe(on[y * W + x]);
        // Nothing further than the kernel radius from the edge.
        if (x < edge - r - 1 || x > edge + r) expect(on[y * W + x]! + off[y * W + x]!).toBe(0);
      }
    }
    // The strongest response maps to 255. For σ = 1, 2 it sits one pixel from the edge, not at it:
    // Φ(1.5) − Φ(0.75) ≈ 0.160 beats Φ(0.5) − Φ(0.25) ≈ 0.092 (continuous approximation).
    const peak = dog.indexOf(Math.max(...dog));
    expect(peak).toBe(edge + 1);
    expect(on[peak]).toBe(255);
    expect(off[2 * edge - 1 - peak]).toBe(255);
    expect(on[edge]).toBeGreaterThan(0);
    expect(on[edge]).toBeLessThan(255);

    // A fixed gain keeps luma units: ON = min(255, round(gain·DoG)).
    const fixed = await loadImageFolder({ dir, width: W, height: H, dog: { sigmaCenter: sc, sigmaSurround: ss, gain: 2 } });
    for (let x = edge; x < W; x++) expect(Math.abs(fixed.pixels[x]! - Math.min(255, Math.round(2 * dog[x]!)))).toBeLessThanOrEqual(1);

    // A flat image has no DoG response anywhere, borders included.
    const flat = join(root, 'flat');
    writeGrayPng(join(flat, 'a', 'gray.png'), 12, 12, () => 90);
    const f = await loadImageFolder({ dir: flat, width: 12, height: 12, dog: { sigmaCenter: 1, sigmaSurround: 3 } });
    expect(f.pixels.every((v) => v === 0)).toBe(true);
  });

  it('is deterministic: same options give the same bytes and hash; the seed only reorders', async () => {
    const a = await loadImageFolder({ dir: shapes, width: 10, height: 10, seed: 7 });
    const b = await loadImageFolder({ dir: shapes, width: 10, height: 10, seed: 7 });
    expect(Buffer.from(b.pixels).equals(Buffer.from(a.pixels))).toBe(true);
    expect(b.sha256).toBe(a.sha256);
    const c = await loadImageFolder({ dir: shapes, width: 10, height: 10, seed: 8 });
    const images = (ds: typeof a) =>
      Array.from({ length: ds.count }, (_, k) => `${ds.labels[k]}:${Buffer.from(ds.pixels.subarray(k * 100, (k + 1) * 100)).toString('hex')}`).sort();
    expect(images(c)).toEqual(images(a));
    const ordered = await loadImageFolder({ dir: shapes, width: 10, height: 10, shuffle: false });
    expect(Array.from(ordered.labels)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
  });

  it('splits each class into disjoint train and test parts, independent of the other classes loaded', async () => {
    const opts = { dir: shapes, width: 8, height: 8, seed: 3, testFraction: 0.25, shuffle: false } as const;
    const train = await loadImageFolder({ ...opts, split: 'train' });
    const test = await loadImageFolder({ ...opts, split: 'test' });
    expect(train.count).toBe(6);
    expect(test.count).toBe(2);
    expect(Array.from(test.labels)).toEqual([0, 1]);
    // Circles differ in radius, so each circle image is unique: train ∪ test = all, disjoint.
    const circleKeys = (ds: typeof train) =>
      Array.from({ length: ds.count }, (_, k) => k)
        .filter((k) => ds.labels[k] === 0)
        .map((k) => Buffer.from(ds.pixels.subarray(k * 64, (k + 1) * 64)).toString('hex'));
    const all = await loadImageFolder({ ...opts, split: 'all' });
    const tr = circleKeys(train);
    const te = circleKeys(test);
    expect(new Set([...tr, ...te]).size).toBe(4);
    expect([...tr, ...te].sort()).toEqual(circleKeys(all).sort());
    const onlyCircles = await loadImageFolder({ ...opts, split: 'test', classes: ['circles'] });
    expect(circleKeys(onlyCircles)).toEqual(te);
  });

  it('follows the classes option for labels, and applies perClass and limit', async () => {
    const ds = await loadImageFolder({ dir: shapes, width: 8, height: 8, classes: ['squares', 'circles'], perClass: 2, shuffle: false });
    expect(ds.classNames).toEqual(['squares', 'circles']);
    expect(Array.from(ds.labels)).toEqual([0, 0, 1, 1]);
    // The first image is a square: target pixel (2, 2) covers source [10, 15)², inside the square [8, 32)².
    expect(ds.pixels[2 * 8 + 2]).toBe(255);
    const limited = await loadImageFolder({ dir: shapes, width: 8, height: 8, limit: 3 });
    expect(limited.count).toBe(3);
    expect(limited.pixels.length).toBe(3 * 64);
  });

  it('decodes JPEG files', async () => {
    const dir = join(root, 'jpeg');
    writeDrawn(
      join(dir, 'a', 'gray.jpg'),
      16,
      16,
      (ctx) => {
        ctx.fillStyle = 'rgb(128,128,128)';
        ctx.fillRect(0, 0, 16, 16);
      },
      'jpeg',
    );
    const ds = await loadImageFolder({ dir, width: 4, height: 4 });
    for (const v of ds.pixels) expect(Math.abs(v - 128)).toBeLessThanOrEqual(2);
  });

  describe('errors', () => {
    const expectError = async (p: Promise<unknown>, ...parts: string[]) => {
      const err = await p.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(XsnnError);
      for (const part of parts) expect((err as Error).message).toContain(part);
    };

    it('names an image file that is not a PNG or JPEG', async () => {
      const dir = join(root, 'garbage');
      writeSquare(join(dir, 'a', 'ok.png'), 8, 2, 6);
      writeFileSync(join(dir, 'a', 'broken.png'), 'this is not an image');
      await expectError(loadImageFolder({ dir, width: 4, height: 4 }), join(dir, 'a', 'broken.png'), 'not a PNG or JPEG');
    });

    it('names a truncated PNG and a truncated JPEG', async () => {
      const dir = join(root, 'truncated');
      writeGrayPng(join(dir, 'a', 'full.png'), 64, 64, (x, y) => (x * 7 + y * 13) % 256);
      const bytes = readFileSync(join(dir, 'a', 'full.png'));
      writeFileSync(join(dir, 'a', 'full.png'), bytes.subarray(0, Math.floor(bytes.length * 0.8)));
      await expectError(loadImageFolder({ dir, width: 4, height: 4 }), 'full.png', 'truncated PNG');

      const jdir = join(root, 'truncatedJpeg');
      writeDrawn(
        join(jdir, 'a', 'photo.jpg'),
        64,
        64,
        (ctx) => {
          for (let i = 0; i < 64; i++) {
            ctx.fillStyle = `rgb(${i * 4},${(i * 37) % 256},90)`;
            ctx.fillRect(i, 0, 1, 64);
          }
        },
        'jpeg',
      );
      const jb = readFileSync(join(jdir, 'a', 'photo.jpg'));
      writeFileSync(join(jdir, 'a', 'photo.jpg'), jb.subarray(0, Math.floor(jb.length * 0.9)));
      await expectError(loadImageFolder({ dir: jdir, width: 4, height: 4 }), 'photo.jpg', 'truncated JPEG');
    });

    it('refuses an empty folder, a class without images, an unknown class and a missing folder', async () => {
      const empty = join(root, 'empty');
      mkdirSync(empty, { recursive: true });
      await expectError(loadImageFolder({ dir: empty, width: 4, height: 4 }), empty, 'no class sub-folders');
      const noImages = join(root, 'noImages');
      writeSquare(join(noImages, 'full', 'a.png'), 8, 2, 6);
      mkdirSync(join(noImages, 'hollow'), { recursive: true });
      writeFileSync(join(noImages, 'hollow', 'readme.txt'), 'no images here');
      await expectError(loadImageFolder({ dir: noImages, width: 4, height: 4 }), "class 'hollow' has no images", join(noImages, 'hollow'));
      await expectError(loadImageFolder({ dir: shapes, width: 4, height: 4, classes: ['faces'] }), "unknown class 'faces'", 'circles, squares');
      await expectError(loadImageFolder({ dir: join(root, 'nope'), width: 4, height: 4 }), join(root, 'nope'), 'ENOENT');
    });

    it('refuses bad options before reading any image', async () => {
      await expectError(loadImageFolder({ dir: shapes, width: 0, height: 4 }), 'loadImageFolder', 'width and height');
      await expectError(loadImageFolder({ dir: shapes, width: 4, height: 4, dog: { sigmaCenter: 2, sigmaSurround: 1 } }), 'sigmaSurround');
      await expectError(loadImageFolder({ dir: shapes, width: 4, height: 4, testFraction: 1.5 }), 'testFraction');
      await expectError(loadImageFolder({ dir: shapes, width: 4, height: 4, limit: -1 }), 'limit');
    });
  });
});
