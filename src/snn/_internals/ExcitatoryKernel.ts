import { XsnnError } from '../../config/XsnnError.js';
import { excitatoryUpdateWasm } from './wasm/excitatoryUpdateWasm.js';
import { inputDeliveryWasm } from './wasm/inputDeliveryWasm.js';

/** The constants of one E update (see `wasm/excitatoryUpdate.wat` for the equations). */
export interface ExcitatoryConstants {
  /** dt/τ_m of the E neurons. */
  readonly dtTauE: number;
  /** v_th of the E neurons minus the threshold offset (mV); a neuron spikes above θ + this. */
  readonly vThEMv: number;
  readonly refrSteps: number;
  readonly timerSteps: number;
  readonly decGe: number;
  readonly decGi: number;
  /** θ's decay per step; 1 = θ frozen (test mode). */
  readonly decTheta: number;
  /** `euler-limited` integration. */
  readonly limited: boolean;
  readonly vRestMv: number;
  readonly eExcMv: number;
  readonly eInhMv: number;
  /** Conductances below it are flushed to 0. */
  readonly tiny: number;
}

type UpdateE = (
  vE: number,
  geE: number,
  giE: number,
  lastE: number,
  theta: number,
  spiked: number,
  lo: number,
  hi: number,
  n: number,
  dtTauE: number,
  vThEMv: number,
  refrSteps: number,
  timerSteps: number,
  decGe: number,
  decGi: number,
  decTheta: number,
  limited: number,
  vRestMv: number,
  eExcMv: number,
  eInhMv: number,
  tiny: number,
) => number;

type Deliver = (groups: number, m: number, gLo: number, gHi: number, col: number, w: number, ge: number, dep: number, depressing: number) => void;

/** The room {@link ExcitatoryKernel} keeps for one partition's input synapses (see {@link ExcitatoryKernel.deliver}). */
export interface DeliveryCapacity {
  /** Synapse entries (the partition's, contiguous in the layout). */
  readonly entries: number;
  /** Delay groups `nInputs·(maxDelay + 1)`. */
  readonly groups: number;
}

/** The part of the WebAssembly JS API used here (TypeScript's ES libraries do not declare it; Node has it). */
interface WasmApi {
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: object | undefined;
let compiledDelivery: object | undefined;

/** Byte length of `count` elements of `bytes` bytes, rounded up to 16 (every array 16-byte aligned). */
function span(count: number, bytes: number): number {
  return Math.ceil((count * bytes) / 16) * 16;
}

/**
 * The per-step E-neuron update as a WebAssembly SIMD kernel (two neurons per
 * f64x2 operation), over arrays that live in the kernel's own memory: `vE`,
 * `geE`, `giE`, `lastE`, `theta` and the output list `spiked`. Every lane
 * performs the scalar model's IEEE operations in the same order, so the state
 * it leaves is bit for bit the scalar loop's (property-tested against it).
 * One kernel per network (and per thread): the arrays are that network's
 * private step state.
 *
 * With a {@link DeliveryCapacity} the same memory also holds a copy of the
 * partition's input synapses (`w`, `col`, each delay group's entry range
 * `gLo`/`gHi`, relative to the copy), the pending pre-synaptic depression `dep`
 * and the arriving groups `groups`, and {@link deliver} adds a step's arrivals
 * into `geE` (`wasm/inputDelivery.wat`), the JavaScript loops' IEEE operations
 * in the same order.
 */
export class ExcitatoryKernel {
  readonly vE: Float64Array;
  readonly geE: Float64Array;
  readonly giE: Float64Array;
  readonly lastE: Float64Array;
  readonly theta: Float64Array;
  /** Indices of the neurons that spiked in the last {@link update}. */
  readonly spiked: Int32Array;
  /** Pending pre-synaptic depression per neuron (only with a delivery capacity; else empty). */
  readonly dep: Float64Array;
  /** Arriving delay groups of a step, as `arrivingGroups` lists them. */
  readonly groups: Int32Array;
  /** Entry range `[gLo[k], gHi[k])` of delay group k in {@link w} / {@link col}. */
  readonly gLo: Int32Array;
  readonly gHi: Int32Array;
  /** The partition's synapse weights and neurons, copied from its entries of the layout. */
  readonly w: Float32Array;
  readonly col: Uint16Array;
  private readonly offsets: readonly number[];
  private readonly fn: UpdateE;
  private readonly deliverFn: Deliver | null;

  constructor(
    readonly neurons: number,
    delivery: DeliveryCapacity | null = null,
  ) {
    // one padding neuron at least (an odd range's last pair reads neuron hi), rounded to an even length: 16-byte aligned arrays
    const stride = (neurons + 2) & ~1;
    const E = delivery?.entries ?? 0;
    const K = delivery?.groups ?? 0;
    const dN = delivery === null ? 0 : stride;
    // vE geE giE lastE theta spiked (6 × stride), dep, groups gLo gHi (3 × K), w, col
    const sizes = [...new Array<number>(6).fill(8 * stride), 8 * dN, ...new Array<number>(3).fill(span(K, 4)), span(E, 4), span(E, 2)];
    const offsets: number[] = [];
    let bytes = 0;
    for (const b of sizes) {
      offsets.push(bytes);
      bytes += b;
    }
    const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
    compiled ??= new wasm.Module(Buffer.from(excitatoryUpdateWasm, 'base64'));
    const instance = new wasm.Instance(compiled, { env: { memory } });
    this.fn = instance.exports['updateE'] as UpdateE;
    if (delivery !== null) {
      compiledDelivery ??= new wasm.Module(Buffer.from(inputDeliveryWasm, 'base64'));
      this.deliverFn = new wasm.Instance(compiledDelivery, { env: { memory } }).exports['deliver'] as Deliver;
    } else this.deliverFn = null;
    this.offsets = offsets;
    const f64 = (k: number, n = neurons): Float64Array => new Float64Array(memory.buffer, offsets[k], n);
    this.vE = f64(0);
    this.geE = f64(1);
    this.giE = f64(2);
    this.lastE = f64(3);
    this.theta = f64(4);
    this.spiked = new Int32Array(memory.buffer, offsets[5], neurons);
    this.dep = f64(6, delivery === null ? 0 : neurons);
    this.groups = new Int32Array(memory.buffer, offsets[7], K);
    this.gLo = new Int32Array(memory.buffer, offsets[8], K);
    this.gHi = new Int32Array(memory.buffer, offsets[9], K);
    this.w = new Float32Array(memory.buffer, offsets[10], E);
    this.col = new Uint16Array(memory.buffer, offsets[11], E);
  }

  /**
   * Adds the arrivals of the first `m` {@link groups} into {@link geE}: g_e[col[e]] += w[e] over each group's
   * entries; with `depressing`, also w[e] ← max(0, w[e] − dep[col[e]]) right after w[e] is read.
   * Needs a delivery capacity.
   */
  deliver(m: number, depressing: boolean): void {
    if (this.deliverFn === null) throw new XsnnError('ExcitatoryKernel.deliver: the kernel was built without a delivery capacity');
    const o = this.offsets;
    this.deliverFn(o[7]!, m, o[8]!, o[9]!, o[11]!, o[10]!, o[1]!, o[6]!, depressing ? 1 : 0);
  }

  /** Updates neurons `[lo, hi)` at step `n`; returns how many spiked (listed in {@link spiked}). */
  update(lo: number, hi: number, n: number, c: ExcitatoryConstants): number {
    const o = this.offsets;
    return this.fn(
      o[0]!,
      o[1]!,
      o[2]!,
      o[3]!,
      o[4]!,
      o[5]!,
      lo,
      hi,
      n,
      c.dtTauE,
      c.vThEMv,
      c.refrSteps,
      c.timerSteps,
      c.decGe,
      c.decGi,
      c.decTheta,
      c.limited ? 1 : 0,
      c.vRestMv,
      c.eExcMv,
      c.eInhMv,
      c.tiny,
    );
  }
}
