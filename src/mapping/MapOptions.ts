import { XsnnError } from '../config/XsnnError.js';
import type { CsrMatrix } from '../core/CsrMatrix.js';

/** Options of {@link mapWeights} and of every mapping algorithm. Defaults: {@link resolveMapOptions}. */
export interface MapOptions {
  /** R: word lines (inputs) per tile, a whole number ≥ 1. Required. */
  tileRows: number;
  /** C: bit lines (neurons) per tile, a whole number ≥ 1. Required. */
  tileCols: number;
  /**
   * Whether a neuron's column may be split over several tiles whose partial sums
   * are added (the ReRAM convention). Default `true`. With `false` every column
   * lives in one tile, and a column with more than R synapses cannot be mapped.
   * @defaultValue `true`
   */
  splitColumns?: boolean;
  /**
   * Algorithm name (see `mappingAlgorithmNames`); `packer` tries all and returns the best.
   * @defaultValue `'packer'`
   */
  algorithm?: string;
  /**
   * Seed of every random draw (tie-breaking, spectral start vectors).
   * @defaultValue `0`
   */
  seed?: number;
  /**
   * Input firing rates ρ_i ≥ 0 for the row-read energy proxy, length = rows.
   * @defaultValue all 1 (uniform)
   */
  inputRates?: ArrayLike<number>;
  /**
   * α in the objective big·K + α·rowReadEnergy + β·traffic.
   * @defaultValue `1`
   */
  energyWeight?: number;
  /**
   * β in the objective big·K + α·rowReadEnergy + β·traffic.
   * @defaultValue `0`
   */
  trafficWeight?: number;
  /**
   * Multiplies the iteration limits of the refinement and local search.
   * @defaultValue `1`
   */
  effort?: number;
  /** Called as the packer finishes each candidate (for progress bars). Not recorded. */
  onProgress?: (done: number, total: number, algorithm: string) => void;
}

/** {@link MapOptions} with every default filled in and checked. */
export interface ResolvedMapOptions {
  readonly tileRows: number;
  readonly tileCols: number;
  readonly splitColumns: boolean;
  readonly algorithm: string;
  readonly seed: number;
  /** Rates ρ_i, or `undefined` for uniform ρ = 1. */
  readonly inputRates: Float64Array | undefined;
  readonly energyWeight: number;
  readonly trafficWeight: number;
  readonly effort: number;
  readonly onProgress: ((done: number, total: number, algorithm: string) => void) | undefined;
}

/** The defaults of {@link MapOptions}, in one place. */
export const MAP_OPTION_DEFAULTS = {
  splitColumns: true,
  algorithm: 'packer',
  seed: 0,
  energyWeight: 1,
  trafficWeight: 0,
  effort: 1,
} as const;

function positiveWhole(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new XsnnError(`${fn}: ${name} must be a whole number >= 1`, { field: name, expected: 'a whole number >= 1', received: String(v) });
  }
  return v;
}

function nonNegative(fn: string, name: string, v: number): number {
  if (!Number.isFinite(v) || v < 0) throw new XsnnError(`${fn}: ${name} must be a finite number >= 0`, { field: name, received: String(v) });
  return v;
}

/**
 * Fills the defaults of {@link MapOptions} and checks them against `weights`
 * (throws an XsnnError naming `fn` and the option).
 */
export function resolveMapOptions(weights: CsrMatrix, options: MapOptions, fn = 'mapWeights'): ResolvedMapOptions {
  if (options === null || typeof options !== 'object') throw new XsnnError(`${fn}: options must be an object with tileRows and tileCols`);
  const tileRows = positiveWhole(fn, 'tileRows', options.tileRows);
  const tileCols = positiveWhole(fn, 'tileCols', options.tileCols);
  const seed = options.seed ?? MAP_OPTION_DEFAULTS.seed;
  if (!Number.isInteger(seed)) throw new XsnnError(`${fn}: seed must be a whole number`, { field: 'seed', received: String(seed) });
  let inputRates: Float64Array | undefined;
  if (options.inputRates !== undefined) {
    if (options.inputRates.length !== weights.rows) {
      throw new XsnnError(`${fn}: inputRates must have one rate per input row`, {
        field: 'inputRates',
        expected: `${weights.rows} rates`,
        received: `${options.inputRates.length}`,
      });
    }
    inputRates = Float64Array.from(options.inputRates);
    for (let i = 0; i < inputRates.length; i++) nonNegative(fn, `inputRates[${i}]`, inputRates[i]!);
  }
  const effort = nonNegative(fn, 'effort', options.effort ?? MAP_OPTION_DEFAULTS.effort);
  return {
    tileRows,
    tileCols,
    splitColumns: options.splitColumns ?? MAP_OPTION_DEFAULTS.splitColumns,
    algorithm: options.algorithm ?? MAP_OPTION_DEFAULTS.algorithm,
    seed,
    inputRates,
    energyWeight: nonNegative(fn, 'energyWeight', options.energyWeight ?? MAP_OPTION_DEFAULTS.energyWeight),
    trafficWeight: nonNegative(fn, 'trafficWeight', options.trafficWeight ?? MAP_OPTION_DEFAULTS.trafficWeight),
    effort,
    onProgress: options.onProgress,
  };
}
