import { csrFromDense, type CsrMatrix } from '../core/CsrMatrix.js';
import { XsnnError } from '../config/XsnnError.js';

/** The arrays and shape of an {@link InputSynapses} layout. */
export interface InputSynapsesParts {
  readonly nInputs: number;
  readonly neurons: number;
  readonly maxDelay: number;
  readonly grpPtr: Int32Array;
  readonly col: Uint16Array;
  readonly w: Float32Array;
  readonly colPos: Int32Array;
  readonly delays: Uint8Array;
}

/**
 * The input→E synapses in the sparse layout the simulator's hot loops read.
 *
 * Only surviving (unpruned) synapses are stored. Entries are grouped by input
 * row `i`, and inside a row by delay `d` (0…maxDelay steps), then by neuron:
 * the entries of input `i` with delay `d` are `e ∈ [grpPtr[k], grpPtr[k+1])`
 * with `k = i·(maxDelay+1) + d`, so a spike emitted by input `i` at step `s`
 * reaches exactly the group `d` at step `s + d`. For each entry, `col[e]` is
 * the E neuron (Uint16: at most 65,535 neurons; halves the memory traffic of the
 * hot loops) and `w[e]` the weight (Float32, contiguous in this order).
 * `colPos[j·nInputs + i]` maps (input i, neuron j) back to the entry, or −1 if
 * pruned, for the column-wise update at a post-synaptic spike. `delays` is the
 * full dense `nInputs × neurons` delay matrix in steps (row-major `[input][neuron]`).
 *
 * Build with {@link InputSynapses.fromDense}; rebuild after pruning.
 */
export class InputSynapses {
  readonly nInputs: number;
  readonly neurons: number;
  readonly maxDelay: number;
  readonly grpPtr: Int32Array;
  readonly col: Uint16Array;
  readonly w: Float32Array;
  readonly colPos: Int32Array;
  readonly delays: Uint8Array;

  private constructor(
    nInputs: number,
    neurons: number,
    maxDelay: number,
    grpPtr: Int32Array,
    col: Uint16Array,
    w: Float32Array,
    colPos: Int32Array,
    delays: Uint8Array,
  ) {
    this.nInputs = nInputs;
    this.neurons = neurons;
    this.maxDelay = maxDelay;
    this.grpPtr = grpPtr;
    this.col = col;
    this.w = w;
    this.colPos = colPos;
    this.delays = delays;
  }

  /** Wraps the arrays of {@link parts} (e.g. shared ones received by a worker thread); no copy, no check. */
  static of(p: InputSynapsesParts): InputSynapses {
    return new InputSynapses(p.nInputs, p.neurons, p.maxDelay, p.grpPtr, p.col, p.w, p.colPos, p.delays);
  }

  /** The layout as a plain record (to post to a worker thread: shared buffers are shared, not copied). */
  parts(): InputSynapsesParts {
    const { nInputs, neurons, maxDelay, grpPtr, col, w, colPos, delays } = this;
    return { nInputs, neurons, maxDelay, grpPtr, col, w, colPos, delays };
  }

  /** Number of stored (surviving) synapses. */
  get size(): number {
    return this.col.length;
  }

  /**
   * Builds the layout from dense row-major `[input][neuron]` arrays: weights,
   * a mask (non-zero = synapse exists) and delays in steps (each ≤ `maxDelay`).
   * With `shared`, the layout's arrays live in `SharedArrayBuffer`s (for training on several threads).
   */
  static fromDense(
    weights: ArrayLike<number>,
    mask: ArrayLike<number>,
    delays: Uint8Array,
    nInputs: number,
    neurons: number,
    maxDelay: number,
    shared = false,
  ): InputSynapses {
    const buf = (bytes: number): ArrayBuffer | SharedArrayBuffer => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    const total = nInputs * neurons;
    if (weights.length !== total || mask.length !== total || delays.length !== total) {
      throw new XsnnError(
        `InputSynapses.fromDense: expected ${nInputs}x${neurons} weights, mask and delays, got ${weights.length}, ${mask.length}, ${delays.length}`,
      );
    }
    if (neurons > 65535) throw new XsnnError(`InputSynapses.fromDense: at most 65535 neurons, got ${neurons}`);
    const D1 = maxDelay + 1;
    const grpPtr = new Int32Array(buf(4 * (nInputs * D1 + 1)));
    // count per (input, delay)
    for (let i = 0; i < nInputs; i++) {
      const base = i * neurons;
      for (let j = 0; j < neurons; j++) {
        if (mask[base + j] === 0) continue;
        const d = delays[base + j]!;
        if (d > maxDelay) throw new XsnnError(`InputSynapses.fromDense: delay ${d} steps at (${i}, ${j}) exceeds the maximum ${maxDelay}`);
        grpPtr[i * D1 + d + 1]!++;
      }
    }
    for (let k = 0; k < nInputs * D1; k++) grpPtr[k + 1]! += grpPtr[k]!;
    const nnz = grpPtr[nInputs * D1]!;
    const col = new Uint16Array(buf(2 * nnz));
    const w = new Float32Array(buf(4 * nnz));
    const colPos = new Int32Array(buf(4 * total)).fill(-1);
    const fill = grpPtr.slice(0, nInputs * D1);
    for (let i = 0; i < nInputs; i++) {
      const base = i * neurons;
      for (let j = 0; j < neurons; j++) {
        if (mask[base + j] === 0) continue;
        const k = i * D1 + delays[base + j]!;
        const e = fill[k]!++;
        col[e] = j;
        w[e] = weights[base + j]!;
        colPos[j * nInputs + i] = e;
      }
    }
    return new InputSynapses(nInputs, neurons, maxDelay, grpPtr, col, w, colPos, delays);
  }

  /** Writes the weights into a dense row-major `[input][neuron]` array (pruned entries 0). */
  toDenseWeights(out: Float32Array = new Float32Array(this.nInputs * this.neurons)): Float32Array {
    out.fill(0);
    const { nInputs, neurons, colPos, w } = this;
    for (let j = 0; j < neurons; j++) {
      for (let i = 0; i < nInputs; i++) {
        const e = colPos[j * nInputs + i]!;
        if (e >= 0) out[i * neurons + j] = w[e]!;
      }
    }
    return out;
  }

  /** The dense mask (1 = synapse exists), row-major `[input][neuron]`. */
  toMask(out: Uint8Array = new Uint8Array(this.nInputs * this.neurons)): Uint8Array {
    out.fill(0);
    const { nInputs, neurons, colPos } = this;
    for (let j = 0; j < neurons; j++) {
      for (let i = 0; i < nInputs; i++) if (colPos[j * nInputs + i]! >= 0) out[i * neurons + j] = 1;
    }
    return out;
  }

  /** The surviving synapses as a {@link CsrMatrix} (rows = inputs, cols = neurons; zero-weight survivors kept). */
  toCsr(): CsrMatrix {
    return csrFromDense(this.toDenseWeights(), this.nInputs, this.neurons, this.toMask());
  }

  /** A deep copy (weights included). */
  clone(): InputSynapses {
    return new InputSynapses(
      this.nInputs,
      this.neurons,
      this.maxDelay,
      this.grpPtr.slice(),
      this.col.slice(),
      this.w.slice(),
      this.colPos.slice(),
      this.delays,
    );
  }

  /** Returns a copy with the same structure and other weights (e.g. device-programmed effective weights), given dense `[input][neuron]`. */
  withDenseWeights(weights: ArrayLike<number>): InputSynapses {
    if (weights.length !== this.nInputs * this.neurons)
      throw new XsnnError(`InputSynapses.withDenseWeights: expected ${this.nInputs * this.neurons} weights, got ${weights.length}`);
    const w = new Float32Array(this.size);
    const { nInputs, neurons, colPos } = this;
    for (let j = 0; j < neurons; j++) {
      for (let i = 0; i < nInputs; i++) {
        const e = colPos[j * nInputs + i]!;
        if (e >= 0) w[e] = weights[i * neurons + j]!;
      }
    }
    return new InputSynapses(nInputs, neurons, this.maxDelay, this.grpPtr, this.col, w, this.colPos, this.delays);
  }
}
