import { XsnnError } from '../config/XsnnError.js';
import type { AreaInput } from './areaOf.js';

/**
 * The structural part of a mapping the area model reads: the tiles, each with
 * the neuron columns it holds, and optionally the tile size the mapping was made
 * for. The mapper's `Mapping` (src/crossbar/mapping/Mapping.ts) has this shape.
 */
export interface MappingStructure {
  /** Tiles; `cols` lists the global neuron (logical) columns each tile holds. */
  readonly tiles: ReadonlyArray<{ readonly cols: ArrayLike<number> }>;
  /** `tileRows` = R, `tileCols` = neurons per tile (logical columns), as in `Mapping.options`. */
  readonly options?: { readonly tileRows: number; readonly tileCols: number };
}

/**
 * Builds an {@link AreaInput} from a mapping: T = number of tiles, and per tile
 * the number of its columns that are split (held by more than one tile, μ_j > 1),
 * whose partial sums need adders. When the mapping records its tile size, rows =
 * tileRows and physical cols = tileCols · `columnsPerWeight` (default 1; pass the
 * crossbar spec's when weights are bit-sliced or differential).
 */
export function areaInputFromMapping(mapping: MappingStructure, options: { columnsPerWeight?: number } = {}): AreaInput {
  if (!hasTilesArray(mapping)) throw new XsnnError('areaInputFromMapping: expected a mapping with a tiles array');
  const cpw = options.columnsPerWeight ?? 1;
  if (!Number.isInteger(cpw) || cpw < 1) throw new XsnnError(`areaInputFromMapping: columnsPerWeight must be a whole number >= 1, got ${cpw}`);
  const mu = new Map<number, number>();
  for (const t of mapping.tiles) for (let k = 0; k < t.cols.length; k++) mu.set(t.cols[k]!, (mu.get(t.cols[k]!) ?? 0) + 1);
  const split = new Int32Array(mapping.tiles.length);
  mapping.tiles.forEach((t, i) => {
    let s = 0;
    for (let k = 0; k < t.cols.length; k++) if ((mu.get(t.cols[k]!) ?? 0) > 1) s++;
    split[i] = s;
  });
  const size = mapping.options !== undefined ? { rows: mapping.options.tileRows, cols: mapping.options.tileCols * cpw } : {};
  return { tiles: mapping.tiles.length, splitColumnsPerTile: split, ...size };
}

/** Whether `m` is an object with a `tiles` array (a boolean, not a type guard: it must not narrow the tiles to `any[]`). */
function hasTilesArray(m: unknown): boolean {
  return m !== null && typeof m === 'object' && Array.isArray((m as { tiles?: unknown }).tiles);
}
