import type { Rng } from '../core/Rng.js';
import { XsnnError } from '../config/XsnnError.js';
import { arrivingGroups } from './arrivingGroups.js';
import { ColumnNormalizer } from './ColumnNormalizer.js';
import type { InputDrive } from './InputDrive.js';
import { SynapticDrive } from './InputDrive.js';
import { InputSpikes } from './InputSpikes.js';
import type { InputSynapses } from './InputSynapses.js';
import { NetworkState } from './NetworkState.js';
import type { SnnRecipe } from './SnnRecipe.js';
import { UNCAPPED_RETRY_LIMIT } from './UNCAPPED_RETRY_LIMIT.js';
import type { StepExchange } from './StepExchange.js';
import { ExcitatoryKernel, type ExcitatoryConstants } from './_internals/ExcitatoryKernel.js';
import { StepState, type StepArrays } from './_internals/StepState.js';

const NEVER = -1e15;
const TABLE = 8192;
const TINY = 1e-30;

/** The result of presenting one image (with re-presentations). */
export interface ImageResponse {
  /** Spikes of each E neuron during the accepted presentation (presentation window only). */
  readonly counts: Int32Array;
  /** Total E spikes of the accepted presentation. */
  readonly total: number;
  /** Number of presentations (1 + re-presentations). */
  readonly presentations: number;
}

/** Options of the {@link SnnNetwork} constructor (all optional: alone in one thread by default). */
export interface SnnNetworkOptions {
  /** Per-neuron state, e.g. shared with the other partitions. @defaultValue fresh, private arrays */
  readonly state?: NetworkState;
  /** The E/I neurons `[lo, hi)` this instance simulates. @defaultValue all */
  readonly range?: readonly [lo: number, hi: number];
  /** Meeting point with the other partitions (I spike counts per step, E totals per presentation). @defaultValue none (alone) */
  readonly exchange?: StepExchange | null;
  /** Whether to set the state to the recipe's initial values. @defaultValue true when `state` is not given */
  readonly initialise?: boolean;
  /** Non-leader partitions: called each presentation right after the leader released the weights (e.g. to pick up new synapses). */
  readonly afterRelease?: () => void;
  /** Whether this partition normalises (or runs `beforePresentation`) for all columns while the others wait. @defaultValue true */
  readonly leader?: boolean;
  /**
   * Training without `beforePresentation`: every partition normalises the input columns of its own neurons right
   * after the leader released the weights, instead of the leader normalising all of them first (columns are per
   * neuron, so the weights are the same). Give it to every partition or to none. @defaultValue false
   */
  readonly ownColumns?: boolean;
}

/** Per-presentation constants of the step loop (units in the names: ms, mV, steps). */
interface StepConstants extends ExcitatoryConstants {
  readonly dtTauI: number;
  readonly refrStepsI: number;
  readonly thetaPlusMv: number;
  readonly depression: boolean;
  readonly decPost1: number;
  readonly etaPre: number;
  readonly presSteps: number;
}

/**
 * The Diehl & Cook two-layer network (input → E ⇄ I) with Brian2 semantics
 * (peer README): forward Euler at dt, for E
 *   v ← v + dt/τ_m·[(v_rest − v) + g_e(E_exc − v) + g_i(E_inh − v)]  (held while refractory),
 * which is v ← v + a·(v∞ − v) with G = 1 + g_e + g_i, v∞ = (v_rest + g_e E_exc + g_i E_inh)/G
 * and a = dt·G/τ_m. Where a > 1 the step overshoots v∞, and where a > 2 it diverges (about 24
 * simultaneous I spikes at dt = 0.5 ms). `network.integration: euler` is forward Euler all the
 * same (DC1 and Brian2); `euler-limited` limits the step to v ← v∞ where a > 1 (the value the
 * exact solution approaches and never passes) and is forward Euler exactly where a ≤ 1.
 *   g_e ← g_e(1 − dt/τ_ge),  g_i ← g_i(1 − dt/τ_gi),  θ ← θ(1 − dt/τ_θ) (training),
 * spike when v > θ − θ_offset + v_thresh (strict) and not refractory; then v ← v_reset,
 * θ ← θ + θ_plus (training). I neurons alike with g_e only. Per step: state update,
 * thresholds, synaptic effects (input arrivals, pre-synaptic STDP, then post-synaptic
 * STDP), resets. E→I one-to-one (w_EI), I→E all-but-partner (w_IE), no delay.
 *
 * Training ({@link trainImage}) runs the fused plastic input loop; test mode
 * ({@link inferImage}) delegates the input drive to an {@link InputDrive} and
 * resets the state to rest before every presentation (a documented deviation
 * from DC1's carried-over state that makes images independent).
 *
 * Partitions: in training the neurons can be split over threads (`range`),
 * each instance simulating its E/I neurons and their input columns over a shared
 * {@link NetworkState} and shared synapses. The only coupling inside a step is
 * the number of I spikes (each inhibits every other E neuron by w_IE, so neuron
 * j gets w_IE added once per other I spike, in any order: the same sum), which
 * the partitions swap through a {@link StepExchange}; everything else is per
 * neuron or per column, so the result is bit-for-bit that of one instance.
 */
export class SnnNetwork {
  readonly recipe: SnnRecipe;
  readonly neurons: number;
  readonly nInputs: number;
  /** Input→E synapses (weights updated in place during training; test mode sees in-place changes after {@link touchAll}). */
  synapses: InputSynapses;
  /** Adaptive thresholds θ (mV). */
  readonly theta: Float64Array;
  /** Test-mode input drive; defaults to the exact {@link SynapticDrive} over {@link synapses}. */
  drive: InputDrive;
  /** The per-neuron state (shared between partitions). */
  readonly state: NetworkState;

  // --- derived constants
  readonly presSteps: number;
  readonly restSteps: number;
  readonly maxDelay: number;
  private readonly inputScale: number;
  private readonly dtMs: number;
  private readonly tauPreMs: number;
  private readonly tauPost2Ms: number;
  private readonly lo: number;
  private readonly hi: number;
  private readonly exchange: StepExchange | null;
  private readonly leader: boolean;
  private readonly ownColumns: boolean;
  private readonly afterRelease: (() => void) | null;

  // --- state (views of `state`)
  readonly vE: Float64Array;
  readonly geE: Float64Array;
  readonly giE: Float64Array;
  readonly lastE: Float64Array;
  readonly vI: Float64Array;
  readonly geI: Float64Array;
  readonly lastI: Float64Array;
  /** Global step counter. */
  t = 0;
  /** Multiplier of every learning rate during training (train sets it per image from `learning.etaSchedule`). */
  learningRateScale = 1;
  /** Spike counts of the last presentation window. */
  readonly counts: Int32Array;
  readonly spikes = new InputSpikes();

  // --- learning state; the pre-synaptic spike history (ring*) is per input: each partition keeps its own copy
  private readonly dep: Float64Array;
  private readonly lastPost: Float64Array;
  private readonly touched: Uint8Array;
  private readonly ringLen: number;
  /** Emission steps of each input's last `maxDelay + 2` spikes (ring buffer per input). */
  readonly ring: Float64Array;
  readonly ringHead: Int32Array;
  readonly ringCount: Int32Array;
  /** `preTrace: add`: the source's summed trace right after each emission in `ring` (null for `set`). */
  readonly ringX: Float64Array | null;
  private readonly tabPre: Float64Array;
  private readonly tabPost2: Float64Array;
  private readonly spikedE: Int32Array;
  private readonly spikedI: Int32Array;
  /** Step of each I neuron's latest spike at an odd / even step (`[(n & 1)·N + j]`, for the all-but-partner inhibition one step later). */
  private readonly iSpikeStep: Float64Array;
  private readonly activeI: Int32Array;
  private readonly isActiveI: Uint8Array;
  private nActI = 0;
  private readonly groups: Int32Array;
  /** This partition's slice of every delay group: entries `[gLo[k], gHi[k])`. */
  private gLo!: Int32Array;
  private gHi!: Int32Array;
  private readonly normalizer: ColumnNormalizer;
  private depActive = false;
  /** This partition's neurons whose pending depression may be non-zero (`dep[j] !== 0` implies listed, once: `inDepList`). */
  private readonly depList: Int32Array;
  private readonly inDepList: Uint8Array;
  private nDep = 0;
  /** The arrays the step loop writes ({@link stepState}'s). */
  private readonly hot: StepArrays;
  /** Private copies of the state, loaded before and stored after each presentation. */
  private readonly stepState: StepState;
  /** The E update (WebAssembly SIMD) and its arrays of the step state; the input delivery over a copy of this partition's synapses. */
  private readonly kernel: ExcitatoryKernel;
  /** Whether the kernel holds this partition's synapse entries (contiguous in the layout, within its capacity): `[wBase, wBase + wCount)`. */
  private kernelEntries = false;
  private wBase = 0;
  private wCount = 0;
  /** Whether the kernel's copy of the weights may differ from `synapses.w` (reloaded before a test presentation). */
  private wStale = true;

  constructor(recipe: SnnRecipe, synapses: InputSynapses, theta: Float64Array, options: SnnNetworkOptions = {}) {
    const N = recipe.network.neurons;
    if (synapses.neurons !== N) throw new XsnnError(`SnnNetwork: recipe has ${N} neurons, synapses have ${synapses.neurons}`);
    if (theta.length !== N) throw new XsnnError(`SnnNetwork: expected ${N} thresholds, got ${theta.length}`);
    const [lo, hi] = options.range ?? [0, N];
    if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo >= 0 && lo < hi && hi <= N)) {
      throw new XsnnError(`SnnNetwork: range [${lo}, ${hi}) is not inside [0, ${N})`);
    }
    this.recipe = recipe;
    this.neurons = N;
    this.nInputs = synapses.nInputs;
    this.synapses = synapses;
    this.theta = theta;
    this.lo = lo;
    this.hi = hi;
    this.exchange = options.exchange ?? null;
    this.leader = options.leader ?? true;
    this.ownColumns = options.ownColumns ?? false;
    this.afterRelease = options.afterRelease ?? null;
    this.drive = new SynapticDrive(synapses);
    const dt = recipe.network.dt;
    this.dtMs = dt;
    this.tauPreMs = recipe.learning.tauPre;
    this.tauPost2Ms = recipe.learning.tauPost2;
    this.presSteps = Math.round(recipe.protocol.presentation / dt);
    this.restSteps = Math.round(recipe.protocol.rest / dt);
    this.maxDelay = synapses.maxDelay;
    this.inputScale = recipe.network.input.pixelRate * dt * 1e-3;
    const state = options.state ?? NetworkState.allocate(N);
    this.state = state;
    this.vE = state.vE;
    this.geE = state.geE;
    this.giE = state.giE;
    this.lastE = state.lastE;
    this.vI = state.vI;
    this.geI = state.geI;
    this.lastI = state.lastI;
    this.counts = state.counts;
    this.dep = state.dep;
    this.lastPost = state.lastPost;
    this.isActiveI = state.isActiveI;
    this.touched = state.touched;
    this.kernel = new ExcitatoryKernel(N, { entries: partitionEntries(synapses, lo, hi)?.count ?? 0, groups: this.nInputs * (synapses.maxDelay + 1) });
    this.stepState = StepState.copyOf(state, theta, this.kernel);
    this.hot = this.stepState.arrays;
    this.ringLen = this.maxDelay + 2;
    this.ring = new Float64Array(this.nInputs * this.ringLen);
    this.ringHead = new Int32Array(this.nInputs);
    this.ringCount = new Int32Array(this.nInputs);
    const L = recipe.learning;
    this.ringX = L.preTrace === 'add' ? new Float64Array(this.nInputs * this.ringLen) : null;
    this.tabPre = new Float64Array(TABLE);
    this.tabPost2 = new Float64Array(TABLE);
    for (let k = 0; k < TABLE; k++) {
      this.tabPre[k] = Math.exp((-k * dt) / this.tauPreMs);
      this.tabPost2[k] = Math.exp((-k * dt) / this.tauPost2Ms);
    }
    this.spikedE = this.kernel.spiked;
    this.spikedI = new Int32Array(N);
    this.iSpikeStep = new Float64Array(2 * N).fill(NEVER);
    this.activeI = new Int32Array(N);
    this.groups = this.kernel.groups;
    this.depList = new Int32Array(N);
    this.inDepList = new Uint8Array(N);
    this.normalizer = new ColumnNormalizer(N);
    this.sliceGroups();
    if (options.initialise ?? options.state === undefined) {
      this.lastPost.fill(NEVER);
      this.touched.fill(1);
      this.resetState(true);
    } else this.rebuildActiveList();
  }

  /** Replaces the synapses (e.g. after pruning) and the default drive. */
  setSynapses(synapses: InputSynapses): void {
    if (synapses.neurons !== this.neurons || synapses.nInputs !== this.nInputs || synapses.maxDelay !== this.maxDelay) {
      throw new XsnnError('SnnNetwork.setSynapses: shape differs');
    }
    const wasDefault = this.drivesExactly();
    this.synapses = synapses;
    if (wasDefault) this.drive = new SynapticDrive(synapses);
    this.sliceGroups();
    if (this.leader) this.touchAll();
    else this.normalizer.invalidate();
  }

  /** Whether the test-mode drive is the default exact {@link SynapticDrive} over {@link synapses}. */
  private drivesExactly(): boolean {
    return this.drive instanceof SynapticDrive && this.drive.synapses === this.synapses;
  }

  /**
   * Marks every input column as changed (after weights were rewritten wholesale, e.g. quantized or restored).
   * Test mode reads the weights as they were at construction, {@link setSynapses}, a training presentation or this call.
   */
  touchAll(): void {
    this.touched.fill(1);
    this.normalizer.invalidate();
    this.wStale = true;
  }

  /**
   * Resets v, conductances and refractoriness: to the recipe's initial values
   * (`vInit`) when `initial`, else to rest (v = v_rest, g = 0, not refractory).
   */
  resetState(initial = false): void {
    const net = this.recipe.network;
    this.vE.fill(initial ? net.exc.vInit : net.exc.vRest);
    this.vI.fill(initial ? net.inh.vInit : net.inh.vRest);
    this.geE.fill(0);
    this.giE.fill(0);
    this.geI.fill(0);
    this.lastE.fill(NEVER);
    this.lastI.fill(NEVER);
    // every I neuron starts active; it leaves the list once at its fixed point
    this.isActiveI.fill(1);
    this.rebuildActiveList();
  }

  /** Rebuilds this partition's list of active I neurons from the (shared) flags, e.g. after restoring a snapshot. */
  rebuildActiveList(): void {
    let m = 0;
    for (let j = this.lo; j < this.hi; j++) if (this.isActiveI[j] !== 0) this.activeI[m++] = j;
    this.nActI = m;
  }

  /**
   * Rescales each E neuron's surviving input weights to sum to `target`: w_ij ← w_ij · target / Σ_i w_ij.
   * Only columns that changed since the last call are visited (bit-for-bit the full pass, see {@link ColumnNormalizer}).
   */
  normalize(target: number): void {
    this.normalizeColumns(target, 0, this.neurons);
  }

  /** {@link normalize} of the columns of neurons `[lo, hi)` only, then {@link columnsSettled} for them. */
  private normalizeColumns(target: number, lo: number, hi: number): void {
    const { w, colPos } = this.synapses;
    const nIn = this.nInputs;
    const touched = this.touched;
    const norm = this.normalizer;
    for (let j = lo; j < hi; j++) if (norm.needs(j, touched[j] !== 0, target)) norm.column(j, w, colPos, nIn, target);
    this.columnsSettled(lo, hi);
  }

  /** Which input columns may have changed since {@link columnsSettled} (1 = changed); read by shadow weights. */
  get touchedColumns(): Uint8Array {
    return this.touched;
  }

  /**
   * Call once the columns are brought up to date before a presentation: a
   * column stays marked as changing only while its neuron's pre-synaptic
   * depression is pending (it lowers weights without a spike of its own).
   * `lo`/`hi` limit it to the columns of neurons `[lo, hi)`.
   */
  columnsSettled(lo = 0, hi = this.neurons): void {
    const touched = this.touched;
    const dep = this.dep;
    for (let j = lo; j < hi; j++) touched[j] = dep[j] !== 0 ? 1 : 0;
  }

  /**
   * Training presentation of one image (plastic, θ adaptive), with DC1's retry
   * rule: normalise, present for `presentation` then rest for `rest` (state
   * carries over); if the E layer fired fewer than `minSpikes` in the
   * presentation window, raise the intensity by `intensityStep` and repeat.
   * `beforePresentation`, when given, runs before every presentation instead of
   * the built-in normalisation (train's shadow-weight mode uses it).
   */
  trainImage(pixels: Uint8Array, offset: number, rng: Rng, beforePresentation?: () => void): ImageResponse {
    return this.present(pixels, offset, rng, true, beforePresentation);
  }

  /**
   * Test-mode presentation of one image: plasticity and θ frozen, no
   * normalisation; the state is reset to rest before each presentation and only
   * the presentation window is simulated (the rest would only decay the state
   * towards the reset values). Same retry rule as training.
   */
  inferImage(pixels: Uint8Array, offset: number, rng: Rng): ImageResponse {
    return this.present(pixels, offset, rng, false);
  }

  /** The retry loop shared by {@link trainImage} and {@link inferImage}. */
  private present(pixels: Uint8Array, offset: number, rng: Rng, learn: boolean, beforePresentation?: () => void): ImageResponse {
    const P = this.recipe.protocol;
    let intensity = P.intensityStart;
    let presentations = 0;
    for (;;) {
      if (!learn) this.resetState(false);
      else if (this.leader) {
        if (beforePresentation !== undefined) beforePresentation();
        else if (P.normalizeSum !== null && !this.ownColumns) this.normalize(P.normalizeSum);
      }
      this.meet(0); // the leader is done with the weights
      if (!this.leader) this.afterRelease?.();
      if (learn && this.ownColumns && beforePresentation === undefined && P.normalizeSum !== null) this.normalizeColumns(P.normalizeSum, this.lo, this.hi);
      this.spikes.generate(pixels, offset, this.nInputs, this.inputScale * intensity, this.presSteps, rng);
      const total = this.meet(this.run(learn ? this.presSteps + this.restSteps : this.presSteps, learn));
      presentations++;
      if (total >= P.minSpikes || presentations > (P.maxRetries ?? UNCAPPED_RETRY_LIMIT) || isBlank(pixels, offset, this.nInputs)) {
        return { counts: this.counts, total, presentations };
      }
      intensity += P.intensityStep;
    }
  }

  /** One round of the exchange: the sum of every partition's `value` (`value` itself when alone). */
  private meet(value: number): number {
    if (this.exchange === null) return value;
    return this.exchange.sum(this.exchange.post(value));
  }

  /**
   * Simulates `steps` steps of the current presentation (`this.spikes`, whose
   * window is the first `presSteps` steps); counts E spikes of the window into
   * `counts`; returns this partition's total. `learn` switches STDP and θ adaptation on.
   * `startStep` continues a presentation at that step (stepping it in pieces).
   */
  run(steps: number, learn: boolean, startStep = 0): number {
    if (!learn && (this.lo !== 0 || this.hi !== this.neurons)) throw new XsnnError('SnnNetwork.run: test mode runs the whole network (no partitions)');
    const c = this.constants(learn);
    const wIE = this.recipe.network.synapses.wInhExc;
    const exchange = this.exchange;
    const hot = this.hot;
    this.stepState.load(this.lo, this.hi);
    const kernelDrive = this.kernelEntries && (learn || this.drivesExactly());
    if (this.kernelEntries && (learn || this.wStale)) {
      this.kernel.w.set(this.synapses.w.subarray(this.wBase, this.wBase + this.wCount));
      this.wStale = false;
    }
    hot.counts.fill(0, this.lo, this.hi);
    this.depActive = false;
    this.inDepList.fill(0, this.lo, this.hi);
    this.nDep = 0;
    if (c.depression) {
      for (let j = this.lo; j < this.hi; j++) {
        if (hot.dep[j] === 0) continue;
        this.depActive = true;
        this.inDepList[j] = 1;
        this.depList[this.nDep++] = j;
      }
    }
    const pres = c.presSteps;
    const lastArrival = pres + this.maxDelay;
    let total = 0;
    // I→E inhibition of a step is applied at the start of the next one (it only enters the next E update),
    // so a partition waits for the others' I spike count of step n − 1 only after posting its own of step n.
    let pendingStep = 0;
    let pendingRound = 0;
    let pendingNI = 0;
    for (let s = startStep; s < startStep + steps; s++) {
      const n = ++this.t;
      // 1+2. state update (Euler, values from the start of the step), then thresholds; I first, E then
      const nI = this.updateInhibitory(n, c);
      const round = exchange !== null ? exchange.post(nI) : 0;
      if (pendingStep !== 0) this.inhibit(exchange !== null ? exchange.sum(pendingRound) : pendingNI, pendingStep, wIE);
      const nE = this.updateExcitatory(n, c);
      if (this.depActive) this.decayDepression(c.decPost1);
      // 3. synapses: input emissions (for the pre traces), arrivals, E→I, post STDP (I→E: next step)
      if (s <= lastArrival) {
        if (learn) {
          if (s < pres) this.recordEmissions(s, n);
          this.deliverPlastic(s, pres - 1, kernelDrive);
        } else if (kernelDrive)
          this.kernel.deliver(arrivingGroups(this.spikes.stepPtr, this.spikes.inputs, s, this.maxDelay, this.spikes.steps - 1, this.groups), false);
        else this.drive.deliver(this.spikes, s, hot.geE);
      }
      this.exciteInhibitory(nE);
      if (learn && nE > 0) this.learnAtPostSpikes(nE, n, c);
      // 4. resets
      this.resetSpiked(nE, nI, n, c.thetaPlusMv, s < pres);
      if (s < pres) total += nE;
      pendingStep = n;
      pendingRound = round;
      pendingNI = nI;
    }
    if (pendingStep !== 0) this.inhibit(exchange !== null ? exchange.sum(pendingRound) : pendingNI, pendingStep, wIE);
    this.stepState.store(this.lo, this.hi);
    if (learn && this.kernelEntries) {
      this.synapses.w.set(this.kernel.w.subarray(0, this.wCount), this.wBase);
      this.wStale = true; // the weights change between presentations (normalisation, pruning, …)
    }
    return total;
  }

  private constants(learn: boolean): StepConstants {
    const R = this.recipe;
    const dt = this.dtMs;
    const ex = R.network.exc;
    const ih = R.network.inh;
    const L = R.learning;
    const refrSteps = Math.round(ex.refractory / dt);
    return {
      dtTauE: dt / ex.tauMembrane,
      dtTauI: dt / ih.tauMembrane,
      vThEMv: ex.vThresh - R.network.threshold.thetaOffset,
      refrSteps,
      refrStepsI: Math.round(ih.refractory / dt),
      timerSteps: Math.max(refrSteps, Math.round(R.network.threshold.timer / dt)),
      decGe: 1 - dt / R.network.synapses.tauGe,
      decGi: 1 - dt / R.network.synapses.tauGi,
      decTheta: learn ? 1 - dt / R.network.threshold.tauTheta : 1,
      thetaPlusMv: learn ? R.network.threshold.thetaPlus : 0,
      depression: learn && (L.rule === 'dc2015' || L.powerLaw.preDepression === true),
      decPost1: Math.exp(-dt / L.tauPost1),
      etaPre: L.etaPre * this.learningRateScale,
      presSteps: Math.min(this.presSteps, this.spikes.steps),
      limited: R.network.integration === 'euler-limited',
      vRestMv: ex.vRest,
      eExcMv: ex.eExc,
      eInhMv: ex.eInh,
      tiny: TINY,
    };
  }

  /**
   * E state update and thresholds of step n (the class doc's equations, in
   * {@link ExcitatoryKernel}); returns the number of spiking E neurons (listed in `spikedE`).
   * Conductances below TINY are flushed to 0: their effect on v is far below
   * v's rounding (so it is exact) and it keeps the arithmetic out of denormals.
   */
  private updateExcitatory(n: number, c: StepConstants): number {
    return this.kernel.update(this.lo, this.hi, n, c);
  }

  /**
   * Decays the pending pre-synaptic depression by exp(−dt/τ_post1), flushing values below TINY.
   * Only listed neurons are visited (every other one has dep = 0, which stays 0); flushed ones leave the list.
   */
  private decayDepression(decPost1: number): void {
    const dep = this.hot.dep,
      list = this.depList,
      inList = this.inDepList;
    let m = 0;
    for (let q = 0, nDep = this.nDep; q < nDep; q++) {
      const j = list[q]!;
      const x = dep[j]! * decPost1;
      if (x < TINY) {
        dep[j] = 0;
        inList[j] = 0;
      } else {
        dep[j] = x;
        list[m++] = j;
      }
    }
    this.nDep = m;
    this.depActive = m > 0;
  }

  /**
   * I state update and thresholds; returns the number of spiking I neurons (listed in `spikedI`).
   * Only neurons not at a fixed point are updated ("active" list): a neuron with
   * g_e = 0, not refractory and v unchanged by its update stays unchanged until
   * an E spike drives it, so skipping it is exact.
   */
  private updateInhibitory(n: number, c: StepConstants): number {
    const ih = this.recipe.network.inh;
    const vRest = ih.vRest,
      eExc = ih.eExc,
      vTh = ih.vThresh;
    const { dtTauI, refrStepsI, decGe, limited } = c;
    const hot = this.hot;
    const vI = hot.vI,
      geI = hot.geI,
      lastI = hot.lastI,
      activeI = this.activeI,
      isActiveI = hot.isActiveI,
      spikedI = this.spikedI,
      iSpikeStep = this.iSpikeStep;
    let nI = 0;
    let m = 0;
    for (let q = 0, nAct = this.nActI; q < nAct; q++) {
      const j = activeI[q]!;
      const ge = geI[j]!;
      let keep = ge !== 0;
      const since = n - lastI[j]!;
      if (since >= refrStepsI) {
        const v = vI[j]!;
        let nv: number;
        if (!limited || dtTauI * (1 + ge) <= 1) {
          nv = v + dtTauI * (vRest - v + ge * (eExc - v));
        } else nv = (vRest + ge * eExc) / (1 + ge);
        vI[j] = nv;
        if (nv > vTh) {
          spikedI[nI++] = j;
          iSpikeStep[(n & 1) * this.neurons + j] = n;
          keep = true;
        } else if (nv !== v) keep = true;
      } else keep = true;
      const nge = ge * decGe;
      geI[j] = nge < TINY ? 0 : nge;
      if (keep) activeI[m++] = j;
      else isActiveI[j] = 0;
    }
    this.nActI = m;
    return nI;
  }

  /** Records the input spikes emitted at presentation step s (global step n) in the per-input spike history. */
  private recordEmissions(s: number, n: number): void {
    const { stepPtr, inputs } = this.spikes;
    const ring = this.ring,
      ringHead = this.ringHead,
      ringCount = this.ringCount,
      RL = this.ringLen,
      ringX = this.ringX;
    for (let q = stepPtr[s]!, qe = stepPtr[s + 1]!; q < qe; q++) {
      const i = inputs[q]!;
      const prev = ringHead[i]!;
      const h = (prev + 1) % RL;
      ringHead[i] = h;
      ring[i * RL + h] = n;
      // summed trace: the previous emission's value, decayed to now, plus 1
      if (ringX !== null) ringX[i * RL + h] = ringCount[i] === 0 ? 1 : 1 + ringX[i * RL + prev]! * this.preDecay(n - ring[i * RL + prev]!);
      if (ringCount[i]! < RL) ringCount[i]!++;
    }
  }

  /**
   * Input arrivals of step s into g_e (this partition's columns), applying the pending pre-synaptic depression to
   * each arriving synapse; in the kernel (`inKernel`, over its copy of the weights) or in the loops below.
   */
  private deliverPlastic(s: number, last: number, inKernel: boolean): void {
    const groups = this.groups;
    const m = arrivingGroups(this.spikes.stepPtr, this.spikes.inputs, s, this.maxDelay, last, groups);
    if (inKernel) {
      this.kernel.deliver(m, this.depActive);
      return;
    }
    const gLo = this.gLo,
      gHi = this.gHi,
      col = this.synapses.col,
      w = this.synapses.w,
      geE = this.hot.geE,
      dep = this.hot.dep;
    const depActive = this.depActive;
    const nDep = this.nDep,
      depList = this.depList,
      colPos = this.synapses.colPos,
      nIn = this.nInputs,
      D1 = this.maxDelay + 1;
    for (let g = 0; g < m; g++) {
      const k = groups[g]!;
      const eStart = gLo[k]!;
      const eEnd = gHi[k]!;
      if (depActive && 4 * nDep < eEnd - eStart) {
        // few depressed neurons: every synapse adds its weight, then only theirs are lowered (each entry is
        // read before it is lowered, as in the fused loop below; an entry is in one group only, so the same floats;
        // the fused loop's max(0, w − 0) of the others is w itself, weights being never negative, −0 or NaN)
        for (let e = eStart; e < eEnd; e++) geE[col[e]!]! += w[e]!;
        const i = (k / D1) | 0;
        for (let q = 0; q < nDep; q++) {
          const j = depList[q]!;
          const e = colPos[j * nIn + i]!;
          if (e < eStart || e >= eEnd) continue; // pruned, or another delay
          const nw = w[e]! - dep[j]!;
          w[e] = nw > 0 ? nw : 0;
        }
      } else if (depActive) {
        for (let e = eStart; e < eEnd; e++) {
          const j = col[e]!;
          const wv = w[e]!;
          geE[j]! += wv;
          const nw = wv - dep[j]!;
          w[e] = nw > 0 ? nw : 0;
        }
      } else {
        for (let e = eStart; e < eEnd; e++) geE[col[e]!]! += w[e]!;
      }
    }
  }

  /** E→I, one to one: each spiking E neuron adds w_EI to its partner's g_e (and wakes it). */
  private exciteInhibitory(nE: number): void {
    const wEI = this.recipe.network.synapses.wExcInh;
    const geI = this.hot.geI,
      isActiveI = this.hot.isActiveI,
      activeI = this.activeI,
      spikedE = this.spikedE;
    for (let q = 0; q < nE; q++) {
      const j = spikedE[q]!;
      geI[j]! += wEI;
      if (isActiveI[j] === 0) {
        isActiveI[j] = 1;
        activeI[this.nActI++] = j;
      }
    }
  }

  /** I→E, all but partner: with `nITotal` I spikes in the network at step n, E neuron j gets w_IE added once per spike except its partner's. */
  private inhibit(nITotal: number, n: number, wIE: number): void {
    if (nITotal === 0) return;
    const giE = this.hot.giE,
      iSpikeStep = this.iSpikeStep,
      base = (n & 1) * this.neurons;
    for (let j = this.lo, hi = this.hi; j < hi; j++) {
      let g = giE[j]!;
      for (let r = iSpikeStep[base + j] === n ? nITotal - 1 : nITotal; r > 0; r--) g += wIE;
      giE[j] = g;
    }
  }

  /** Post-synaptic STDP of this step's E spikes; the dc2015 rule also arms their pre-synaptic depression. */
  private learnAtPostSpikes(nE: number, n: number, c: StepConstants): void {
    const spikedE = this.spikedE;
    for (let q = 0; q < nE; q++) {
      const j = spikedE[q]!;
      this.postSpike(j, n);
      this.hot.touched[j] = 1;
    }
    if (c.depression) {
      for (let q = 0; q < nE; q++) {
        const j = spikedE[q]!;
        this.hot.dep[j] = c.etaPre;
        if (this.inDepList[j] === 0) {
          this.inDepList[j] = 1;
          this.depList[this.nDep++] = j;
        }
      }
      this.depActive = c.etaPre > 0;
    }
  }

  /** Resets of this step's spiking neurons (v, θ, refractoriness) and the window's spike counts. */
  private resetSpiked(nE: number, nI: number, n: number, thetaPlusMv: number, inWindow: boolean): void {
    const vResetE = this.recipe.network.exc.vReset;
    const vResetI = this.recipe.network.inh.vReset;
    const { spikedE, spikedI } = this;
    const { vE, theta, lastE, counts, vI, lastI } = this.hot;
    for (let q = 0; q < nE; q++) {
      const j = spikedE[q]!;
      vE[j] = vResetE;
      theta[j] = theta[j]! + thetaPlusMv;
      lastE[j] = n;
      if (inWindow) counts[j]!++;
    }
    for (let q = 0; q < nI; q++) {
      const j = spikedI[q]!;
      vI[j] = vResetI;
      lastI[j] = n;
    }
  }

  /** This partition's slice of every delay group ({@link sliceGroupRanges}), and its entries copied into the kernel when they are contiguous. */
  private sliceGroups(): void {
    this.sliceGroupRanges();
    this.copyEntries();
  }

  /** Copies this partition's synapse entries (structure now, weights before each presentation) into the kernel, when it can hold them. */
  private copyEntries(): void {
    const part = partitionEntries(this.synapses, this.lo, this.hi);
    const k = this.kernel;
    this.wStale = true;
    this.kernelEntries = part !== null && part.count <= k.w.length;
    if (part === null || !this.kernelEntries) return;
    const { base, count } = part;
    for (let g = 0, G = this.gLo.length; g < G; g++) {
      k.gLo[g] = this.gLo[g]! - base;
      k.gHi[g] = this.gHi[g]! - base;
    }
    k.col.set(this.synapses.col.subarray(base, base + count));
    this.wBase = base;
    this.wCount = count;
  }

  /** This partition's slice `[gLo[k], gHi[k])` of every delay group (entries inside a group are sorted by neuron). */
  private sliceGroupRanges(): void {
    const { grpPtr, col } = this.synapses;
    const B = this.synapses.blockCount;
    if (B > 1) {
      // a layout split by neuron blocks (training on several threads): this partition's neurons are one block
      const b = this.synapses.blockOf(this.lo, this.hi);
      if (b < 0) {
        throw new XsnnError(`SnnNetwork: neurons [${this.lo}, ${this.hi}) are not one block of the synapses' layout [${[...this.synapses.blocks].join(', ')}]`);
      }
      const KB = (grpPtr.length - 1) / B;
      this.gLo = grpPtr.subarray(b * KB, (b + 1) * KB);
      this.gHi = grpPtr.subarray(b * KB + 1, (b + 1) * KB + 1);
      return;
    }
    const K = grpPtr.length - 1;
    if (this.lo === 0 && this.hi === this.neurons) {
      this.gLo = grpPtr.subarray(0, K);
      this.gHi = grpPtr.subarray(1);
      return;
    }
    this.gLo = new Int32Array(K);
    this.gHi = new Int32Array(K);
    for (let k = 0; k < K; k++) {
      let a = grpPtr[k]!;
      const end = grpPtr[k + 1]!;
      while (a < end && col[a]! < this.lo) a++;
      let b = a;
      while (b < end && col[b]! < this.hi) b++;
      this.gLo[k] = a;
      this.gHi[k] = b;
    }
  }

  /** exp(−k·dt/τ_pre): the pre-synaptic trace's decay over k steps. */
  private preDecay(k: number): number {
    return k < TABLE ? this.tabPre[k]! : Math.exp((-k * this.dtMs) / this.tauPreMs);
  }

  /**
   * Pre-synaptic trace of synapse (i, delay d) at step n, from the latest arrival a ≤ n:
   * `set`: exp(−(n − a)·dt/τ_pre); `add`: X_a · exp(−(n − a)·dt/τ_pre), with X_a the summed
   * trace right after that spike (X = 1 + X_prev · exp(−Δ·dt/τ_pre)); 0 without an arrival.
   */
  private preTrace(i: number, d: number, n: number): number {
    const RL = this.ringLen;
    const cnt = this.ringCount[i]!;
    let h = this.ringHead[i]!;
    const base = i * RL;
    for (let c = 0; c < cnt; c++) {
      const s = this.ring[base + h]!;
      if (s + d <= n) {
        const x = this.preDecay(n - s - d);
        return this.ringX === null ? x : this.ringX[base + h]! * x;
      }
      h = h === 0 ? RL - 1 : h - 1;
    }
    return 0;
  }

  /** STDP at a post-synaptic spike of E neuron j at step n (column update over its surviving synapses). */
  private postSpike(j: number, n: number): void {
    const L = this.recipe.learning;
    const { colPos, delays } = this.synapses;
    // during a presentation the kernel's copy holds this partition's weights (entry e at e − wBase)
    const w = this.kernelEntries ? this.kernel.w : this.synapses.w;
    const off = this.kernelEntries ? this.wBase : 0;
    const nIn = this.nInputs;
    const N = this.neurons;
    const wMax = this.recipe.network.input.wMax;
    const base = j * nIn;
    if (L.rule === 'dc2015') {
      const lastPost = this.hot.lastPost;
      const k2 = n - lastPost[j]!;
      const post2 = k2 < TABLE ? this.tabPost2[k2]! : Math.exp((-k2 * this.dtMs) / this.tauPost2Ms);
      lastPost[j] = n;
      const a = L.etaPost * this.learningRateScale * post2;
      if (a === 0) return;
      for (let i = 0; i < nIn; i++) {
        const e = colPos[base + i]! - off;
        if (e < 0 || this.ringCount[i] === 0) continue;
        const pre = this.preTrace(i, delays[i * N + j]!, n);
        if (pre === 0) continue;
        const nw = w[e]! + a * pre;
        w[e] = nw > wMax ? wMax : nw;
      }
    } else {
      const { xTar, mu } = L.powerLaw;
      const eta = L.powerLaw.eta * this.learningRateScale;
      this.hot.lastPost[j] = n;
      for (let i = 0; i < nIn; i++) {
        const e = colPos[base + i]! - off;
        if (e < 0) continue;
        const pre = this.ringCount[i] === 0 ? 0 : this.preTrace(i, delays[i * N + j]!, n);
        const wv = w[e]!;
        const room = wMax - wv;
        let nw = wv + eta * (pre - xTar) * (mu === 0 ? 1 : Math.pow(room > 0 ? room : 0, mu));
        if (nw < 0) nw = 0;
        else if (nw > wMax) nw = wMax;
        w[e] = nw;
      }
    }
  }
}

/**
 * The entries `[base, base + count)` of neurons `[lo, hi)` when they are contiguous in the layout (one of its
 * blocks, or the whole of a one-block layout); else null.
 */
function partitionEntries(syn: InputSynapses, lo: number, hi: number): { base: number; count: number } | null {
  const { grpPtr } = syn;
  const B = syn.blockCount;
  const K = (grpPtr.length - 1) / B;
  if (B > 1) {
    const b = syn.blockOf(lo, hi);
    return b < 0 ? null : { base: grpPtr[b * K]!, count: grpPtr[(b + 1) * K]! - grpPtr[b * K]! };
  }
  return lo === 0 && hi === syn.neurons ? { base: 0, count: grpPtr[K]! } : null;
}

/**
 * True when an image has no non-zero pixel: no intensity can make it drive the
 * network, so the retry rule would loop forever (DC1 has no retry cap). A blank
 * image is presented once and accepted with whatever the network did.
 */
function isBlank(pixels: Uint8Array, offset: number, size: number): boolean {
  for (let i = offset, end = offset + size; i < end; i++) if (pixels[i] !== 0) return false;
  return true;
}
