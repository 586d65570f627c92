import type { CsrMatrix } from '../core/CsrMatrix.js';
import type { MappedTile, MappingMetrics } from './Mapping.js';
import { lowerBounds, naiveTileCount, type TileSize } from './lowerBounds.js';

/** Options of {@link mappingMetrics}. */
export interface MappingMetricsOptions extends TileSize {
  /**
   * Input rates ρ_i for the energy proxy.
   * @defaultValue all 1
   */
  readonly inputRates?: ArrayLike<number> | undefined;
}

/**
 * Computes the metrics of mapping.md from a mapping's tiles:
 * K = tiles, utilisation = nnz/(K·R·C), Σλ = Σ_t |rows_t|, Σμ = Σ_t |cols_t|,
 * row-read energy Σ_t |cols_t| · Σ_{i∈rows_t} ρ_i (= Σ_i ρ_i Σ_{t∋i} |cols_t|),
 * traffic Σλ + Σμ, the lower bounds and the naive block count of `weights`.
 */
export function mappingMetrics(weights: CsrMatrix, tiles: readonly MappedTile[], options: MappingMetricsOptions): MappingMetrics {
  const { tileRows, tileCols, inputRates } = options;
  const nz = weights.rowPtr[weights.rows]!;
  const lb = lowerBounds(weights, options);
  const naive = naiveTileCount(weights, options);
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
