import type { CsrMatrix } from '../../data/CsrMatrix.js';
import type { MappedTile, MappingMetrics } from './Mapping.js';
import { lowerBounds, naiveTileCount } from './lowerBounds.js';

/**
 * Computes the metrics of mapping.md from a mapping's tiles:
 * K = tiles, utilisation = nnz/(K·R·C), Σλ = Σ_t |rows_t|, Σμ = Σ_t |cols_t|,
 * row-read energy Σ_t |cols_t| · Σ_{i∈rows_t} ρ_i (= Σ_i ρ_i Σ_{t∋i} |cols_t|),
 * traffic Σλ + Σμ, the lower bounds and the naive block count of `weights`.
 */
export function mappingMetrics(
  weights: CsrMatrix,
  tiles: readonly MappedTile[],
  tileRows: number,
  tileCols: number,
  inputRates?: ArrayLike<number>,
): MappingMetrics {
  const nz = weights.rowPtr[weights.rows]!;
  const lb = lowerBounds(weights, tileRows, tileCols);
  const naive = naiveTileCount(weights, tileRows, tileCols);
  let sumLambda = 0;
  let sumMu = 0;
  let energy = 0;
  for (const t of tiles) {
    sumLambda += t.rows.length;
    sumMu += t.cols.length;
    let rate = 0;
    for (let a = 0; a < t.rows.length; a++) rate += inputRates === undefined ? 1 : inputRates[t.rows[a]!]!;
    energy += rate * t.cols.length;
  }
  const K = tiles.length;
  return {
    tiles: K,
    naiveTiles: naive,
    lowerBound: lb,
    tilesPerLowerBound: lb.max === 0 ? 1 : K / lb.max,
    tilesPerNaive: naive === 0 ? 1 : K / naive,
    utilisation: K === 0 ? 0 : nz / (K * tileRows * tileCols),
    sumLambda,
    sumMu,
    rowReadEnergy: energy,
    traffic: sumLambda + sumMu,
  };
}
