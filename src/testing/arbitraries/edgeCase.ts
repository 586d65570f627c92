import fc from 'fast-check';
import { Rng } from '../../core/Rng.js';
import type { MappingCase } from '../MappingCase.js';
import { buildMatrix } from './buildMatrix.js';
import { tileShape, type TileShapeConstraints } from './tileShape.js';

/**
 * Shapes that break careless mappers: an empty matrix, a 1×1 matrix, empty rows
 * and columns between sparse ones, a row wider than C and a column taller than R
 * (both force splits), full matrices, a single row or a single column.
 */
export function edgeCase(constraints: TileShapeConstraints = {}): fc.Arbitrary<MappingCase> {
  return fc
    .record({
      shape: fc.constantFrom('empty', 'oneByOne', 'sparseWithEmptyLines', 'wideRow', 'tallColumn', 'full', 'singleRow', 'singleColumn'),
      tile: tileShape(constraints),
      size: fc.integer({ min: 1, max: 9 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .map(({ shape, tile, size, seed }) => {
      const rng = new Rng(seed, 4);
      const { tileRows: R, tileCols: C } = tile;
      let rows = size;
      let cols = size;
      const cells: number[] = [];
      switch (shape) {
        case 'empty':
          break;
        case 'oneByOne':
          rows = 1;
          cols = 1;
          cells.push(0);
          break;
        case 'sparseWithEmptyLines':
          rows = size + 3;
          cols = size + 3;
          for (let i = 0; i < rows; i += 2) for (let j = 0; j < cols; j += 3) if (rng.uniform() < 0.6) cells.push(i * cols + j);
          break;
        case 'wideRow':
          rows = size;
          cols = C + 1 + size;
          for (let j = 0; j < cols; j++) cells.push(rng.int(rows) * cols + j, 0 * cols + j);
          break;
        case 'tallColumn':
          rows = R + 1 + size;
          cols = size;
          for (let i = 0; i < rows; i++) cells.push(i * cols + rng.int(cols), i * cols + 0);
          break;
        case 'full':
          for (let c = 0; c < rows * cols; c++) cells.push(c);
          break;
        case 'singleRow':
          rows = 1;
          cols = size + 4;
          for (let j = 0; j < cols; j++) if (rng.uniform() < 0.7) cells.push(j);
          break;
        case 'singleColumn':
          rows = size + 4;
          cols = 1;
          for (let i = 0; i < rows; i++) if (rng.uniform() < 0.7) cells.push(i);
          break;
      }
      return { weights: buildMatrix(rows, cols, cells, rng), tileRows: R, tileCols: C, kind: `edge(${shape})`, seed };
    });
}
