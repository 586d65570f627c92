import { XsnnError } from '../config/XsnnError.js';

/** A decoded single-channel image, luma 0–255 as floats, row-major. */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly gray: Float32Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IEND = [0x49, 0x45, 0x4e, 0x44]; // "IEND"

/**
 * Decodes a PNG or JPEG file's bytes (with `@napi-rs/canvas`, i.e. Skia) at its
 * native size and converts it to ITU-R BT.601 luma,
 *
 *     Y = 0.299 R + 0.587 G + 0.114 B
 *
 * on the stored (gamma-encoded) 0–255 values. Transparent pixels are composited
 * over black. Before decoding, the bytes must start with a PNG or JPEG signature
 * and hold the format's end marker in their last half (PNG `IEND` chunk; JPEG
 * EOI `FF D9`; trailing bytes after it are allowed), because the decoder silently fills a truncated file with
 * transparent pixels. Anything else is an {@link XsnnError} naming `file`.
 */
export async function decodeGray(bytes: Uint8Array, file: string): Promise<GrayImage> {
  const kind = sniff(bytes);
  if (kind === undefined) throw new XsnnError('unreadable image: not a PNG or JPEG file', { file, expected: 'PNG or JPEG bytes' });
  if (!hasEndMarker(bytes, kind)) {
    throw new XsnnError(`corrupt image: truncated ${kind.toUpperCase()} file (no end marker)`, { file, received: `${bytes.length} bytes` });
  }
  const { createCanvas, loadImage } = await import('@napi-rs/canvas'); // loaded on first use, not by `import 'xsnn'`
  let image: Awaited<ReturnType<typeof loadImage>>;
  try {
    image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    throw new XsnnError(`corrupt image: cannot decode ${kind.toUpperCase()} (${err instanceof Error ? err.message : String(err)})`, { file });
  }
  const width = image.width;
  const height = image.height;
  if (!(width > 0 && height > 0)) throw new XsnnError('corrupt image: zero size', { file, received: `${width}x${height}` });
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#000000';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(image, 0, 0);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const gray = new Float32Array(width * height);
  for (let i = 0, p = 0; i < gray.length; i++, p += 4) {
    gray[i] = 0.299 * rgba[p]! + 0.587 * rgba[p + 1]! + 0.114 * rgba[p + 2]!;
  }
  return { width, height, gray };
}

function sniff(b: Uint8Array): 'png' | 'jpeg' | undefined {
  if (b.length >= 8 && PNG_SIGNATURE.every((v, i) => b[i] === v)) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  return undefined;
}

function hasEndMarker(b: Uint8Array, kind: 'png' | 'jpeg'): boolean {
  // Look for the marker in the last half (at least the last 1 KiB), allowing
  // trailing bytes after it. A JPEG's entropy-coded data cannot contain FF D9;
  // an embedded EXIF thumbnail's EOI sits near the start of the file.
  const from = Math.max(0, Math.min(b.length - 1024, b.length >> 1));
  if (kind === 'png') {
    for (let i = b.length - 4; i >= from; i--) {
      if (b[i] === PNG_IEND[0] && b[i + 1] === PNG_IEND[1] && b[i + 2] === PNG_IEND[2] && b[i + 3] === PNG_IEND[3]) return true;
    }
    return false;
  }
  for (let i = b.length - 2; i >= Math.max(from, 2); i--) {
    if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
  }
  return false;
}
