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
  readonly blocks: Int32Array;
}

/** How {@link InputSynapses.fromDense} lays the synapses out in memory (all optional). */
export interface InputSynapsesLayout {
  /** Allocate the arrays in `SharedArrayBuffer`s (for training on several threads). @defaultValue false */
  readonly shared?: boolean;
  /**
   * Neuron cut points `[0, c_1, …, neurons]`: the entries of the neurons of each block `[c_b, c_(b+1))` are stored
   * apart from the others' (one thread per block then writes its own memory only). @defaultValue `[0, neurons]`
   */
  readonly blocks?: readonly number[];
}

/**
 * The input→E synapses in the sparse layout the simulator's hot loops read.
 *
 * Only surviving (unpruned) synapses are stored. Entries are grouped by input
 * row `i`, and inside a row by delay `d` (0…maxDelay steps), then by neuron:
 * the entries of input `i` with delay `d` are `e ∈ [grpPtr[k], grpPtr[k+1])`
 * with `k = i·(maxDelay+1) + d`, so a spike emitted by input `i` at step `s`
 * reaches exactly the group `d` at step `s + d`. With several neuron `blocks`
 * (training on several threads), each block's entries are laid out so apart
 * from the others': group `k` of block `b` is at `b·K + k`, `K = nInputs·(maxDelay+1)`
 * (so two threads never write one cache line of `w`); one block is the plain
 * layout. The {@link canonicalOrder} is the one-block order. For each entry, `col[e]` is
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
  /** Neuron cut points of the blocks, `[0, …, neurons]` (see the class doc). */
  readonly blocks: Int32Array;

  private constructor(
    nInputs: number,
    neurons: number,
    maxDelay: number,
    grpPtr: Int32Array,
    col: Uint16Array,
    w: Float32Array,
    colPos: Int32Array,
    delays: Uint8Array,
    blocks: Int32Array,
  ) {
    this.nInputs = nInputs;
    this.neurons = neurons;
    this.maxDelay = maxDelay;
    this.grpPtr = grpPtr;
    this.col = col;
    this.w = w;
    this.colPos = colPos;
    this.delays = delays;
    this.blocks = blocks;
  }

  /** Wraps the arrays of {@link parts} (e.g. shared ones received by a worker thread); no copy, no check. */
  static of(p: InputSynapsesParts): InputSynapses {
    return new InputSynapses(p.nInputs, p.neurons, p.maxDelay, p.grpPtr, p.col, p.w, p.colPos, p.delays, p.blocks);
  }

  /** The layout as a plain record (to post to a worker thread: shared buffers are shared, not copied). */
  parts(): InputSynapsesParts {
    const { nInputs, neurons, maxDelay, grpPtr, col, w, colPos, delays, blocks } = this;
    return { nInputs, neurons, maxDelay, grpPtr, col, w, colPos, delays, blocks };
  }

  /** Number of neuron blocks (1 = the plain layout). */
  get blockCount(): number {
    return this.blocks.length - 1;
  }

  /** The index of the block whose neurons are exactly `[lo, hi)`, or −1. */
  blockOf(lo: number, hi: number): number {
    const b = this.blocks.indexOf(lo);
    return b >= 0 && b + 1 < this.blocks.length && this.blocks[b + 1] === hi ? b : -1;
  }

  /**
   * The one-block order of the entries: `order[c]` is the entry at position `c` of the plain layout (grouped by
   * input, delay, then neuron), or null when there is one block (the identity). Per-entry arrays that leave the
   * run (snapshots) or draw random numbers in entry order are taken in this order, so that they do not depend on
   * the number of blocks.
   */
  canonicalOrder(): Int32Array | null {
    const B = this.blockCount;
    if (B === 1) return null;
    if (this.order !== undefined) return this.order;
    const K = (this.grpPtr.length - 1) / B;
    const order = new Int32Array(this.size);
    let c = 0;
    for (let k = 0; k < K; k++) {
      for (let b = 0; b < B; b++) for (let e = this.grpPtr[b * K + k]!, end = this.grpPtr[b * K + k + 1]!; e < end; e++) order[c++] = e;
    }
    this.order = order;
    return order;
  }

  /** {@link canonicalOrder}, computed on first use (the layout never changes). */
  private order: Int32Array | undefined;

  /** Per-entry `values` (in this layout's order) rearranged into the {@link canonicalOrder}; `values` itself for one block. */
  toCanonical<T extends Float32Array | Uint16Array>(values: T): T {
    const order = this.canonicalOrder();
    if (order === null) return values;
    const out = values.slice() as T;
    for (let c = 0; c < order.length; c++) out[c] = values[order[c]!]!;
    return out;
  }

  /** The inverse of {@link toCanonical}: per-entry `values` in the canonical order, rearranged into this layout's. */
  fromCanonical<T extends Float32Array | Uint16Array>(values: T): T {
    const order = this.canonicalOrder();
    if (order === null) return values;
    const out = values.slice() as T;
    for (let c = 0; c < order.length; c++) out[order[c]!] = values[c]!;
    return out;
  }

  /** Number of stored (surviving) synapses. */
  get size(): number {
    return this.col.length;
  }

  /**
   * Builds the layout from dense row-major `[input][neuron]` arrays: weights,
   * a mask (non-zero = synapse exists) and delays in steps (each ≤ `maxDelay`).
   */
  static fromDense(
    weights: ArrayLike<number>,
    mask: ArrayLike<number>,
    delays: Uint8Array,
    nInputs: number,
    neurons: number,
    maxDelay: number,
    layout: InputSynapsesLayout = {},
  ): InputSynapses {
    const buf = (bytes: number): ArrayBuffer | SharedArrayBuffer => (layout.shared === true ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    const total = nInputs * neurons;
    if (weights.length !== total || mask.length !== total || delays.length !== total) {
      throw new XsnnError(
        `InputSynapses.fromDense: expected ${nInputs}x${neurons} weights, mask and delays, got ${weights.length}, ${mask.length}, ${delays.length}`,
      );
    }
    if (neurons > 65535) throw new XsnnError(`InputSynapses.fromDense: at most 65535 neurons, got ${neurons}`);
    const cuts = layout.blocks ?? [0, neurons];
    const B = cuts.length - 1;
    if (B < 1 || cuts[0] !== 0 || cuts[B] !== neurons || cuts.some((c, b) => b > 0 && !(Number.isInteger(c) && c > cuts[b - 1]!))) {
      throw new XsnnError(`InputSynapses.fromDense: blocks must rise strictly from 0 to ${neurons}, got [${cuts.join(', ')}]`);
    }
    const blocks = Int32Array.from(cuts);
    const blockOf = new Int32Array(neurons);
    for (let b = 0; b < B; b++) blockOf.fill(b, blocks[b], blocks[b + 1]);
    const D1 = maxDelay + 1;
    const K = nInputs * D1;
    const grpPtr = new Int32Array(buf(4 * (B * K + 1)));
    // count per (block, input, delay)
    for (let i = 0; i < nInputs; i++) {
      const base = i * neurons;
      for (let j = 0; j < neurons; j++) {
        if (mask[base + j] === 0) continue;
        const d = delays[base + j]!;
        if (d > maxDelay) throw new XsnnError(`InputSynapses.fromDense: delay ${d} steps at (${i}, ${j}) exceeds the maximum ${maxDelay}`);
        grpPtr[blockOf[j]! * K + i * D1 + d + 1]!++;
      }
    }
    for (let k = 0; k < B * K; k++) grpPtr[k + 1]! += grpPtr[k]!;
    const nnz = grpPtr[B * K]!;
    const col = new Uint16Array(buf(2 * nnz));
    const w = new Float32Array(buf(4 * nnz));
    const colPos = new Int32Array(buf(4 * total)).fill(-1);
    const fill = grpPtr.slice(0, B * K);
    for (let i = 0; i < nInputs; i++) {
      const base = i * neurons;
      for (let j = 0; j < neurons; j++) {
        if (mask[base + j] === 0) continue;
        const k = blockOf[j]! * K + i * D1 + delays[base + j]!;
        const e = fill[k]!++;
        col[e] = j;
        w[e] = weights[base + j]!;
        colPos[j * nInputs + i] = e;
      }
    }
    return new InputSynapses(nInputs, neurons, maxDelay, grpPtr, col, w, colPos, delays, blocks);
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
      this.blocks,
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
    return new InputSynapses(nInputs, neurons, this.maxDelay, this.grpPtr, this.col, w, this.colPos, this.delays, this.blocks);
  }
}
