import type { Rng } from '../core/Rng.js';
import { XsnnError } from '../config/XsnnError.js';
import type { InputDrive } from './InputDrive.js';
import { SynapticDrive } from './InputDrive.js';
import { InputSpikes } from './InputSpikes.js';
import type { InputSynapses } from './InputSynapses.js';
import { UNCAPPED_RETRY_LIMIT, type SnnRecipe } from './SnnRecipe.js';

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

/**
 * The Diehl & Cook two-layer network (input → E ⇄ I) with Brian2 semantics
 * (peer README): forward Euler at dt, for E
 *   v ← v + dt/τ_m·[(v_rest − v) + g_e(E_exc − v) + g_i(E_inh − v)]  (held while refractory),
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
 */
export class SnnNetwork {
  readonly recipe: SnnRecipe;
  readonly neurons: number;
  readonly nInputs: number;
  /** Input→E synapses (weights updated in place during training). */
  synapses: InputSynapses;
  /** Adaptive thresholds θ (mV). */
  readonly theta: Float64Array;
  /** Test-mode input drive; defaults to the exact {@link SynapticDrive} over {@link synapses}. */
  drive: InputDrive;

  // --- derived constants
  readonly presSteps: number;
  readonly restSteps: number;
  readonly maxDelay: number;
  private readonly inputScale: number;

  // --- state
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

  // --- learning state
  private readonly dep: Float64Array;
  private readonly lastPost: Float64Array;
  private readonly ringLen: number;
  private readonly ring: Float64Array;
  private readonly ringHead: Int32Array;
  private readonly ringCount: Int32Array;
  /** `preTrace: add`: the source's summed trace right after each emission in `ring` (null for `set`). */
  private readonly ringX: Float64Array | null;
  private readonly tabPre: Float64Array;
  private readonly tabPost2: Float64Array;
  private readonly spikedE: Int32Array;
  private readonly spikedI: Int32Array;
  private readonly colSum: Float64Array;
  private readonly activeI: Int32Array;
  private readonly isActiveI: Uint8Array;
  private nActI = 0;

  constructor(recipe: SnnRecipe, synapses: InputSynapses, theta: Float64Array) {
    const N = recipe.network.neurons;
    if (synapses.neurons !== N) throw new XsnnError(`SnnNetwork: recipe has ${N} neurons, synapses have ${synapses.neurons}`);
    if (theta.length !== N) throw new XsnnError(`SnnNetwork: expected ${N} thresholds, got ${theta.length}`);
    this.recipe = recipe;
    this.neurons = N;
    this.nInputs = synapses.nInputs;
    this.synapses = synapses;
    this.theta = theta;
    this.drive = new SynapticDrive(synapses);
    const dt = recipe.network.dt;
    this.presSteps = Math.round(recipe.protocol.presentation / dt);
    this.restSteps = Math.round(recipe.protocol.rest / dt);
    this.maxDelay = synapses.maxDelay;
    this.inputScale = recipe.network.input.pixelRate * dt * 1e-3;
    this.vE = new Float64Array(N);
    this.geE = new Float64Array(N);
    this.giE = new Float64Array(N);
    this.lastE = new Float64Array(N);
    this.vI = new Float64Array(N);
    this.geI = new Float64Array(N);
    this.lastI = new Float64Array(N);
    this.counts = new Int32Array(N);
    this.dep = new Float64Array(N);
    this.lastPost = new Float64Array(N).fill(NEVER);
    this.ringLen = this.maxDelay + 2;
    this.ring = new Float64Array(this.nInputs * this.ringLen);
    this.ringHead = new Int32Array(this.nInputs);
    this.ringCount = new Int32Array(this.nInputs);
    const L = recipe.learning;
    this.ringX = L.preTrace === 'add' ? new Float64Array(this.nInputs * this.ringLen) : null;
    this.tabPre = new Float64Array(TABLE);
    this.tabPost2 = new Float64Array(TABLE);
    for (let k = 0; k < TABLE; k++) {
      this.tabPre[k] = Math.exp((-k * dt) / L.tauPre);
      this.tabPost2[k] = Math.exp((-k * dt) / L.tauPost2);
    }
    this.spikedE = new Int32Array(N);
    this.spikedI = new Int32Array(N);
    this.colSum = new Float64Array(N);
    this.activeI = new Int32Array(N);
    this.isActiveI = new Uint8Array(N);
    this.resetState(true);
  }

  /** Replaces the synapses (e.g. after pruning) and the default drive. */
  setSynapses(synapses: InputSynapses): void {
    if (synapses.neurons !== this.neurons || synapses.nInputs !== this.nInputs || synapses.maxDelay !== this.maxDelay) {
      throw new XsnnError('SnnNetwork.setSynapses: shape differs');
    }
    const wasDefault = this.drive instanceof SynapticDrive && this.drive.synapses === this.synapses;
    this.synapses = synapses;
    if (wasDefault) this.drive = new SynapticDrive(synapses);
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
    for (let j = 0; j < this.neurons; j++) this.activeI[j] = j;
    this.isActiveI.fill(1);
    this.nActI = this.neurons;
  }

  /** Rescales each E neuron's surviving input weights to sum to `target`: w_ij ← w_ij · target / Σ_i w_ij. */
  normalize(target: number): void {
    const { col, w } = this.synapses;
    const sum = this.colSum;
    sum.fill(0);
    const n = col.length;
    for (let e = 0; e < n; e++) sum[col[e]!]! += w[e]!;
    for (let j = 0; j < this.neurons; j++) sum[j] = sum[j]! > 0 ? target / sum[j]! : 1;
    for (let e = 0; e < n; e++) w[e] = w[e]! * sum[col[e]!]!;
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
    const P = this.recipe.protocol;
    let intensity = P.intensityStart;
    let presentations = 0;
    let total: number;
    for (;;) {
      if (beforePresentation !== undefined) beforePresentation();
      else if (P.normalizeSum !== null) this.normalize(P.normalizeSum);
      this.spikes.generate(pixels, offset, this.nInputs, this.inputScale * intensity, this.presSteps, rng);
      total = this.run(this.presSteps + this.restSteps, true);
      presentations++;
      if (total >= P.minSpikes || presentations > (P.maxRetries ?? UNCAPPED_RETRY_LIMIT) || isBlank(pixels, offset, this.nInputs)) break;
      intensity += P.intensityStep;
    }
    return { counts: this.counts, total, presentations };
  }

  /**
   * Test-mode presentation of one image: plasticity and θ frozen, no
   * normalisation; the state is reset to rest before each presentation and only
   * the presentation window is simulated (the rest would only decay the state
   * towards the reset values). Same retry rule as training.
   */
  inferImage(pixels: Uint8Array, offset: number, rng: Rng): ImageResponse {
    const P = this.recipe.protocol;
    let intensity = P.intensityStart;
    let presentations = 0;
    let total: number;
    for (;;) {
      this.resetState(false);
      this.spikes.generate(pixels, offset, this.nInputs, this.inputScale * intensity, this.presSteps, rng);
      total = this.run(this.presSteps, false);
      presentations++;
      if (total >= P.minSpikes || presentations > (P.maxRetries ?? UNCAPPED_RETRY_LIMIT) || isBlank(pixels, offset, this.nInputs)) break;
      intensity += P.intensityStep;
    }
    return { counts: this.counts, total, presentations };
  }

  /**
   * Simulates `steps` steps of the current presentation (`this.spikes`, whose
   * window is the first `presSteps` steps); counts E spikes of the window into
   * `counts`; returns their total. `learn` switches STDP and θ adaptation on.
   * `startStep` continues a presentation at that step (stepping it in pieces).
   */
  run(steps: number, learn: boolean, startStep = 0): number {
    const R = this.recipe;
    const N = this.neurons;
    const nIn = this.nInputs;
    const dt = R.network.dt;
    const ex = R.network.exc;
    const ih = R.network.inh;
    const dtTauE = dt / ex.tauMembrane;
    const dtTauI = dt / ih.tauMembrane;
    const vRestE = ex.vRest,
      vResetE = ex.vReset,
      eExcE = ex.eExc,
      eInhE = ex.eInh;
    const vRestI = ih.vRest,
      vResetI = ih.vReset,
      eExcI = ih.eExc,
      vThI = ih.vThresh;
    const vThE = ex.vThresh - R.network.threshold.thetaOffset;
    const refrE = Math.round(ex.refractory / dt);
    const refrI = Math.round(ih.refractory / dt);
    const timerE = Math.max(refrE, Math.round(R.network.threshold.timer / dt));
    const decGe = 1 - dt / R.network.synapses.tauGe;
    const decGi = 1 - dt / R.network.synapses.tauGi;
    const decTheta = learn ? 1 - dt / R.network.threshold.tauTheta : 1;
    const thetaPlus = learn ? R.network.threshold.thetaPlus : 0;
    const wEI = R.network.synapses.wExcInh;
    const wIE = R.network.synapses.wInhExc;
    const L = R.learning;
    const dc = learn && (L.rule === 'dc2015' || L.powerLaw.preDepression === true);
    const decPost1 = Math.exp(-dt / L.tauPost1);
    const etaPre = L.etaPre * this.learningRateScale;
    const vE = this.vE,
      geE = this.geE,
      giE = this.giE,
      lastE = this.lastE,
      theta = this.theta;
    const vI = this.vI,
      geI = this.geI,
      lastI = this.lastI;
    const counts = this.counts;
    const spikedE = this.spikedE,
      spikedI = this.spikedI;
    const dep = this.dep;
    const spk = this.spikes;
    const stepPtr = spk.stepPtr,
      inputs = spk.inputs;
    const pres = Math.min(this.presSteps, spk.steps);
    const D = this.maxDelay;
    const D1 = D + 1;
    const syn = this.synapses;
    const grpPtr = syn.grpPtr,
      col = syn.col,
      w = syn.w;
    const ring = this.ring,
      ringHead = this.ringHead,
      ringCount = this.ringCount,
      RL = this.ringLen,
      ringX = this.ringX;
    const drive = this.drive;
    counts.fill(0);
    let total = 0;
    let depActive = false;
    if (dc)
      for (let j = 0; j < N; j++)
        if (dep[j] !== 0) {
          depActive = true;
          break;
        }
    const lastArrival = pres + D;
    const learnTheta = decTheta !== 1;
    const activeI = this.activeI,
      isActiveI = this.isActiveI;
    let nActI = this.nActI;
    for (let s = startStep; s < startStep + steps; s++) {
      const n = ++this.t;
      // 1+2. state update (Euler, values from the start of the step), then threshold.
      // Conductances below TINY are flushed to 0: their effect on v is far below
      // v's rounding (so it is exact) and it keeps the arithmetic out of denormals.
      let nE = 0;
      for (let j = 0; j < N; j++) {
        const ge = geE[j]!,
          gi = giE[j]!;
        let th = theta[j]!;
        if (learnTheta) {
          th *= decTheta;
          theta[j] = th;
        }
        const since = n - lastE[j]!;
        if (since >= refrE) {
          const v = vE[j]!;
          const nv = v + dtTauE * (vRestE - v + ge * (eExcE - v) + gi * (eInhE - v));
          vE[j] = nv;
          if (nv > th + vThE && since >= timerE) spikedE[nE++] = j;
        }
        const nge = ge * decGe;
        geE[j] = nge < TINY ? 0 : nge;
        const ngi = gi * decGi;
        giE[j] = ngi < TINY ? 0 : ngi;
      }
      if (depActive) {
        let any = false;
        for (let j = 0; j < N; j++) {
          const x = dep[j]! * decPost1;
          if (x < TINY) dep[j] = 0;
          else {
            dep[j] = x;
            any = true;
          }
        }
        depActive = any;
      }
      // I neurons: only those not at a fixed point are updated ("active" list);
      // a neuron with g_e = 0, not refractory and v unchanged by its update stays
      // unchanged until an E spike drives it, so skipping it is exact.
      let nI = 0;
      {
        let m = 0;
        for (let q = 0; q < nActI; q++) {
          const j = activeI[q]!;
          const ge = geI[j]!;
          let keep = ge !== 0;
          const since = n - lastI[j]!;
          if (since >= refrI) {
            const v = vI[j]!;
            const nv = v + dtTauI * (vRestI - v + ge * (eExcI - v));
            vI[j] = nv;
            if (nv > vThI) {
              spikedI[nI++] = j;
              keep = true;
            } else if (nv !== v) keep = true;
          } else keep = true;
          const nge = ge * decGe;
          geI[j] = nge < TINY ? 0 : nge;
          if (keep) activeI[m++] = j;
          else isActiveI[j] = 0;
        }
        nActI = m;
      }
      // 3. synapses: input emissions (for the pre traces), arrivals, E→I, I→E, post STDP
      if (s <= lastArrival) {
        if (learn) {
          if (s < pres) {
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
          for (let d = 0; d <= D; d++) {
            const se = s - d;
            if (se < 0) break;
            if (se >= pres) continue;
            const qEnd = stepPtr[se + 1]!;
            for (let q = stepPtr[se]!; q < qEnd; q++) {
              const k = inputs[q]! * D1 + d;
              const eEnd = grpPtr[k + 1]!;
              if (depActive) {
                for (let e = grpPtr[k]!; e < eEnd; e++) {
                  const j = col[e]!;
                  const wv = w[e]!;
                  geE[j]! += wv;
                  const nw = wv - dep[j]!;
                  w[e] = nw > 0 ? nw : 0;
                }
              } else {
                for (let e = grpPtr[k]!; e < eEnd; e++) geE[col[e]!]! += w[e]!;
              }
            }
          }
        } else {
          drive.deliver(spk, s, geE);
        }
      }
      for (let q = 0; q < nE; q++) {
        const j = spikedE[q]!;
        geI[j]! += wEI;
        if (isActiveI[j] === 0) {
          isActiveI[j] = 1;
          activeI[nActI++] = j;
        }
      }
      for (let q = 0; q < nI; q++) {
        const jj = spikedI[q]!;
        for (let j = 0; j < N; j++) if (j !== jj) giE[j]! += wIE;
      }
      if (learn && nE > 0) {
        for (let q = 0; q < nE; q++) this.postSpike(spikedE[q]!, n);
        if (dc) {
          for (let q = 0; q < nE; q++) dep[spikedE[q]!] = etaPre;
          depActive = etaPre > 0;
        }
      }
      // 4. resets
      for (let q = 0; q < nE; q++) {
        const j = spikedE[q]!;
        vE[j] = vResetE;
        theta[j] = theta[j]! + thetaPlus;
        lastE[j] = n;
        if (s < pres) counts[j]!++;
      }
      if (s < pres) total += nE;
      for (let q = 0; q < nI; q++) {
        const j = spikedI[q]!;
        vI[j] = vResetI;
        lastI[j] = n;
      }
    }
    this.nActI = nActI;
    void nIn;
    return total;
  }

  /** exp(−k·dt/τ_pre): the pre-synaptic trace's decay over k steps. */
  private preDecay(k: number): number {
    return k < TABLE ? this.tabPre[k]! : Math.exp((-k * this.recipe.network.dt) / this.recipe.learning.tauPre);
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
    const { colPos, w, delays } = this.synapses;
    const nIn = this.nInputs;
    const N = this.neurons;
    const wMax = this.recipe.network.input.wMax;
    const base = j * nIn;
    if (L.rule === 'dc2015') {
      const k2 = n - this.lastPost[j]!;
      const post2 = k2 < TABLE ? this.tabPost2[k2]! : Math.exp((-k2 * this.recipe.network.dt) / L.tauPost2);
      this.lastPost[j] = n;
      const a = L.etaPost * this.learningRateScale * post2;
      if (a === 0) return;
      for (let i = 0; i < nIn; i++) {
        const e = colPos[base + i]!;
        if (e < 0 || this.ringCount[i] === 0) continue;
        const pre = this.preTrace(i, delays[i * N + j]!, n);
        if (pre === 0) continue;
        const nw = w[e]! + a * pre;
        w[e] = nw > wMax ? wMax : nw;
      }
    } else {
      const { xTar, mu } = L.powerLaw;
      const eta = L.powerLaw.eta * this.learningRateScale;
      this.lastPost[j] = n;
      for (let i = 0; i < nIn; i++) {
        const e = colPos[base + i]!;
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
 * True when an image has no non-zero pixel: no intensity can make it drive the
 * network, so the retry rule would loop forever (DC1 has no retry cap). A blank
 * image is presented once and accepted with whatever the network did.
 */
function isBlank(pixels: Uint8Array, offset: number, size: number): boolean {
  for (let i = offset, end = offset + size; i < end; i++) if (pixels[i] !== 0) return false;
  return true;
}
