import type { CsrMatrix } from '../core/CsrMatrix.js';
import { checkpointCsr, type Checkpoint } from '../snn/Checkpoint.js';
import type { CrossbarSpec } from '../crossbar/CrossbarSpec.js';
import type { Mapping } from '../mapping/Mapping.js';

/** The checkpoint fields the delay expansion reads. */
export type DelayedSynapses = Pick<Checkpoint, 'weights' | 'mask' | 'delays' | 'nInputs' | 'neurons' | 'maxDelay'>;

/**
 * The delay-expanded weight matrix of a network with axonal delays: one row per
 * (input, delay group), `k = i·(D+1) + d` (D = maxDelay), holding exactly the
 * surviving synapses (i, j) whose delay d_ij is d, with their weights; columns
 * are the neurons. Rows whose group holds no synapse are empty (the mapper
 * places no word line for them).
 *
 * Mapped onto tiles, a physical word line then holds the cells of one
 * (input, delay group) only, so pulsing it reads its whole row: the buildable
 * form of per-synapse delays (docs/timing.md, "Buildable delays"). Every
 * synapse appears once, so the matrix has the network's nnz.
 */
export function delayExpandedCsr(ck: DelayedSynapses): CsrMatrix {
  const { nInputs: nIn, neurons: N, maxDelay: D, mask, delays, weights } = ck;
  const D1 = D + 1;
  const rows = nIn * D1;
  const rowPtr = new Int32Array(rows + 1);
  for (let i = 0; i < nIn; i++) for (let j = 0; j < N; j++) if (mask[i * N + j] !== 0) rowPtr[i * D1 + delays[i * N + j]! + 1]!++;
  for (let k = 0; k < rows; k++) rowPtr[k + 1]! += rowPtr[k]!;
  const nnz = rowPtr[rows]!;
  const colIdx = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  const fill = rowPtr.slice(0, rows);
  for (let i = 0; i < nIn; i++) {
    for (let j = 0; j < N; j++) {
      const x = i * N + j;
      if (mask[x] === 0) continue;
      const e = fill[i * D1 + delays[x]!]!++;
      colIdx[e] = j;
      values[e] = weights[x]!;
    }
  }
  return { rows, cols: N, rowPtr, colIdx, values };
}

/**
 * Whether the co-simulation maps a network's delay-expanded matrix on this
 * crossbar: with delay hardware (`delays.implementation` `sequential` or `fifo`)
 * and a surviving synapse of nonzero delay. `none`, or a network whose delays
 * are all 0, maps the plain input × neuron matrix.
 */
export function mapsDelayRows(crossbar: Pick<CrossbarSpec, 'delays'>, ck: Pick<Checkpoint, 'mask' | 'delays' | 'maxDelay'>): boolean {
  if (crossbar.delays.implementation === 'none' || ck.maxDelay === 0) return false;
  for (let x = 0; x < ck.delays.length; x++) if (ck.delays[x] !== 0 && ck.mask[x] !== 0) return true;
  return false;
}

/**
 * The matrix the co-simulation maps for a network on a crossbar: the
 * {@link delayExpandedCsr} when {@link mapsDelayRows}, else `checkpointCsr`.
 */
export function cosimMatrix(crossbar: Pick<CrossbarSpec, 'delays'>, ck: DelayedSynapses): CsrMatrix {
  return mapsDelayRows(crossbar, ck) ? delayExpandedCsr(ck) : checkpointCsr(ck);
}

/**
 * Σ over the physical rows of a delay-expanded mapping of their delay
 * d = k mod (maxDelay + 1): the flip-flops of `fifo` delay hardware (a shift
 * register of depth d at each row driver). 0 when maxDelay is 0.
 */
export function mappedRowDelaySum(mapping: Pick<Mapping, 'tiles'>, maxDelay: number): number {
  const D1 = maxDelay + 1;
  let sum = 0;
  for (const tile of mapping.tiles) for (let a = 0; a < tile.rows.length; a++) sum += tile.rows[a]! % D1;
  return sum;
}
