import type { Mapping } from '../mapping/Mapping.js';
import type { TileOccupancyInput } from './FigureInputs.js';

/**
 * The occupancy picture's input from a mapper result: for each tile, the local
 * (row, column) of every synapse it holds. `delayGroups`: the mapped matrix is
 * delay-expanded (row = input · groups + delay group).
 */
export function occupancyFromMapping(mapping: Mapping, network: string, delayGroups?: number): TileOccupancyInput {
  return {
    network,
    ...(delayGroups !== undefined ? { delayGroups } : {}),
    rows: mapping.options.tileRows,
    cols: mapping.options.tileCols,
    matrixRows: mapping.rows,
    matrixCols: mapping.cols,
    tiles: mapping.tiles.map((t) => {
      const cells = new Int32Array(2 * t.colIdx.length);
      let k = 0;
      for (let a = 0; a < t.rows.length; a++) {
        for (let e = t.rowPtr[a]!; e < t.rowPtr[a + 1]!; e++) {
          cells[k++] = a;
          cells[k++] = t.colIdx[e]!;
        }
      }
      return { cells };
    }),
  };
}
