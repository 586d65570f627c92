import { XsnnError } from '../config/XsnnError.js';

/** A rectangle of a source image in (fractional) pixels: the part that is resized. */
export interface SourceRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Resizes a single-channel row-major image by area averaging (a box filter):
 * destination pixel (i, j) is the mean of the source over the rectangle it
 * covers, each source pixel weighted by its overlap area,
 *
 *     out(i, j) = Σ_(x,y) src(x, y) · |[x, x+1) ∩ X_i| · |[y, y+1) ∩ Y_j| / (s_x · s_y)
 *
 * with `X_i = [r.x + i·s_x, r.x + (i+1)·s_x)`, `s_x = r.width / dstWidth` (same for y).
 * Equal sizes give the identity; integer factors give block means. `rect`
 * (default: the whole image) selects a crop, e.g. a centre crop that keeps the
 * aspect ratio. Separable: rows first, then columns.
 */
export function resizeArea(src: Float32Array, srcWidth: number, srcHeight: number, dstWidth: number, dstHeight: number, rect?: SourceRect): Float32Array {
  if (src.length !== srcWidth * srcHeight)
    throw new XsnnError(`resizeArea: expected ${srcWidth}x${srcHeight}=${srcWidth * srcHeight} pixels, got ${src.length}`);
  if (!(Number.isInteger(dstWidth) && dstWidth > 0 && Number.isInteger(dstHeight) && dstHeight > 0)) {
    throw new XsnnError(`resizeArea: target size must be whole numbers > 0, got ${dstWidth}x${dstHeight}`);
  }
  const r = rect ?? { x: 0, y: 0, width: srcWidth, height: srcHeight };
  if (!(r.x >= 0 && r.y >= 0 && r.width > 0 && r.height > 0 && r.x + r.width <= srcWidth + 1e-9 && r.y + r.height <= srcHeight + 1e-9)) {
    throw new XsnnError(`resizeArea: crop ${JSON.stringify(r)} is not inside the ${srcWidth}x${srcHeight} image`);
  }
  const wx = axisWeights(r.x, r.width, dstWidth, srcWidth);
  const wy = axisWeights(r.y, r.height, dstHeight, srcHeight);
  // Horizontal pass: srcHeight rows × dstWidth.
  const tmp = new Float32Array(srcHeight * dstWidth);
  for (let y = 0; y < srcHeight; y++) {
    const row = y * srcWidth;
    for (let i = 0; i < dstWidth; i++) {
      let acc = 0;
      for (let k = wx.start[i]!; k < wx.start[i + 1]!; k++) acc += src[row + wx.index[k]!]! * wx.weight[k]!;
      tmp[y * dstWidth + i] = acc;
    }
  }
  // Vertical pass.
  const out = new Float32Array(dstWidth * dstHeight);
  for (let j = 0; j < dstHeight; j++) {
    for (let i = 0; i < dstWidth; i++) {
      let acc = 0;
      for (let k = wy.start[j]!; k < wy.start[j + 1]!; k++) acc += tmp[wy.index[k]! * dstWidth + i]! * wy.weight[k]!;
      out[j * dstWidth + i] = acc;
    }
  }
  return out;
}

interface AxisWeights {
  /** dst+1 offsets into index/weight (CSR-like). */
  start: Int32Array;
  index: Int32Array;
  weight: Float64Array;
}

function axisWeights(offset: number, span: number, dst: number, srcLen: number): AxisWeights {
  const step = span / dst;
  const start = new Int32Array(dst + 1);
  const index: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < dst; i++) {
    const a = offset + i * step;
    const b = Math.min(offset + (i + 1) * step, srcLen);
    for (let s = Math.floor(a); s < b && s < srcLen; s++) {
      const overlap = Math.min(b, s + 1) - Math.max(a, s);
      if (overlap > 1e-12) {
        index.push(s);
        weight.push(overlap / step);
      }
    }
    start[i + 1] = index.length;
  }
  return { start, index: Int32Array.from(index), weight: Float64Array.from(weight) };
}
