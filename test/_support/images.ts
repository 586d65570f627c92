import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createCanvas, ImageData, type SKRSContext2D } from '@napi-rs/canvas';

/** A fresh temporary folder for one test. */
export function tempDir(prefix = 'xsnn-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Draws with the 2D context on a black `width×height` canvas and writes it as PNG (or JPEG). */
export function writeDrawn(file: string, width: number, height: number, draw: (ctx: SKRSContext2D) => void, format: 'png' | 'jpeg' = 'png'): void {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#000000';
  ctx.fillRect(0, 0, width, height);
  draw(ctx);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, format === 'png' ? canvas.encodeSync('png') : canvas.encodeSync('jpeg', 95));
}

/** Writes a gray PNG whose pixel (x, y) has intensity `value(x, y)` (0–255, opaque, exact). */
export function writeGrayPng(file: string, width: number, height: number, value: (x: number, y: number) => number): void {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = 4 * (y * width + x);
      const v = value(x, y);
      data[p] = v;
      data[p + 1] = v;
      data[p + 2] = v;
      data[p + 3] = 255;
    }
  }
  const canvas = createCanvas(width, height);
  canvas.getContext('2d').putImageData(new ImageData(data, width, height), 0, 0);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, canvas.encodeSync('png'));
}

/** A bright filled square (block-aligned) on black. */
export function writeSquare(file: string, size: number, from: number, to: number): void {
  writeDrawn(file, size, size, (ctx) => {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(from, from, to - from, to - from);
  });
}

/** A bright filled circle on black. */
export function writeCircle(file: string, size: number, radius: number): void {
  writeDrawn(file, size, size, (ctx) => {
    ctx.fillStyle = '#ffffff';
    ctx.beginPath();
    ctx.arc(size / 2, size / 2, radius, 0, 2 * Math.PI);
    ctx.fill();
  });
}
