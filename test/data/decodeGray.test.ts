import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { XsnnError } from '../../src/config/index.js';
import { decodeGray } from '../../src/data/index.js';

describe('decodeGray', () => {
  it('composites transparency over black and converts to BT.601 luma', async () => {
    const canvas = createCanvas(3, 1);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = 'rgba(255,255,255,0.5)';
    ctx.fillRect(0, 0, 1, 1);
    ctx.fillStyle = 'rgb(0,0,255)';
    ctx.fillRect(1, 0, 1, 1);
    // pixel 2 stays fully transparent
    const img = await decodeGray(canvas.encodeSync('png'), 'mem.png');
    expect([img.width, img.height]).toEqual([3, 1]);
    expect(Math.abs(img.gray[0]! - 128)).toBeLessThanOrEqual(1);
    expect(img.gray[1]).toBeCloseTo(0.114 * 255, 4);
    expect(img.gray[2]).toBe(0);
  });

  it('accepts trailing bytes after the end marker but refuses other formats', async () => {
    const png = createCanvas(4, 4).encodeSync('png');
    await expect(decodeGray(Buffer.concat([png, Buffer.alloc(100)]), 'padded.png')).resolves.toMatchObject({ width: 4, height: 4 });
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
    await expect(decodeGray(gif, 'x.png')).rejects.toThrow(XsnnError);
    await expect(decodeGray(new Uint8Array(0), 'empty.jpg')).rejects.toThrow(/empty\.jpg: unreadable image/);
  });
});
