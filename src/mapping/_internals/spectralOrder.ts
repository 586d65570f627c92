import type { Rng } from '../../core/Rng.js';
import type { BandFrame } from './MappingProblem.js';

/**
 * Spectral co-clustering order (after Dhillon, KDD 2001, bipartite spectral
 * partitioning): the second left and right singular vectors of
 * B = D₁^{-1/2} A D₂^{-1/2} (D₁, D₂ the row and column degrees), by power
 * iteration on BBᵀ with the known top vector √d₁ projected out, then scaled back
 * by D^{-1/2}. Sorting rows (and columns) by them places rows that share columns
 * next to each other. Returns the frame's rows in that order (rows without
 * entries last) and each column's rank. O(iterations · nnz).
 */
export function spectralOrder(frame: BandFrame, rng: Rng, iterations: number): { order: Int32Array; colRank: Int32Array } {
  const { a, deg, colDeg } = frame;
  const m = a.rows;
  const n = a.cols;
  const s1 = new Float64Array(m);
  const s2 = new Float64Array(n);
  for (let r = 0; r < m; r++) s1[r] = deg[r]! > 0 ? 1 / Math.sqrt(deg[r]!) : 0;
  for (let c = 0; c < n; c++) s2[c] = colDeg[c]! > 0 ? 1 / Math.sqrt(colDeg[c]!) : 0;
  // Top left singular vector u1 ∝ √d₁.
  const u1 = new Float64Array(m);
  let norm = 0;
  for (let r = 0; r < m; r++) norm += deg[r]!;
  for (let r = 0; r < m; r++) u1[r] = norm > 0 ? Math.sqrt(deg[r]! / norm) : 0;
  let x = new Float64Array(m);
  for (let r = 0; r < m; r++) x[r] = deg[r]! > 0 ? rng.uniform() - 0.5 : 0;
  const y = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    let dot = 0;
    for (let r = 0; r < m; r++) dot += u1[r]! * x[r]!;
    for (let r = 0; r < m; r++) x[r]! -= dot * u1[r]!;
    y.fill(0);
    for (let r = 0; r < m; r++) {
      const v = x[r]! * s1[r]!;
      if (v === 0) continue;
      for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) y[a.colIdx[k]!]! += v;
    }
    for (let c = 0; c < n; c++) y[c]! *= s2[c]! * s2[c]!;
    const nx = new Float64Array(m);
    let len = 0;
    for (let r = 0; r < m; r++) {
      let acc = 0;
      for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) acc += y[a.colIdx[k]!]!;
      nx[r] = acc * s1[r]!;
      len += nx[r]! * nx[r]!;
    }
    len = Math.sqrt(len);
    if (!(len > 0)) break;
    for (let r = 0; r < m; r++) nx[r]! /= len;
    x = nx;
  }
  // Right vector from the left one: v ∝ D₂^{-1/2} Bᵀ x.
  y.fill(0);
  for (let r = 0; r < m; r++) {
    const v = x[r]! * s1[r]!;
    for (let k = a.rowPtr[r]!; k < a.rowPtr[r + 1]!; k++) y[a.colIdx[k]!]! += v;
  }
  const rowKey = new Float64Array(m);
  for (let r = 0; r < m; r++) rowKey[r] = x[r]! * s1[r]!;
  const colKey = new Float64Array(n);
  for (let c = 0; c < n; c++) colKey[c] = y[c]! * s2[c]! * s2[c]!;
  const order = Int32Array.from({ length: m }, (_, r) => r).sort((p, q) => {
    const ep = deg[p] === 0 ? 1 : 0;
    const eq = deg[q] === 0 ? 1 : 0;
    return ep - eq || rowKey[p]! - rowKey[q]! || p - q;
  });
  const cols = Int32Array.from({ length: n }, (_, c) => c).sort((p, q) => colKey[p]! - colKey[q]! || p - q);
  const colRank = new Int32Array(n);
  for (let q = 0; q < n; q++) colRank[cols[q]!] = q;
  return { order, colRank };
}
