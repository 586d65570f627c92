import { Rng } from '../core/Rng.js';
import { XsnnError } from '../config/XsnnError.js';
import type { InputDrive } from '../snn/InputDrive.js';
import type { InputSpikes } from '../snn/InputSpikes.js';
import type { DriveLayout } from './DriveLayout.js';
import type { DriveTraffic } from './DriveTraffic.js';
import type { DriveWeights } from './DriveWeights.js';
import { ACTIVITY, COUNTER, newTileCounters, TILE_COUNTER_STRIDE } from './tileCounters.js';

/** Stream tag of the per-read noise draws (`new Rng(seed, READ_NOISE_STREAM, phase, image)`). */
export const READ_NOISE_STREAM = 0x52454144; // "READ"

/** Options of {@link CrossbarDrive}. */
export interface CrossbarDriveOptions {
  /** `adc`: columns are converted by ADCs (shift-adds and digital neurons counted); `neuron`: an integrate-and-fire circuit per logical column. */
  readonly periphery: 'adc' | 'neuron';
  /** Seed of the per-read noise (only drawn when the device has read noise). Default 0. */
  readonly noiseSeed?: number;
  /**
   * Count events (default true). `false` skips the linear drive's event
   * bookkeeping (a pass whose events are not wanted, e.g. label assignment);
   * the spikes do not change. A tiled drive always counts.
   */
  readonly count?: boolean;
  /** How the delay groups of a step are scheduled on a tile (read cycles per step; docs/timing.md). Default `sequential`. */
  readonly delays?: 'sequential' | 'fifo' | 'none';
  /** Time constants (s) of a read cycle, a partial-sum packet and the post (neuron + inhibition) stage, for the pipelined latency. Default 0. */
  readonly timing?: { readonly cycleS: number; readonly packetS: number; readonly postS: number };
  /** Keep the counted traffic for {@link CrossbarDrive.traffic} (linear mode; a few bytes per step). Default false. */
  readonly recordTraffic?: boolean;
}

/**
 * The tile-based input drive: the SNN's input→E synapses realised by the mapped
 * crossbar tiles (plug it into `SnnNetwork.drive`). At each step, every
 * (input, delay group) row whose delayed input spikes arrive now is pulsed in
 * each tile holding it (see {@link DriveLayout} for the delay model);
 * the activated cells put their currents on the tile's bit lines, each touched
 * tile column is sensed once, split columns' partial sums are merged, and the
 * result, converted back to weight units, is added to the neurons' g_e.
 *
 * Linear mode (no read noise, no ADC): a tile column's partial sum and the
 * merge are exact sums, so each synapse's effective weight is added to its
 * neuron directly, in the SNN's own order — with the ideal device the result
 * is bit-identical to `SynapticDrive`. Tiled mode: per physical column,
 * `v = Σ (G − G_min)` of the cells read (+ N(0, σ_read²·n_cells) read noise,
 * the sum of n independent per-cell noises), then quantised by the column's ADC
 * to `round(v / LSB)·LSB` clamped to [0, full scale], LSB = full scale / (2^bits − 1),
 * shift-added over the slices and added into the neuron.
 *
 * Event counts per tile (plain counters, see `TILE_COUNTER_FIELDS`):
 * - rowActivations: one per (tile, row) pulse (a row holds one (input, delay group));
 * - programmedCellReads: the pulse's cells × cells per weight; with their Σ G;
 * - prunedCellReads: the pulse's tile-row positions holding no programmed cell;
 * - columnSenses: per step, each touched tile column once (× cells per weight with ADCs: one conversion per bit line);
 * - partialSumMerges: per step, one per touched *remote* part of a split neuron (a tile column away from the
 *   neuron's home tile, whose partial sum is sent to the home tile and added there), plus (ADCs, bit-sliced)
 *   cellsPerWeight − 1 shift-adds per touched column;
 * - neuronUpdates: every E and I neuron every step (digital LIF), on the neuron's home tile (tile 0 for a neuron without synapses);
 * - spikesRouted: each input spike to each tile holding its row (λ_i packets), plus the output spikes added by the caller;
 * - partialSumPackets: the remote partial sums (a subset of the merges) sent over the interconnect;
 * - inputSpikeArrivals / inputSpikes: input spikes written into a tile's input register (`fifo`: into the FIFO of
 *   each of its physical rows (i, d)) / entering the chip;
 * - readCycles: per step, the tile's read cycles: 1 per distinct delay group due (`sequential`), the most pulses
 *   due on one physical row (`fifo`: 1, as each physical row holds one (input, delay group)), 0 without input;
 *   busiestSteps: steps in which the tile had the most.
 * The activity block after the tiles holds Σ_s of the busiest tile's read cycles and packets, the active
 * steps, the pipelined latency (with `timing`), the E output spikes and the FIFO shifts.
 * `steps` counts simulated steps (deliver calls).
 *
 * The hot loop only bumps one counter per (spike, delay) activation group and
 * per neuron reached, and ORs each activated segment's column bit set into its
 * tile's bit set of the step (touched columns = population count at the end of
 * the step); {@link tileCounters} expands the hits into the per-tile counts with
 * the layout's per-segment constants (cells, pruned positions, Σ G), which is
 * exact because each count is linear in the hits.
 */
export class CrossbarDrive implements InputDrive {
  readonly layout: DriveLayout;
  readonly weights: DriveWeights;
  /** Steps delivered so far. */
  steps = 0;

  // raw hit counters (expanded by tileCounters); each is bounded by the number of steps × columns (< 2^53)
  private readonly groupHits: Float64Array;
  private readonly inputHits: Float64Array;
  private readonly tileSenseHits: Float64Array;
  private readonly tileMergeHits: Float64Array;
  private readonly outputSpikes: Float64Array;
  private readonly tileCycleHits: Float64Array;
  private readonly tileBusiest: Float64Array;
  private readonly tilePacketHits: Float64Array;
  /** busiest read cycles, busiest packets, active steps, pipelined seconds (see ACTIVITY). */
  private readonly activity = new Float64Array(4);
  private readonly tileCycles: Int32Array;
  private readonly tileLastD: Int32Array;
  private readonly tilePackets: Int32Array;
  private readonly slotStamp: Int32Array;
  private readonly slotCount: Int32Array;
  private readonly fifo: boolean;
  private readonly cycleS: number;
  private readonly packetS: number;
  private readonly postS: number;
  private imageSteps = 0;
  /** Recorded traffic per step and per image (`recordTraffic`), or null. */
  private readonly record: { cycles: GrowingInts; packets: GrowingInts; images: GrowingInts } | null;

  private readonly stamp: Int32Array;
  private readonly tileStamp: Int32Array;
  private readonly tileMask: Int32Array;
  private readonly touchedTiles: Int32Array;
  private readonly touched: Int32Array;
  private readonly acc: Float64Array;
  private readonly cnt: Int32Array;
  private readonly adcPeriphery: boolean;
  private readonly counting: boolean;
  private readonly noiseSeed: number;
  private rng: Rng;

  constructor(layout: DriveLayout, weights: DriveWeights, options: CrossbarDriveOptions) {
    if (weights.w.length !== layout.nnz) throw new XsnnError(`CrossbarDrive: ${weights.w.length} weights for a layout of ${layout.nnz} synapses`);
    if (weights.cellsPerWeight !== layout.cellsPerWeight) throw new XsnnError('CrossbarDrive: cells per weight of weights and layout differ');
    if (weights.segConductanceS.length !== layout.segTile.length) throw new XsnnError('CrossbarDrive: one conductance sum per segment expected');
    if (weights.mode === 'tiled' && weights.deltaG.length !== layout.nnz * layout.cellsPerWeight)
      throw new XsnnError('CrossbarDrive: tiled mode needs deltaG per cell');
    this.layout = layout;
    this.weights = weights;
    const nTc = layout.tileColNeuron.length;
    const K = layout.tiles;
    this.groupHits = new Float64Array(layout.segPtr.length - 1);
    this.inputHits = new Float64Array(layout.nInputs);
    this.tileSenseHits = new Float64Array(K);
    this.tileMergeHits = new Float64Array(K);
    this.outputSpikes = new Float64Array(layout.neurons);
    this.tileCycleHits = new Float64Array(K);
    this.tileBusiest = new Float64Array(K);
    this.tilePacketHits = new Float64Array(K);
    this.tileCycles = new Int32Array(K);
    this.tileLastD = new Int32Array(K);
    this.tilePackets = new Int32Array(K);
    this.fifo = options.delays === 'fifo';
    this.slotStamp = new Int32Array(this.fifo ? layout.rowTiles.length : 0);
    this.slotCount = new Int32Array(this.fifo ? layout.rowTiles.length : 0);
    this.cycleS = options.timing?.cycleS ?? 0;
    this.packetS = options.timing?.packetS ?? 0;
    this.postS = options.timing?.postS ?? 0;
    this.tileStamp = new Int32Array(K);
    this.tileMask = new Int32Array(K * layout.maskWords);
    this.touchedTiles = new Int32Array(K);
    const tiled = weights.mode === 'tiled';
    this.stamp = new Int32Array(tiled ? nTc : 0);
    this.touched = new Int32Array(tiled ? nTc : 0);
    this.acc = new Float64Array(tiled ? nTc * layout.cellsPerWeight : 0);
    this.cnt = new Int32Array(tiled ? nTc : 0);
    this.adcPeriphery = options.periphery === 'adc';
    this.counting = options.count ?? true;
    this.noiseSeed = options.noiseSeed ?? 0;
    this.rng = new Rng(this.noiseSeed, READ_NOISE_STREAM);
    if (options.recordTraffic === true && tiled)
      throw new XsnnError('CrossbarDrive: recordTraffic needs a linear drive (a tiled drive counts what its tiles sense)');
    this.record = options.recordTraffic === true ? { cycles: new GrowingInts(), packets: new GrowingInts(), images: new GrowingInts() } : null;
  }

  /**
   * A drive holding the counters of `traffic` (recorded by a drive of the same
   * layout and delay scheduling, {@link traffic}) on this programming and timing,
   * with the network's E output spikes per neuron over the same images: its
   * {@link tileCounters} equal those of counting the same images directly.
   */
  static fromTraffic(
    layout: DriveLayout,
    weights: DriveWeights,
    options: CrossbarDriveOptions,
    traffic: DriveTraffic,
    outputSpikes: ArrayLike<number>,
  ): CrossbarDrive {
    const d = new CrossbarDrive(layout, weights, { ...options, recordTraffic: false });
    if (traffic.groupHits.length !== d.groupHits.length || traffic.tileSenseHits.length !== layout.tiles || outputSpikes.length !== layout.neurons)
      throw new XsnnError('CrossbarDrive.fromTraffic: the traffic was recorded on another layout');
    d.groupHits.set(traffic.groupHits);
    d.inputHits.set(traffic.inputHits);
    d.tileSenseHits.set(traffic.tileSenseHits);
    d.tileMergeHits.set(traffic.tileMergeHits);
    d.tileCycleHits.set(traffic.tileCycleHits);
    d.tileBusiest.set(traffic.tileBusiest);
    d.tilePacketHits.set(traffic.tilePacketHits);
    d.activity.set(traffic.activity);
    d.steps = traffic.steps;
    for (let j = 0; j < layout.neurons; j++) d.outputSpikes[j] = outputSpikes[j]!;
    // the pipelined latency, added step by step and image by image as endStep and endImage add it
    let pipelined = 0;
    let s = 0;
    for (let k = 0; k < traffic.imageSteps.length; k++) {
      for (let i = 0, n = traffic.imageSteps[k]!; i < n; i++, s++) {
        pipelined += d.stepSeconds(traffic.stepCycles[s]!, traffic.stepPackets[s]!, i === 0);
      }
      pipelined += d.postS;
    }
    d.activity[3] = pipelined;
    return d;
  }

  /** The traffic counted so far (`recordTraffic`; every image ended), for {@link fromTraffic}. */
  traffic(): DriveTraffic {
    if (this.record === null) throw new XsnnError('CrossbarDrive.traffic: the drive was not made with recordTraffic');
    if (this.imageSteps > 0) throw new XsnnError('CrossbarDrive.traffic: an image is still running (end it with addOutputSpikes)');
    return {
      steps: this.steps,
      groupHits: this.groupHits.slice(),
      inputHits: this.inputHits.slice(),
      tileSenseHits: this.tileSenseHits.slice(),
      tileMergeHits: this.tileMergeHits.slice(),
      tileCycleHits: this.tileCycleHits.slice(),
      tileBusiest: this.tileBusiest.slice(),
      tilePacketHits: this.tilePacketHits.slice(),
      activity: this.activity.slice(0, 3),
      stepCycles: this.record.cycles.toArray(),
      stepPackets: this.record.packets.toArray(),
      imageSteps: this.record.images.toArray(),
    };
  }

  /** Starts image `image` of phase stream `phase`: re-seeds the read noise so results do not depend on how images are split over threads. */
  beginImage(phase: number, image: number): void {
    if (this.weights.readNoiseSigmaS > 0) this.rng = new Rng(this.noiseSeed, READ_NOISE_STREAM, phase, image);
    this.endImage();
  }

  /** Adds output spikes (per E neuron) routed off-tile from each neuron's home tile; ends the image's pipeline. */
  addOutputSpikes(counts: ArrayLike<number>): void {
    const o = this.outputSpikes;
    for (let j = 0; j < o.length; j++) o[j]! += counts[j]!;
    this.endImage();
  }

  /** Drains the image's two-stage pipeline: its last post stage. */
  private endImage(): void {
    if (this.imageSteps > 0) {
      this.activity[3]! += this.postS;
      this.record?.images.push(this.imageSteps);
    }
    this.imageSteps = 0;
  }

  /** The per-tile event counters so far, tile-major (`TILE_COUNTER_FIELDS`). */
  tileCounters(): Float64Array {
    const L = this.layout;
    const S = TILE_COUNTER_STRIDE;
    const c = newTileCounters(L.tiles);
    const cpw = L.cellsPerWeight;
    const segG = this.weights.segConductanceS;
    const groups = L.segPtr.length - 1;
    for (let k = 0; k < groups; k++) {
      const h = this.groupHits[k]!;
      if (h === 0) continue;
      for (let g = L.segPtr[k]!; g < L.segPtr[k + 1]!; g++) {
        const o = L.segTile[g]! * S;
        c[o + COUNTER.rowActivations]! += h;
        c[o + COUNTER.programmedCellReads]! += h * (L.segStart[g + 1]! - L.segStart[g]!) * cpw;
        c[o + COUNTER.prunedCellReads]! += h * L.segPruned[g]!;
        c[o + COUNTER.programmedReadConductanceS]! += h * segG[g]!;
      }
    }
    const shifts = this.inputCounters(c);
    const senses = this.adcPeriphery ? cpw : 1;
    const shift = this.adcPeriphery ? cpw - 1 : 0;
    for (let t = 0; t < L.tiles; t++) {
      const o = t * S;
      c[o + COUNTER.columnSenses]! += this.tileSenseHits[t]! * senses;
      c[o + COUNTER.partialSumMerges]! += this.tileSenseHits[t]! * shift + this.tileMergeHits[t]!;
      c[o + COUNTER.partialSumPackets]! += this.tilePacketHits[t]!;
      c[o + COUNTER.readCycles]! += this.tileCycleHits[t]!;
      c[o + COUNTER.busiestSteps]! += this.tileBusiest[t]!;
    }
    let spikes = 0;
    for (let j = 0; j < L.neurons; j++) {
      const home = L.homeTile[j]!;
      spikes += this.outputSpikes[j]!;
      if (home < 0) {
        if (L.tiles > 0) c[COUNTER.neuronUpdates]! += 2 * this.steps;
        continue;
      }
      c[home * S + COUNTER.neuronUpdates]! += 2 * this.steps; // its E and its I neuron, every step
      c[home * S + COUNTER.spikesRouted]! += this.outputSpikes[j]!;
    }
    const A = L.tiles * S;
    c[A + ACTIVITY.busiestReadCycles] = this.activity[0]!;
    c[A + ACTIVITY.busiestPackets] = this.activity[1]!;
    c[A + ACTIVITY.activeSteps] = this.activity[2]!;
    c[A + ACTIVITY.pipelinedS] = this.activity[3]! + (this.imageSteps > 0 ? this.postS : 0);
    c[A + ACTIVITY.outputSpikes] = spikes;
    c[A + ACTIVITY.delayShifts] = shifts;
    return c;
  }

  /**
   * Expands the input spikes into `c`: each is routed to every tile holding any
   * of its rows (and enters the chip at the first); it is written into the input
   * register of each such tile (`sequential`, `none`: the spike history sits at the
   * chip's input) or into the FIFO of each physical row (i, d) holding it (`fifo`),
   * where it is shifted d times. Returns the FIFO shifts.
   */
  private inputCounters(c: Float64Array): number {
    const L = this.layout;
    const S = TILE_COUNTER_STRIDE;
    const D1 = L.maxDelay + 1;
    let shifts = 0;
    for (let i = 0; i < L.nInputs; i++) {
      const h = this.inputHits[i]!;
      if (h === 0) continue;
      const r0 = L.inputTilePtr[i]!;
      const r1 = L.inputTilePtr[i + 1]!;
      for (let r = r0; r < r1; r++) {
        const o = L.inputTiles[r]! * S;
        c[o + COUNTER.spikesRouted]! += h;
        if (!this.fifo) c[o + COUNTER.inputSpikeArrivals]! += h;
      }
      if (r1 > r0) c[L.inputTiles[r0]! * S + COUNTER.inputSpikes]! += h;
      if (!this.fifo) continue;
      for (let d = 0; d < D1; d++) {
        const k = i * D1 + d;
        for (let r = L.rowTilePtr[k]!; r < L.rowTilePtr[k + 1]!; r++) c[L.rowTiles[r]! * S + COUNTER.inputSpikeArrivals]! += h;
        shifts += h * d * (L.rowTilePtr[k + 1]! - L.rowTilePtr[k]!);
      }
    }
    return shifts;
  }

  deliver(spikes: InputSpikes, step: number, ge: Float64Array): void {
    if (this.weights.mode === 'tiled') {
      const sid = this.beginStep(spikes, step);
      this.endStep(this.walk(spikes, step, ge, sid, true), ge);
      return;
    }
    if (!this.counting) {
      this.walk(spikes, step, ge, 0, false);
      this.steps++;
      return;
    }
    const sid = this.beginStep(spikes, step);
    this.endStep(this.walk(spikes, step, ge, sid, true), null);
  }

  /**
   * Counts the events of one step without driving any neuron (linear mode
   * only): what {@link deliver} would count for this layout. Used to count the
   * same spike traffic on other tile sizes while one drive feeds the network
   * (`simulateCrossbars`), which is exact because in linear mode the network's
   * input does not depend on the tiling.
   */
  count(spikes: InputSpikes, step: number): void {
    if (this.weights.mode !== 'linear')
      throw new XsnnError('CrossbarDrive.count: only a linear drive counts without driving (tiled drives depend on their tiles)');
    const sid = this.beginStep(spikes, step);
    this.endStep(this.walk(spikes, step, null, sid, true), null);
  }

  /** Starts a step: its stamp, and the input spikes emitted now (routed to every tile holding one of their rows, see `inputCounters`). */
  private beginStep(spikes: InputSpikes, step: number): number {
    const sid = ++this.steps;
    if (step < spikes.steps) {
      const inputHits = this.inputHits;
      const inputs = spikes.inputs;
      for (let q = spikes.stepPtr[step]!, qe = spikes.stepPtr[step + 1]!; q < qe; q++) inputHits[inputs[q]!]!++;
    }
    return sid;
  }

  /**
   * The one walk of a step over the activation groups due now (input spikes of
   * step − d meeting delay group d): linear mode adds each synapse's weight into
   * `ge` (when given, in the SNN's own order), tiled mode accumulates G − G_min
   * per touched tile column; with `count`, each group's hit and each touched
   * tile's columns and read cycles are recorded. Returns the touched tiles.
   */
  private walk(spikes: InputSpikes, step: number, ge: Float64Array | null, sid: number, count: boolean): number {
    const L = this.layout;
    const { segPtr, segStart, entryNeuron } = L;
    const w = this.weights.w;
    const tiled = this.weights.mode === 'tiled';
    const D1 = L.maxDelay + 1;
    const stepPtr = spikes.stepPtr;
    const inputs = spikes.inputs;
    const last = spikes.steps - 1;
    const groupHits = this.groupHits;
    let ntt = 0;
    for (let d = 0; d < D1; d++) {
      const se = step - d;
      if (se < 0) break;
      if (se > last) continue;
      const qEnd = stepPtr[se + 1]!;
      for (let q = stepPtr[se]!; q < qEnd; q++) {
        const k = inputs[q]! * D1 + d;
        const g0 = segPtr[k]!;
        const g1 = segPtr[k + 1]!;
        if (g0 === g1) continue;
        if (tiled) this.accumulate(segStart[g0]!, segStart[g1]!, sid);
        else if (ge !== null) for (let e = segStart[g0]!, e1 = segStart[g1]!; e < e1; e++) ge[entryNeuron[e]!]! += w[e]!;
        if (!count) continue;
        groupHits[k]!++;
        ntt = this.touchSegments(g0, g1, d, sid, ntt, !tiled);
      }
    }
    return ntt;
  }

  /** Records segments g0…g1 − 1 (one activation group of delay d): their tiles, read cycles and (linear mode) column bit sets. */
  private touchSegments(g0: number, g1: number, d: number, sid: number, ntt: number, masks: boolean): number {
    const L = this.layout;
    const { segTile, segMask } = L;
    const MW = L.maskWords;
    const tileStamp = this.tileStamp;
    const tileMask = this.tileMask;
    const touchedTiles = this.touchedTiles;
    const cycles = this.tileCycles;
    const lastD = this.tileLastD;
    const fifo = this.fifo;
    for (let g = g0; g < g1; g++) {
      const t = segTile[g]!;
      const first = tileStamp[t] !== sid;
      if (first) {
        tileStamp[t] = sid;
        touchedTiles[ntt++] = t;
        cycles[t] = fifo ? 0 : 1;
        lastD[t] = d;
        this.tilePackets[t] = 0;
      } else if (!fifo && lastD[t] !== d) {
        cycles[t]!++;
        lastD[t] = d;
      }
      if (fifo) {
        const r = L.segRowSlot[g]!;
        const n = this.slotStamp[r] !== sid ? 1 : this.slotCount[r]! + 1;
        this.slotStamp[r] = sid;
        this.slotCount[r] = n;
        if (n > cycles[t]!) cycles[t] = n;
      }
      if (!masks) continue;
      const tb = t * MW;
      const sb = g * MW;
      if (first) for (let x = 0; x < MW; x++) tileMask[tb + x] = segMask[sb + x]!;
      else for (let x = 0; x < MW; x++) tileMask[tb + x]! |= segMask[sb + x]!;
    }
    return ntt;
  }

  /** Tiled mode: adds the entries' `G − G_min` into their tile columns' accumulators. */
  private accumulate(e0: number, e1: number, sid: number): void {
    const { entryTileCol } = this.layout;
    const dG = this.weights.deltaG;
    const cpw = this.layout.cellsPerWeight;
    const stamp = this.stamp;
    const acc = this.acc;
    const cnt = this.cnt;
    for (let e = e0; e < e1; e++) {
      const tc = entryTileCol[e]!;
      if (stamp[tc] !== sid) {
        stamp[tc] = sid;
        this.touched[this.nTouched++] = tc;
      }
      cnt[tc]!++;
      const pc = tc * cpw;
      const ce = e * cpw;
      for (let s = 0; s < cpw; s++) acc[pc + s]! += dG[ce + s]!;
    }
  }

  private nTouched = 0;

  /**
   * Ends a counted step: senses and merges of the touched tiles (column bit sets in
   * linear mode; the touched tile columns, sensed into `ge`, in tiled mode), then
   * the busiest tile's read cycles and packets and the step's pipelined latency.
   */
  private endStep(ntt: number, ge: Float64Array | null): void {
    if (this.weights.mode === 'tiled') this.endTiledStep(ge!);
    else this.endLinearStep(ntt);
    const touchedTiles = this.touchedTiles;
    let maxC = 0;
    let maxP = 0;
    for (let q = 0; q < ntt; q++) {
      const t = touchedTiles[q]!;
      const c = this.tileCycles[t]!;
      this.tileCycleHits[t]! += c;
      this.tilePacketHits[t]! += this.tilePackets[t]!;
      if (c > maxC) maxC = c;
      if (this.tilePackets[t]! > maxP) maxP = this.tilePackets[t]!;
    }
    for (let q = 0; q < ntt; q++) {
      const t = touchedTiles[q]!;
      if (this.tileCycles[t] === maxC) this.tileBusiest[t]!++;
    }
    const act = this.activity;
    act[0]! += maxC;
    act[1]! += maxP;
    if (ntt > 0) act[2]!++;
    act[3]! += this.stepSeconds(maxC, maxP, this.imageSteps === 0);
    this.imageSteps++;
    if (this.record !== null) {
      this.record.cycles.push(maxC);
      this.record.packets.push(maxP);
    }
  }

  /**
   * A step's time in the two-stage pipeline: its read stage c·t_cycle + p·t_packet
   * (busiest tile's read cycles and packets), or, after an image's first step, the
   * longer of that and the previous step's post stage t_post.
   */
  private stepSeconds(cycles: number, packets: number, first: boolean): number {
    const a = cycles * this.cycleS + packets * this.packetS;
    return first ? a : Math.max(a, this.postS);
  }

  /** Linear mode: column senses and remote partial sums of this step, per touched tile (population counts of the bit sets). */
  private endLinearStep(ntt: number): void {
    const L = this.layout;
    const MW = L.maskWords;
    const remote = L.tileRemoteMask;
    const tileMask = this.tileMask;
    for (let q = 0; q < ntt; q++) {
      const t = this.touchedTiles[q]!;
      const tb = t * MW;
      let n = 0;
      let r = 0;
      for (let x = 0; x < MW; x++) {
        const m = tileMask[tb + x]!;
        n += popcount(m);
        r += popcount(m & remote[tb + x]!);
      }
      this.tileSenseHits[t]! += n;
      this.tileMergeHits[t]! += r;
      this.tilePackets[t] = r;
    }
  }

  /** Tiled mode: sense the touched tile columns into `ge`, count their senses and remote merges. */
  private endTiledStep(ge: Float64Array): void {
    const nt = this.nTouched;
    this.nTouched = 0;
    if (nt === 0) return;
    this.senseTiled(nt, ge);
    const { tileColTile, tileColRemote } = this.layout;
    const touched = this.touched;
    for (let q = 0; q < nt; q++) {
      const tc = touched[q]!;
      const t = tileColTile[tc]!;
      this.tileSenseHits[t]!++;
      if (tileColRemote[tc] === 1) {
        this.tileMergeHits[t]!++;
        this.tilePackets[t]!++;
      }
    }
  }

  /** Tiled mode: read noise and ADC per physical column, shift-add over slices, merge into the neurons. */
  private senseTiled(nt: number, ge: Float64Array): void {
    const L = this.layout;
    const W = this.weights;
    const cpw = L.cellsPerWeight;
    const acc = this.acc;
    const cnt = this.cnt;
    const touched = this.touched;
    const scale = W.sliceScale;
    const sigma = W.readNoiseSigmaS;
    const adc = W.adc;
    const levels = adc !== null ? 2 ** adc.bits - 1 : 0;
    const fsArr = adc !== null ? adc.fullScaleS : null;
    const neuron = L.tileColNeuron;
    for (let q = 0; q < nt; q++) {
      const tc = touched[q]!;
      const pc = tc * cpw;
      const noise = sigma > 0 ? sigma * Math.sqrt(cnt[tc]!) : 0;
      let wsum = 0;
      for (let s = 0; s < cpw; s++) {
        let v = acc[pc + s]!;
        acc[pc + s] = 0;
        if (noise > 0) v += noise * this.rng.normal();
        if (fsArr !== null) {
          const fs = fsArr[pc + s]!;
          if (fs > 0) {
            const lsb = fs / levels;
            let n = Math.round(v / lsb);
            if (n < 0) n = 0;
            else if (n > levels) n = levels;
            v = n * lsb;
          } else v = 0;
        }
        wsum += v * scale[s]!;
      }
      cnt[tc] = 0;
      ge[neuron[tc]!]! += wsum;
    }
  }
}

/** An append-only list of 32-bit integers. */
class GrowingInts {
  private a = new Int32Array(1024);
  private n = 0;

  push(x: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = x;
  }

  toArray(): Int32Array {
    return this.a.slice(0, this.n);
  }
}

/** Number of set bits of a 32-bit integer. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
