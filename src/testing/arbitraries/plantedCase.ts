import fc from 'fast-check';
import { Rng } from '../../core/Rng.js';
import type { MappingCase } from '../MappingCase.js';
import { buildMatrix } from './buildMatrix.js';
import { tileShape, type TileShapeConstraints } from './tileShape.js';

/** Constraints of {@link plantedCase}. */
export interface PlantedCaseConstraints extends TileShapeConstraints {
  /**
   * Most blocks.
   * @defaultValue 4
   */
  maxBlocks?: number;
  /**
   * Fraction of extra random synapses (relative to the planted ones).
   * @defaultValue 0: exact planted optimum
   */
  noise?: number;
  /**
   * Most empty extra rows and columns mixed in.
   * @defaultValue 3
   */
  maxExtra?: number;
  /** Fixed tile size instead of a drawn one. */
  tile?: { tileRows: number; tileCols: number };
}

/**
 * k disjoint dense R×C blocks (k ≥ 1), empty rows and columns mixed in, rows and
 * columns randomly permuted. Without noise the optimum is exactly k tiles (each
 * block fills a tile; fewer cannot hold k·R·C synapses) and is recorded in
 * `optimum`; with noise, ⌈noise·k·R·C⌉ random extra synapses are added.
 */
export function plantedCase(constraints: PlantedCaseConstraints = {}): fc.Arbitrary<MappingCase> {
  const noise = constraints.noise ?? 0;
  if (!(noise >= 0 && noise <= 1)) throw new Error(`plantedCase: noise must be in [0, 1], got ${noise}`);
  const tiles = constraints.tile !== undefined ? fc.constant(constraints.tile) : tileShape(constraints);
  return fc
    .record({
      tile: tiles,
      k: fc.integer({ min: 1, max: constraints.maxBlocks ?? 4 }),
      extraRows: fc.integer({ min: 0, max: constraints.maxExtra ?? 3 }),
      extraCols: fc.integer({ min: 0, max: constraints.maxExtra ?? 3 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .map(({ tile, k, extraRows, extraCols, seed }) => {
      const { tileRows: R, tileCols: C } = tile;
      const rows = k * R + extraRows;
      const cols = k * C + extraCols;
      const rng = new Rng(seed, 2);
      const rp = rng.shuffle(Int32Array.from({ length: rows }, (_, i) => i));
      const cp = rng.shuffle(Int32Array.from({ length: cols }, (_, j) => j));
      const cells = new Set<number>();
      for (let b = 0; b < k; b++) {
        for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) cells.add(rp[b * R + r]! * cols + cp[b * C + c]!);
      }
      const extra = Math.ceil(noise * k * R * C);
      for (let e = 0, tries = 0; e < extra && tries < 100 * (extra + 1); tries++) {
        const cell = rng.int(rows * cols);
        if (!cells.has(cell)) {
          cells.add(cell);
          e++;
        }
      }
      return {
        weights: buildMatrix(rows, cols, cells, rng),
        tileRows: R,
        tileCols: C,
        kind: `planted(k=${k}${noise > 0 ? `, noise ${noise}` : ''})`,
        ...(noise === 0 ? { optimum: k } : {}),
        seed,
      };
    });
}
