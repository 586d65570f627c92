/** Version of the mapping file format written by {@link mappingToJson}. */
export const MAPPING_FORMAT_VERSION = 1;

/**
 * One crossbar tile of a {@link Mapping}: the inputs on its word lines, the
 * neurons on its bit lines and the synapses it holds.
 *
 * Synapses are stored as a local CSR matrix over the tile's rows: local row `a`
 * (global input `rows[a]`) holds entries `rowPtr[a] … rowPtr[a+1]-1`, entry `k`
 * sits on local column `colIdx[k]` (global neuron `cols[colIdx[k]]`) with weight
 * `values[k]`.
 */
export interface MappedTile {
  /** Global input (row) indices, strictly increasing. At most `tileRows`. */
  readonly rows: Int32Array;
  /** Global neuron (column) indices, strictly increasing. At most `tileCols`. */
  readonly cols: Int32Array;
  /** Length `rows.length + 1`, starting at 0. */
  readonly rowPtr: Int32Array;
  /** Local column index (into `cols`) of each held synapse, increasing inside a local row. */
  readonly colIdx: Int32Array;
  /** Weight of each held synapse. */
  readonly values: Float32Array;
}

/** The three lower bounds of mapping.md and their maximum. */
export interface LowerBounds {
  /** LB_nnz = ⌈nnz / (R·C)⌉. */
  readonly nnz: number;
  /** LB_row = ⌈Σ_i ⌈r_i / C⌉ / R⌉ (r_i = fan-out of input i). */
  readonly row: number;
  /** LB_col = ⌈Σ_j ⌈d_j / R⌉ / C⌉ (d_j = fan-in of neuron j). */
  readonly col: number;
  /** max(LB_nnz, LB_row, LB_col): no mapping uses fewer tiles. */
  readonly max: number;
}

/**
 * The figures of mapping.md for one mapping (all computed from the tiles and the
 * weights; nothing estimated).
 */
export interface MappingMetrics {
  /** K: tiles used. */
  readonly tiles: number;
  /** Non-empty blocks of plain R×C blocking in natural order. */
  readonly naiveTiles: number;
  readonly lowerBound: LowerBounds;
  /** K / lowerBound.max (1 = provably optimal). 1 when the matrix is empty. */
  readonly tilesPerLowerBound: number;
  /** K / naiveTiles. 1 when the matrix is empty. */
  readonly tilesPerNaive: number;
  /** nnz / (K·R·C); 0 when K = 0. */
  readonly utilisation: number;
  /** Σ_i λ_i = Σ_t |rows_t| (input broadcast: tiles holding each input, summed). */
  readonly sumLambda: number;
  /** Σ_j μ_j = Σ_t |cols_t| (partial sums: tiles holding each neuron, summed). */
  readonly sumMu: number;
  /**
   * Row-read energy proxy Σ_i ρ_i Σ_{t∋i} |cols_t|: bit-line cells driven when
   * every input i fires at rate ρ_i (uniform ρ = 1 unless input rates are given).
   */
  readonly rowReadEnergy: number;
  /** Traffic Σλ + Σμ: values moved between tiles and periphery per time step with all inputs active. */
  readonly traffic: number;
}

/** The options a mapping was made with, as recorded in the file. */
export interface MappingRecordOptions {
  /** R: word lines (inputs) per tile. */
  readonly tileRows: number;
  /** C: bit lines (neurons) per tile. */
  readonly tileCols: number;
  /** Whether a neuron's column may be split over several tiles (partial sums added). */
  readonly splitColumns: boolean;
  /** Algorithm name (see `mappingAlgorithms`). For the packer, `packer`. */
  readonly algorithm: string;
  readonly seed: number;
  /** α of the objective big·K + α·rowReadEnergy + β·traffic. */
  readonly energyWeight: number;
  /** β of the objective. */
  readonly trafficWeight: number;
  /** Whether non-uniform input rates ρ were given for the energy proxy. */
  readonly inputRates: 'uniform' | 'given';
}

/** One algorithm's result as a packer candidate (deterministic figures only). */
export interface CandidateSummary {
  readonly algorithm: string;
  readonly tiles: number;
  readonly rowReadEnergy: number;
  readonly traffic: number;
  /** Why the candidate was not run (e.g. it splits columns and splitting is off). */
  readonly skipped?: string;
}

/** Wall-clock times; the only part of a mapping that differs between identical runs. */
export interface MappingTiming {
  /** Total mapping time in seconds. */
  readonly seconds: number;
  /** Seconds per candidate algorithm, same order as `candidates`. */
  readonly candidates: readonly number[];
}

/**
 * A weight matrix placed on crossbar tiles: each tile's input rows, output
 * columns and the synapses it holds, with the metrics of mapping.md.
 *
 * File format (JSON, see {@link mappingToJson}): the same fields, typed arrays as
 * JSON arrays, `format: "xsnn-mapping"` and `version: 1`.
 */
export interface Mapping {
  readonly format: 'xsnn-mapping';
  readonly version: typeof MAPPING_FORMAT_VERSION;
  /** Inputs (rows of W). */
  readonly rows: number;
  /** Neurons (columns of W). */
  readonly cols: number;
  /** Synapses (stored entries of W). */
  readonly nnz: number;
  readonly options: MappingRecordOptions;
  readonly tiles: readonly MappedTile[];
  readonly metrics: MappingMetrics;
  /** Every candidate the algorithm tried (one entry for a single algorithm). */
  readonly candidates: readonly CandidateSummary[];
  readonly timing: MappingTiming;
}
