import fc from 'fast-check';

/** Constraints of {@link tileShape}. */
export interface TileShapeConstraints {
  /**
   * Largest R.
   * @defaultValue 6
   */
  maxTileRows?: number;
  /**
   * Largest C.
   * @defaultValue 6
   */
  maxTileCols?: number;
}

/** Tile sizes `{ tileRows, tileCols }` in 1 … max, with 1 (a single word or bit line) drawn often. */
export function tileShape(constraints: TileShapeConstraints = {}): fc.Arbitrary<{ tileRows: number; tileCols: number }> {
  const maxR = constraints.maxTileRows ?? 6;
  const maxC = constraints.maxTileCols ?? 6;
  if (!(Number.isInteger(maxR) && maxR >= 1 && Number.isInteger(maxC) && maxC >= 1))
    throw new Error(`tileShape: maxTileRows and maxTileCols must be whole numbers >= 1, got ${maxR}, ${maxC}`);
  const side = (max: number): fc.Arbitrary<number> => fc.oneof({ weight: 1, arbitrary: fc.constant(1) }, { weight: 4, arbitrary: fc.integer({ min: 1, max }) });
  return fc.record({ tileRows: side(maxR), tileCols: side(maxC) });
}
