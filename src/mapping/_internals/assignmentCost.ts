import type { Assignment } from './Assignment.js';
import type { MappingProblem } from './MappingProblem.js';

/** Figures of an assignment used to rank candidates. */
export interface AssignmentCost {
  readonly tiles: number;
  /** Σ_t |rows_t| = Σλ. */
  readonly sumRows: number;
  /** Σ_t |cols_t| = Σμ. */
  readonly sumCols: number;
  /** Σ_t |cols_t| · Σ_{i∈rows_t} ρ_i. */
  readonly rowReadEnergy: number;
  /** Σλ + Σμ. */
  readonly traffic: number;
  /** α·rowReadEnergy + β·traffic: the objective after K. */
  readonly secondary: number;
}

/**
 * Counts each tile's distinct rows and columns in O(nnz) and checks capacity
 * (and the no-split rule); a violation is a bug in an algorithm, so it throws a
 * plain Error naming the algorithm.
 */
export function assignmentCost(p: MappingProblem, a: Assignment, algorithm: string): AssignmentCost {
  const hit = costs.get(a);
  if (hit !== undefined) return hit;
  const cost = computeCost(p, a, algorithm);
  costs.set(a, cost);
  return cost;
}

/** Costs already computed, per assignment object (assignments are never mutated). */
const costs = new WeakMap<Assignment, AssignmentCost>();

function computeCost(p: MappingProblem, a: Assignment, algorithm: string): AssignmentCost {
  const { w, options } = p;
  const t = p.columnFrame;
  const K = a.tiles;
  const nRows = new Int32Array(K);
  const nCols = new Int32Array(K);
  const rate = new Float64Array(K);
  const last = new Int32Array(K).fill(-1);
  const rates = options.inputRates;
  for (let i = 0; i < w.rows; i++) {
    const rho = rates === undefined ? 1 : rates[i]!;
    for (let k = w.rowPtr[i]!; k < w.rowPtr[i + 1]!; k++) {
      const tile = a.tileOf[k]!;
      if (!(tile >= 0 && tile < K)) throw new Error(`${algorithm}: entry ${k} has no tile`);
      if (last[tile] !== i) {
        last[tile] = i;
        nRows[tile]!++;
        rate[tile]! += rho;
      }
    }
  }
  last.fill(-1);
  const orig = t.orig!;
  for (let j = 0; j < t.a.rows; j++) {
    let tilesOfColumn = 0;
    for (let q = t.a.rowPtr[j]!; q < t.a.rowPtr[j + 1]!; q++) {
      const tile = a.tileOf[orig[q]!]!;
      if (last[tile] !== j) {
        last[tile] = j;
        nCols[tile]!++;
        tilesOfColumn++;
      }
    }
    if (!options.splitColumns && tilesOfColumn > 1) throw new Error(`${algorithm}: column ${j} split over ${tilesOfColumn} tiles with splitColumns=false`);
  }
  let sumRows = 0;
  let sumCols = 0;
  let energy = 0;
  for (let tile = 0; tile < K; tile++) {
    if (nRows[tile]! === 0) throw new Error(`${algorithm}: tile ${tile} is empty`);
    if (nRows[tile]! > options.tileRows || nCols[tile]! > options.tileCols) {
      throw new Error(`${algorithm}: tile ${tile} holds ${nRows[tile]}x${nCols[tile]} > ${options.tileRows}x${options.tileCols}`);
    }
    sumRows += nRows[tile]!;
    sumCols += nCols[tile]!;
    energy += nCols[tile]! * rate[tile]!;
  }
  const traffic = sumRows + sumCols;
  return { tiles: K, sumRows, sumCols, rowReadEnergy: energy, traffic, secondary: options.energyWeight * energy + options.trafficWeight * traffic };
}

/** Lexicographic objective: fewer tiles first, then the smaller α·E + β·T. Negative when `x` is better. */
export function compareCost(x: AssignmentCost, y: AssignmentCost): number {
  if (x.tiles !== y.tiles) return x.tiles - y.tiles;
  return x.secondary - y.secondary;
}
