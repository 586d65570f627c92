import { Rng } from '../../_internals/Rng.js';
import { XsnnError } from '../../config/XsnnError.js';
import type { InputDrive } from '../../snn/InputDrive.js';
import type { InputSpikes } from '../../snn/InputSpikes.js';
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
 * - partialSumMerges: per step, one per extra tile column of a split neuron, plus (ADCs, bit-sliced) cellsPerWeight − 1 shift-adds per touched column;
 * - neuronUpdates (ADC periphery only: digital neurons, event-driven): one per neuron receiving current in a step, on its home tile;
 * - spikesRouted: each input spike to each tile holding its row (λ_i packets), plus the output spikes added by the caller.
 * `steps` counts simulated steps (deliver calls).
 */
export class CrossbarDrive implements InputDrive {
  readonly layout: DriveLayout;
  readonly weights: DriveWeights;
  /** Per-tile counters, tile-major (`TILE_COUNTER_FIELDS`). */
  readonly counters: Float64Array;
  /** Steps delivered so far. */
  steps = 0;

  private readonly stamp: Int32Array;
  private readonly neuronStamp: Int32Array;
  private readonly touched: Int32Array;
  private readonly acc: Float64Array;
  private readonly cnt: Int32Array;
  private readonly sensesPerCol: number;
  private readonly shiftAdds: number;
  private readonly updates: number;
  private readonly noiseSeed: number;
  private rng: Rng;

  constructor(layout: DriveLayout, weights: DriveWeights, options: CrossbarDriveOptions) {
    if (weights.w.length !== layout.nnz) throw new XsnnError(`CrossbarDrive: ${weights.w.length} weights for a layout of ${layout.nnz} synapses`);
    if (weights.cellsPerWeight !== layout.cellsPerWeight) throw new XsnnError('CrossbarDrive: cells per weight of weights and layout differ');
    if (weights.mode === 'tiled' && weights.deltaG.length !== layout.nnz * layout.cellsPerWeight) throw new XsnnError('CrossbarDrive: tiled mode needs deltaG per cell');
    this.layout = layout;
    this.weights = weights;
    this.counters = newTileCounters(layout.tiles);
    const nTc = layout.tileColNeuron.length;
    this.stamp = new Int32Array(nTc);
    this.neuronStamp = new Int32Array(layout.neurons);
    this.touched = new Int32Array(nTc);
    this.acc = new Float64Array(weights.mode === 'tiled' ? nTc * layout.cellsPerWeight : 0);
    this.cnt = new Int32Array(weights.mode === 'tiled' ? nTc : 0);
    const adc = options.periphery === 'adc';
    this.sensesPerCol = adc ? layout.cellsPerWeight : 1;
    this.shiftAdds = adc ? layout.cellsPerWeight - 1 : 0;
    this.updates = adc ? 1 : 0;
    this.noiseSeed = options.noiseSeed ?? 0;
    this.rng = new Rng(this.noiseSeed, READ_NOISE_STREAM);
  }

  /** Starts image `image` of phase stream `phase`: re-seeds the read noise so results do not depend on how images are split over threads. */
  beginImage(phase: number, image: number): void {
    if (this.weights.readNoiseSigmaS > 0) this.rng = new Rng(this.noiseSeed, READ_NOISE_STREAM, phase, image);
  }

  /** Zeroes the counters and the step count. */
  resetCounters(): void {
    this.counters.fill(0);
    this.steps = 0;
  }

  deliver(spikes: InputSpikes, step: number, ge: Float64Array): void {
    const L = this.layout;
    const W = this.weights;
    const S = TILE_COUNTER_STRIDE;
    const c = this.counters;
    const sid = ++this.steps;
    const stamp = this.stamp;
    const touched = this.touched;
    const { segPtr, segTile, segStart, segPruned, entryNeuron, entryTileCol, rowTilePtr, rowTiles } = L;
    const segG = W.segConductanceS;
    const cpw = L.cellsPerWeight;
    const D1 = L.maxDelay + 1;
    const stepPtr = spikes.stepPtr;
    const inputs = spikes.inputs;
    const last = spikes.steps - 1;
    let nt = 0;
    // spikes emitted now are routed to every tile holding their row (delay lines sit at the row drivers)
    if (step <= last) {
      for (let q = stepPtr[step]!, qe = stepPtr[step + 1]!; q < qe; q++) {
        const i = inputs[q]!;
        for (let r = rowTilePtr[i]!, re = rowTilePtr[i + 1]!; r < re; r++) c[rowTiles[r]! * S + COUNTER.spikesRouted]!++;
      }
    }
    const tiled = W.mode === 'tiled';
    const w = W.w;
    const dG = W.deltaG;
    const acc = this.acc;
    const cnt = this.cnt;
    for (let d = 0; d < D1; d++) {
      const se = step - d;
      if (se < 0) break;
      if (se > last) continue;
      const qEnd = stepPtr[se + 1]!;
      for (let q = stepPtr[se]!; q < qEnd; q++) {
        const k = inputs[q]! * D1 + d;
        for (let g = segPtr[k]!, ge_ = segPtr[k + 1]!; g < ge_; g++) {
          const o = segTile[g]! * S;
          const e0 = segStart[g]!;
          const e1 = segStart[g + 1]!;
          c[o + COUNTER.rowActivations]!++;
          c[o + COUNTER.programmedCellReads]! += (e1 - e0) * cpw;
          c[o + COUNTER.prunedCellReads]! += segPruned[g]!;
          c[o + COUNTER.programmedReadConductanceS]! += segG[g]!;
          if (!tiled) {
            for (let e = e0; e < e1; e++) {
              ge[entryNeuron[e]!]! += w[e]!;
              const tc = entryTileCol[e]!;
              if (stamp[tc] !== sid) {
                stamp[tc] = sid;
                touched[nt++] = tc;
              }
            }
          } else {
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
      }
    }
    if (nt === 0) return;
    if (tiled) this.senseTiled(nt, ge);
    // column senses, partial-sum merges and neuron updates of this step
    const nStamp = this.neuronStamp;
    const { tileColTile, tileColNeuron, homeTile } = L;
    const senses = this.sensesPerCol;
    const shift = this.shiftAdds;
    const upd = this.updates;
    for (let q = 0; q < nt; q++) {
      const tc = touched[q]!;
      const o = tileColTile[tc]! * S;
      c[o + COUNTER.columnSenses]! += senses;
      c[o + COUNTER.partialSumMerges]! += shift;
      const j = tileColNeuron[tc]!;
      if (nStamp[j] === sid) c[o + COUNTER.partialSumMerges]!++;
      else {
        nStamp[j] = sid;
        c[homeTile[j]! * S + COUNTER.neuronUpdates]! += upd;
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
