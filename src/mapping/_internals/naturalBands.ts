import type { BandFrame } from './MappingProblem.js';

/** A partition of a frame's rows into bands (`-1` for rows without entries). */
export interface Bands {
  readonly band: Int32Array;
  readonly bands: number;
}

/**
 * Bands in a given row order. Uncapped: consecutive runs of `bandRows` positions
 * of `order` (default natural order, where band = ⌊r / bandRows⌋ counting empty
 * rows too, exactly the row blocks of naive blocking). Capped (no split): first
 * fit in order, a band closes when the next row's columns would not fit one tile.
 */
export function bandsInOrder(frame: BandFrame, order?: Int32Array): Bands {
  const a = frame.a;
  const band = new Int32Array(a.rows).fill(-1);
  if (!frame.capped) {
    if (order === undefined) {
      let max = -1;
      for (let r = 0; r < a.rows; r++) {
        if (frame.deg[r]! > 0) {
          band[r] = Math.floor(r / frame.bandRows);
          max = band[r]!;
        }
      }
      return compactBands(band, max + 1);
    }
    let p = 0;
    for (let q = 0; q < order.length; q++) {
      const r = order[q]!;
      if (frame.deg[r]! === 0) continue;
      band[r] = Math.floor(p / frame.bandRows);
      p++;
    }
    return { band, bands: Math.ceil(p / frame.bandRows) };
  }
  const stamp = new Int32Array(a.cols).fill(-1);
  let b = -1;
  let size = frame.bandRows;
  let width = 0;
  for (let q = 0; q < a.rows; q++) {
    const r = order === undefined ? q : order[q]!;
    if (frame.deg[r]! === 0) continue;
    let fresh = 0;
    if (b >= 0) for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) if (stamp[a.colIdx[k]!] !== b) fresh++;
    if (b < 0 || size >= frame.bandRows || width + fresh > frame.tileWidth) {
      b++;
      size = 0;
      width = 0;
    }
    for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) {
      const c = a.colIdx[k]!;
      if (stamp[c] !== b) {
        stamp[c] = b;
        width++;
      }
    }
    band[r] = b;
    size++;
  }
  return { band, bands: b + 1 };
}

/** Renumbers bands to drop empty ones, keeping their order. */
export function compactBands(band: Int32Array, bands: number): Bands {
  const used = new Int32Array(bands).fill(-1);
  for (let r = 0; r < band.length; r++) if (band[r]! >= 0) used[band[r]!] = 1;
  let n = 0;
  for (let b = 0; b < bands; b++) if (used[b]! > 0) used[b] = n++;
  const out = new Int32Array(band.length);
  for (let r = 0; r < band.length; r++) out[r] = band[r]! >= 0 ? used[band[r]!]! : -1;
  return { band: out, bands: n };
}
