import { excitatoryUpdateWasm } from './wasm/excitatoryUpdateWasm.js';

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

/** The part of the WebAssembly JS API used here (TypeScript's ES libraries do not declare it; Node has it). */
interface WasmApi {
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: object | undefined;

/**
 * The per-step E-neuron update as a WebAssembly SIMD kernel (two neurons per
 * f64x2 operation), over arrays that live in the kernel's own memory: `vE`,
 * `geE`, `giE`, `lastE`, `theta` and the output list `spiked`. Every lane
 * performs the scalar model's IEEE operations in the same order, so the state
 * it leaves is bit for bit the scalar loop's (property-tested against it).
 * One kernel per network (and per thread): the arrays are that network's
 * private step state.
 */
export class ExcitatoryKernel {
  readonly vE: Float64Array;
  readonly geE: Float64Array;
  readonly giE: Float64Array;
  readonly lastE: Float64Array;
  readonly theta: Float64Array;
  /** Indices of the neurons that spiked in the last {@link update}. */
  readonly spiked: Int32Array;
  private readonly offsets: readonly number[];
  private readonly fn: UpdateE;

  constructor(readonly neurons: number) {
    // one padding neuron at least (an odd range's last pair reads neuron hi), rounded to an even length: 16-byte aligned arrays
    const stride = (neurons + 2) & ~1;
    const bytes = 6 * 8 * stride;
    const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
    compiled ??= new wasm.Module(Buffer.from(excitatoryUpdateWasm, 'base64'));
    const instance = new wasm.Instance(compiled, { env: { memory } });
    this.fn = instance.exports['updateE'] as UpdateE;
    this.offsets = [0, 1, 2, 3, 4, 5].map((k) => k * 8 * stride);
    const f64 = (k: number): Float64Array => new Float64Array(memory.buffer, this.offsets[k], neurons);
    this.vE = f64(0);
    this.geE = f64(1);
    this.giE = f64(2);
    this.lastE = f64(3);
    this.theta = f64(4);
    this.spiked = new Int32Array(memory.buffer, this.offsets[5], neurons);
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
