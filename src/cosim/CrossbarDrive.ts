import { Rng } from '../core/Rng.js';
import { XsnnError } from '../config/XsnnError.js';
import type { InputDrive } from '../snn/InputDrive.js';
import type { InputSpikes } from '../snn/InputSpikes.js';
import type { DriveLayout } from './DriveLayout.js';
import type { DriveWeights } from './DriveWeights.js';
import { COUNTER, newTileCounters, TILE_COUNTER_STRIDE } from './tileCounters.js';

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
}

/**
 * The tile-based input drive: the SNN's input→E synapses realised by the mapped
 * crossbar tiles (plug it into `SnnNetwork.drive`). At each step, every delay
 * group whose delayed input spikes arrive now activates its row in each tile
 * holding cells of that group (see {@link DriveLayout} for the delay model);
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
 * - rowActivations: one per (tile, row, delay group) pulse;
 * - programmedCellReads: the pulse's cells × cells per weight; with their Σ G;
 * - prunedCellReads: the pulse's tile-row positions holding no programmed cell;
 * - columnSenses: per step, each touched tile column once (× cells per weight with ADCs: one conversion per bit line);
 * - partialSumMerges: per step, one per touched *remote* part of a split neuron (a tile column away from the
 *   neuron's home tile, whose partial sum is sent to the home tile and added there), plus (ADCs, bit-sliced)
 *   cellsPerWeight − 1 shift-adds per touched column;
 * - neuronUpdates (ADC periphery only: digital neurons, event-driven): one per neuron receiving current in a step, on its home tile;
 * - spikesRouted: each input spike to each tile holding its row (λ_i packets), plus the output spikes added by the caller.
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
  private readonly neuronHits: Float64Array;
  private readonly outputSpikes: Float64Array;

  private readonly stamp: Int32Array;
  private readonly neuronStamp: Int32Array;
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
    this.neuronHits = new Float64Array(layout.neurons);
    this.outputSpikes = new Float64Array(layout.neurons);
    this.neuronStamp = new Int32Array(layout.neurons);
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
  }

  /** Starts image `image` of phase stream `phase`: re-seeds the read noise so results do not depend on how images are split over threads. */
  beginImage(phase: number, image: number): void {
    if (this.weights.readNoiseSigmaS > 0) this.rng = new Rng(this.noiseSeed, READ_NOISE_STREAM, phase, image);
  }

  /** Adds output spikes (per E neuron) routed off-tile from each neuron's home tile. */
  addOutputSpikes(counts: ArrayLike<number>): void {
    const o = this.outputSpikes;
    for (let j = 0; j < o.length; j++) o[j]! += counts[j]!;
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
    for (let i = 0; i < L.nInputs; i++) {
      const h = this.inputHits[i]!;
      if (h === 0) continue;
      for (let r = L.rowTilePtr[i]!; r < L.rowTilePtr[i + 1]!; r++) c[L.rowTiles[r]! * S + COUNTER.spikesRouted]! += h;
    }
    const senses = this.adcPeriphery ? cpw : 1;
    const shift = this.adcPeriphery ? cpw - 1 : 0;
    for (let t = 0; t < L.tiles; t++) {
      const o = t * S;
      c[o + COUNTER.columnSenses]! += this.tileSenseHits[t]! * senses;
      c[o + COUNTER.partialSumMerges]! += this.tileSenseHits[t]! * shift + this.tileMergeHits[t]!;
    }
    for (let j = 0; j < L.neurons; j++) {
      const home = L.homeTile[j]!;
      if (home < 0) continue;
      if (this.adcPeriphery) c[home * S + COUNTER.neuronUpdates]! += this.neuronHits[j]!;
      c[home * S + COUNTER.spikesRouted]! += this.outputSpikes[j]!;
    }
    return c;
  }

  deliver(spikes: InputSpikes, step: number, ge: Float64Array): void {
    if (this.weights.mode === 'tiled') {
      this.deliverTiled(spikes, step, ge, this.beginStep(spikes, step));
      return;
    }
    this.addCurrents(spikes, step, ge);
    if (this.counting) this.countLinear(spikes, step, this.beginStep(spikes, step));
    else this.steps++;
  }

  /** Linear mode: the groups' currents, summed per synapse in the SNN's order (exact partial sums and merges). */
  private addCurrents(spikes: InputSpikes, step: number, ge: Float64Array): void {
    const L = this.layout;
    const { segPtr, segStart, entryNeuron } = L;
    const w = this.weights.w;
    const D1 = L.maxDelay + 1;
    const stepPtr = spikes.stepPtr;
    const inputs = spikes.inputs;
    const last = spikes.steps - 1;
    for (let d = 0; d < D1; d++) {
      const se = step - d;
      if (se < 0) break;
      if (se > last) continue;
      const qEnd = stepPtr[se + 1]!;
      for (let q = stepPtr[se]!; q < qEnd; q++) {
        const k = inputs[q]! * D1 + d;
        const e1 = segStart[segPtr[k + 1]!]!;
        for (let e = segStart[segPtr[k]!]!; e < e1; e++) ge[entryNeuron[e]!]! += w[e]!;
      }
    }
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
    this.countLinear(spikes, step, this.beginStep(spikes, step));
  }

  /** Starts a step: its stamp, and the input spikes emitted now routed to every tile holding their row (delay lines sit at the row drivers). */
  private beginStep(spikes: InputSpikes, step: number): number {
    const sid = ++this.steps;
    if (step < spikes.steps) {
      const inputHits = this.inputHits;
      const inputs = spikes.inputs;
      for (let q = spikes.stepPtr[step]!, qe = spikes.stepPtr[step + 1]!; q < qe; q++) inputHits[inputs[q]!]!++;
    }
    return sid;
  }

  /** Linear mode: the step's activation groups, the tile columns they put current on, senses and merges. */
  private countLinear(spikes: InputSpikes, step: number, sid: number): void {
    const L = this.layout;
    const { segPtr, segStart, segTile, segMask, entryNeuron } = L;
    const MW = L.maskWords;
    const groupHits = this.groupHits;
    const D1 = L.maxDelay + 1;
    const stepPtr = spikes.stepPtr;
    const inputs = spikes.inputs;
    const last = spikes.steps - 1;
    const countNeurons = this.adcPeriphery; // digital neurons (ADC periphery) count their updates
    const nStamp = this.neuronStamp;
    const neuronHits = this.neuronHits;
    const tileStamp = this.tileStamp;
    const tileMask = this.tileMask;
    const touchedTiles = this.touchedTiles;
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
        groupHits[k]!++;
        if (countNeurons) {
          for (let e = segStart[g0]!, e1 = segStart[g1]!; e < e1; e++) {
            const j = entryNeuron[e]!;
            if (nStamp[j] !== sid) {
              nStamp[j] = sid;
              neuronHits[j]!++;
            }
          }
        }
        // the tile columns it puts current on
        if (MW === 1) {
          for (let g = g0; g < g1; g++) {
            const t = segTile[g]!;
            if (tileStamp[t] !== sid) {
              tileStamp[t] = sid;
              touchedTiles[ntt++] = t;
              tileMask[t] = segMask[g]!;
            } else tileMask[t]! |= segMask[g]!;
          }
        } else if (MW === 2) {
          for (let g = g0; g < g1; g++) {
            const t = segTile[g]!;
            const tb = t << 1;
            const sb = g << 1;
            if (tileStamp[t] !== sid) {
              tileStamp[t] = sid;
              touchedTiles[ntt++] = t;
              tileMask[tb] = segMask[sb]!;
              tileMask[tb + 1] = segMask[sb + 1]!;
            } else {
              tileMask[tb]! |= segMask[sb]!;
              tileMask[tb + 1]! |= segMask[sb + 1]!;
            }
          }
        } else {
          for (let g = g0; g < g1; g++) {
            const t = segTile[g]!;
            const tb = t * MW;
            const sb = g * MW;
            if (tileStamp[t] !== sid) {
              tileStamp[t] = sid;
              touchedTiles[ntt++] = t;
              for (let x = 0; x < MW; x++) tileMask[tb + x] = segMask[sb + x]!;
            } else {
              for (let x = 0; x < MW; x++) tileMask[tb + x]! |= segMask[sb + x]!;
            }
          }
        }
      }
    }
    // column senses and remote partial sums of this step, per touched tile
    const remote = L.tileRemoteMask;
    const senseHits = this.tileSenseHits;
    const mergeHits = this.tileMergeHits;
    for (let q = 0; q < ntt; q++) {
      const t = touchedTiles[q]!;
      const tb = t * MW;
      let n = 0;
      let r = 0;
      for (let x = 0; x < MW; x++) {
        const m = tileMask[tb + x]!;
        n += popcount(m);
        r += popcount(m & remote[tb + x]!);
      }
      senseHits[t]! += n;
      mergeHits[t]! += r;
    }
  }

  /** Tiled mode: accumulate `G − G_min` per physical column of every touched tile column. */
  private deliverTiled(spikes: InputSpikes, step: number, ge: Float64Array, sid: number): void {
    const L = this.layout;
    const { segPtr, segStart, entryTileCol } = L;
    const dG = this.weights.deltaG;
    const cpw = L.cellsPerWeight;
    const D1 = L.maxDelay + 1;
    const stepPtr = spikes.stepPtr;
    const inputs = spikes.inputs;
    const last = spikes.steps - 1;
    const stamp = this.stamp;
    const touched = this.touched;
    const acc = this.acc;
    const cnt = this.cnt;
    const groupHits = this.groupHits;
    let nt = 0;
    for (let d = 0; d < D1; d++) {
      const se = step - d;
      if (se < 0) break;
      if (se > last) continue;
      for (let q = stepPtr[se]!, qEnd = stepPtr[se + 1]!; q < qEnd; q++) {
        const k = inputs[q]! * D1 + d;
        const e0 = segStart[segPtr[k]!]!;
        const e1 = segStart[segPtr[k + 1]!]!;
        if (e0 === e1) continue;
        groupHits[k]!++;
        for (let e = e0; e < e1; e++) {
          const tc = entryTileCol[e]!;
          if (stamp[tc] !== sid) {
            stamp[tc] = sid;
            touched[nt++] = tc;
          }
          cnt[tc]!++;
          const pc = tc * cpw;
          const ce = e * cpw;
          for (let s = 0; s < cpw; s++) acc[pc + s]! += dG[ce + s]!;
        }
      }
    }
    if (nt === 0) return;
    this.senseTiled(nt, ge);
    const { tileColTile, tileColNeuron, tileColRemote } = L;
    const nStamp = this.neuronStamp;
    for (let q = 0; q < nt; q++) {
      const tc = touched[q]!;
      const t = tileColTile[tc]!;
      this.tileSenseHits[t]!++;
      if (tileColRemote[tc] === 1) this.tileMergeHits[t]!++;
      const j = tileColNeuron[tc]!;
      if (nStamp[j] !== sid) {
        nStamp[j] = sid;
        this.neuronHits[j]!++;
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

/** Number of set bits of a 32-bit integer. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
