import { XsnnError } from '../config/XsnnError.js';
import type { CsrMatrix } from '../core/CsrMatrix.js';
import type { DeviceModel } from '../devices/DeviceModel.js';
import { conductanceToWeight } from '../devices/conductanceToWeight.js';
import { CellFault, programWeights, type ProgrammedWeights } from '../devices/programWeights.js';
import { readNoiseSigmaS } from '../devices/applyReadNoise.js';
import type { Mapping } from '../mapping/Mapping.js';
import type { CrossbarSpec } from '../crossbar/CrossbarSpec.js';
import type { DriveLayout } from './DriveLayout.js';
import type { DriveWeights } from './DriveWeights.js';
import { isIdealDevice } from './isIdealDevice.js';

/** Options of {@link programCrossbar}. */
export interface ProgramCrossbarOptions {
  readonly mapping: Mapping;
  readonly layout: DriveLayout;
  /** The tile spec (weight precision, cells per weight, periphery). */
  readonly crossbar: CrossbarSpec;
  /** The device programmed (may differ from `crossbar.device`, e.g. with another σ). Default `crossbar.device`. */
  readonly device?: DeviceModel;
  /** Weight mapped onto G_max; every stored weight must be ≤ it. */
  readonly wMax: number;
  /** Seed of this device sample's programming draws (one stream over the network's synapses in row-major order). */
  readonly seed: number;
  /**
   * The network's synapses already programmed for this sample (`programSynapses`
   * with the same device, crossbar storage, wMax and seed), e.g. shared by every
   * tile size of a sweep; default: programmed here.
   */
  readonly programmed?: ProgrammedWeights;
}

/** What {@link programCrossbar} returns. */
export interface ProgrammedCrossbar {
  readonly weights: DriveWeights;
  /** Stored weight of each entry (layout order). */
  readonly targetWeights: Float32Array;
  /** √(mean (w_eff − w_stored)²) over the synapses (weight units): programming + quantization + variation error. */
  readonly weightErrorRms: number;
  /** Cells stuck at HRS and at LRS. */
  readonly stuckAtHrs: number;
  readonly stuckAtLrs: number;
  /** Cells programmed (synapses × cells per weight). */
  readonly cells: number;
  /** What writing the mapped network onto the chip takes (one-time; from the target levels, cells starting at G_min). */
  readonly programming: ProgrammingCounts;
}

/** Level steps of programming a mapped network, for `programmingCost`. */
export interface ProgrammingCounts {
  /** Cells written (target above G_min). */
  readonly cellsWritten: number;
  /** Σ level steps over the cells. */
  readonly levelSteps: number;
  /** Σ over cells of level steps · (G_min + G_target)/2 (S). */
  readonly stepConductanceS: number;
  /** Level steps on the critical path: tiles in parallel, rows one after another, a row's cells in parallel (max over tiles of Σ_rows max steps). */
  readonly criticalLevelSteps: number;
}

/**
 * Programs every tile of a mapping onto the device (one device sample): weights
 * → levels (or bit-sliced digits) → conductances with device-to-device
 * variation, write cycle-to-cycle error and stuck-at faults (`programWeights`
 * over the whole network's synapses in row-major (input, neuron) order from one
 * stream of `seed`, so a synapse's draws do not depend on the tile size or the
 * packing), then the drive's per-entry effective weights
 * `conductanceToWeight(G)` (G_min baseline cancelled by the reference column).
 *
 * The ideal device (continuous levels, no variation, faults or read noise, one
 * cell per weight) realises the identity map; its effective weights are then
 * the stored weights themselves (bit-exact, `exact: true`), not their float
 * round trip through conductances.
 *
 * Bit-slicing (adapter over `programWeights`): a weight of b bits over n cells
 * is split into n balanced digits of ⌈b/n⌉ bits, each written to one of
 * 2^⌈b/n⌉ evenly spaced conductances spanning [G_min, G_max] (8 bits on a
 * 128-level cell: two 4-bit digits of 16 levels), rather than a 7-bit low digit
 * and a 1-bit high digit whose cell variation would be amplified 128×. The
 * targets are programmed as exact conductances; snapping them to the device's
 * own nearest level (≤ ½ level step) is not modelled.
 *
 * The drive runs `tiled` (per-tile column sums) when the device has read noise
 * or the periphery is an ADC, else `linear`. ADC range (documented choice): the
 * full scale of each physical tile column is the column's current with every
 * one of its programmed cells read at once, Σ max(0, G − G_min) — no conversion
 * ever clips, at the cost of resolution when few rows are active.
 */
export function programCrossbar(o: ProgramCrossbarOptions): ProgrammedCrossbar {
  const fn = 'programCrossbar';
  const { mapping, layout: L, crossbar } = o;
  const device = o.device ?? crossbar.device;
  const cpw = crossbar.cellsPerWeight;
  checkProgramOptions(o, cpw);
  const nnz = L.nnz;
  // Every synapse is programmed at its place in the network's row-major order (one stream for the whole
  // network), so its draws depend on the seed and the network only, not on the tile size or the packing.
  const csr = canonicalOrder(mapping, L.maxDelay + 1);
  const p = o.programmed ?? programSynapses({ weights: csr, crossbar, device, wMax: o.wMax, seed: o.seed });
  if (p.nnz !== nnz) throw new XsnnError(`${fn}: the programmed synapses number ${p.nnz}, the mapping holds ${nnz}`);
  if (p.cellsPerWeight !== cpw)
    throw new XsnnError(`${fn}: device '${device.name}' needs ${p.cellsPerWeight} cell(s) per weight, the crossbar spec says ${cpw}`);
  const sliceLevels = p.sliceLevels;
  const { stored, cellG } = bySource(csr, p, cpw);
  const { hrs, lrs } = countStuckCells(p);
  const programming = programmingCounts(mapping, csr.source, p.targetConductanceS, cpw, device);
  const exact = isIdealDevice(device) && crossbar.weightBits === undefined && cpw === 1;
  const sliceScale = sliceScales(crossbar, device, o.wMax, sliceLevels);
  const effSrc = exact
    ? stored
    : conductanceToWeight({
        conductanceS: cellG,
        gMinS: device.gMinS,
        gMaxS: device.gMaxS,
        wMax: o.wMax,
        cellsPerWeight: cpw,
        weightBits: crossbar.weightBits,
        ...(crossbar.weightBits !== undefined ? { sliceLevels } : {}),
      });
  const { w, target, err2 } = entryWeights(L, effSrc, stored);
  const noise = readNoiseSigmaS(device);
  const periphery = crossbar.periphery;
  const tiled = noise > 0 || periphery.kind === 'adc';
  const segG = segmentConductances(L, cellG, cpw);
  const { deltaG, adc } = tiled ? tiledConductances(L, cellG, cpw, device, periphery) : { deltaG: new Float32Array(0), adc: null };
  return {
    weights: { mode: tiled ? 'tiled' : 'linear', exact, w, cellsPerWeight: cpw, deltaG, sliceScale, segConductanceS: segG, readNoiseSigmaS: noise, adc },
    targetWeights: target,
    weightErrorRms: nnz > 0 ? Math.sqrt(err2 / nnz) : 0,
    stuckAtHrs: hrs,
    stuckAtLrs: lrs,
    cells: nnz * cpw,
    programming,
  };
}

/** Fails unless the layout and the crossbar agree on cells per weight, the encoding is unsigned and wMax is a positive finite number. */
function checkProgramOptions(o: ProgramCrossbarOptions, cpw: number): void {
  const fn = 'programCrossbar';
  const { layout: L, crossbar } = o;
  if (L.cellsPerWeight !== cpw) throw new XsnnError(`${fn}: the layout has ${L.cellsPerWeight} cell(s) per weight, the crossbar ${cpw}`);
  if (crossbar.weightEncoding !== 'unsigned')
    throw new XsnnError(
      `${fn}: crossbar '${crossbar.name}' uses ${crossbar.weightEncoding} weights; the non-negative Diehl & Cook weights are co-simulated with the unsigned encoding (one cell set per weight, G_min reference column)`,
    );
  if (!(o.wMax > 0) || !Number.isFinite(o.wMax)) throw new XsnnError(`${fn}: wMax must be a positive finite number, got ${o.wMax}`);
}

/** The stored weights and the cells' conductances, indexed by the mapping's source entry. */
function bySource(csr: ReturnType<typeof canonicalOrder>, p: ProgrammedWeights, cpw: number): { stored: Float32Array; cellG: Float32Array } {
  const nnz = p.nnz;
  const cellG = new Float32Array(nnz * cpw);
  const stored = new Float32Array(nnz);
  for (let k = 0; k < nnz; k++) {
    const src = csr.source[k]!;
    stored[src] = csr.values[k]!;
    for (let c = 0; c < cpw; c++) cellG[src * cpw + c] = p.conductanceS[k * cpw + c]!;
  }
  return { stored, cellG };
}

/** Cells stuck at HRS and at LRS. */
function countStuckCells(p: ProgrammedWeights): { hrs: number; lrs: number } {
  let hrs = 0;
  let lrs = 0;
  for (let c = 0; c < p.fault.length; c++) {
    if (p.fault[c] === CellFault.StuckAtHrs) hrs++;
    else if (p.fault[c] === CellFault.StuckAtLrs) lrs++;
  }
  return { hrs, lrs };
}

/** Weight per unit of G − G_min of each cell of a weight (one cell: wMax / (G_max − G_min); bit-sliced: the digit's place value). */
function sliceScales(crossbar: CrossbarSpec, device: DeviceModel, wMax: number, sliceLevels: number): Float64Array {
  const cpw = crossbar.cellsPerWeight;
  const range = device.gMaxS - device.gMinS;
  const sliceScale = new Float64Array(cpw);
  if (crossbar.weightBits === undefined) sliceScale[0] = wMax / range;
  else {
    const qMax = 2 ** crossbar.weightBits - 1;
    for (let s = 0; s < cpw; s++) sliceScale[s] = (wMax * (sliceLevels - 1) * sliceLevels ** (cpw - 1 - s)) / (range * qMax);
  }
  return sliceScale;
}

/** Effective and stored weight of each layout entry, and Σ (w_eff − w_stored)². */
function entryWeights(L: DriveLayout, effSrc: ArrayLike<number>, stored: Float32Array): { w: Float32Array; target: Float32Array; err2: number } {
  const nnz = L.nnz;
  const w = new Float32Array(nnz);
  const target = new Float32Array(nnz);
  let err2 = 0;
  for (let e = 0; e < nnz; e++) {
    const src = L.entrySource[e]!;
    w[e] = effSrc[src]!;
    target[e] = stored[src]!;
    const d = w[e]! - target[e]!;
    err2 += d * d;
  }
  return { w, target, err2 };
}

/** Σ of the cells' conductances of each segment (S). */
function segmentConductances(L: DriveLayout, cellG: Float32Array, cpw: number): Float64Array {
  const nSeg = L.segTile.length;
  const segG = new Float64Array(nSeg);
  for (let g = 0; g < nSeg; g++) {
    let s = 0;
    for (let e = L.segStart[g]!; e < L.segStart[g + 1]!; e++) {
      const src = L.entrySource[e]! * cpw;
      for (let c = 0; c < cpw; c++) s += cellG[src + c]!;
    }
    segG[g] = s;
  }
  return segG;
}

/** The tiled drive's G − G_min per cell (layout order) and, with an ADC, each tile column's full scale Σ max(0, G − G_min). */
function tiledConductances(
  L: DriveLayout,
  cellG: Float32Array,
  cpw: number,
  device: DeviceModel,
  periphery: CrossbarSpec['periphery'],
): { deltaG: Float32Array; adc: DriveWeights['adc'] } {
  const nnz = L.nnz;
  const deltaG = new Float32Array(nnz * cpw);
  for (let e = 0; e < nnz; e++) {
    const src = L.entrySource[e]! * cpw;
    for (let c = 0; c < cpw; c++) deltaG[e * cpw + c] = cellG[src + c]! - device.gMinS;
  }
  if (periphery.kind !== 'adc') return { deltaG, adc: null };
  const fs = new Float32Array(L.tileColNeuron.length * cpw);
  for (let e = 0; e < nnz; e++) {
    const pc = L.entryTileCol[e]! * cpw;
    for (let c = 0; c < cpw; c++) {
      const v = deltaG[e * cpw + c]!;
      if (v > 0) fs[pc + c]! += v;
    }
  }
  return { deltaG, adc: { bits: periphery.bits, fullScaleS: fs } };
}

/**
 * Level steps of writing every cell from G_min to its target level: steps =
 * round((G_target − G_min) / ΔG), ΔG = (G_max − G_min)/(levels − 1) (one step per
 * written cell on a continuous device).
 */
function programmingCounts(mapping: Mapping, source: Int32Array, targetG: Float32Array, cpw: number, device: DeviceModel): ProgrammingCounts {
  const range = device.gMaxS - device.gMinS;
  const dG = Number.isFinite(device.levelCount) && device.levelCount > 1 ? range / (device.levelCount - 1) : 0;
  const nnz = source.length;
  const stepsOf = new Float64Array(nnz * cpw);
  let cellsWritten = 0;
  let levelSteps = 0;
  let stepConductanceS = 0;
  for (let k = 0; k < nnz; k++) {
    const src = source[k]!;
    for (let c = 0; c < cpw; c++) {
      const g = targetG[k * cpw + c]!;
      const above = g - device.gMinS;
      const n = above <= range * 1e-9 ? 0 : dG > 0 ? Math.max(1, Math.round(above / dG)) : 1;
      stepsOf[src * cpw + c] = n;
      if (n === 0) continue;
      cellsWritten++;
      levelSteps += n;
      stepConductanceS += (n * (device.gMinS + g)) / 2;
    }
  }
  let critical = 0;
  let base = 0;
  for (const tile of mapping.tiles) {
    let tileSteps = 0;
    for (let a = 0; a < tile.rows.length; a++) {
      let rowMax = 0;
      for (let k = tile.rowPtr[a]!; k < tile.rowPtr[a + 1]!; k++) for (let c = 0; c < cpw; c++) rowMax = Math.max(rowMax, stepsOf[(base + k) * cpw + c]!);
      tileSteps += rowMax;
    }
    critical = Math.max(critical, tileSteps);
    base += tile.values.length;
  }
  return { cellsWritten, levelSteps, stepConductanceS, criticalLevelSteps: critical };
}

/** Options of {@link programSynapses}. */
export interface ProgramSynapsesOptions {
  /** The network's synapses in row-major (input, neuron) order, e.g. `checkpointCsr(checkpoint)`. */
  readonly weights: CsrMatrix;
  /** The tile spec (weight storage: bits and cells per weight). */
  readonly crossbar: CrossbarSpec;
  /** The device programmed. Default `crossbar.device`. */
  readonly device?: DeviceModel;
  readonly wMax: number;
  /** Seed of the sample's programming draws. */
  readonly seed: number;
}

/**
 * Programs a network's synapses for one device sample, in row-major order from
 * one stream of `seed` (`programWeights`; bit-sliced weights use balanced
 * digits, see {@link programCrossbar}): what {@link programCrossbar} does for a
 * mapping of the network, here once for every tiling of it.
 */
export function programSynapses(o: ProgramSynapsesOptions): ProgrammedWeights {
  const device = o.device ?? o.crossbar.device;
  return programWeights({
    weights: o.weights,
    device: balancedSliceDevice(device, o.crossbar.weightBits, o.crossbar.cellsPerWeight),
    wMax: o.wMax,
    seed: o.seed,
    stream: 0,
    ...(o.crossbar.weightBits !== undefined ? { weightBits: o.crossbar.weightBits } : {}),
  });
}

/**
 * The device model the slices are programmed with: the same device with
 * 2^⌈bits/cells⌉ evenly spaced levels when weights are bit-sliced over several
 * cells of a device with more levels than that; else the device itself.
 */
function balancedSliceDevice(device: DeviceModel, bits: number | undefined, cells: number): DeviceModel {
  if (bits === undefined || cells <= 1 || !Number.isFinite(device.levelCount)) return device;
  const levels = 2 ** Math.ceil(bits / cells);
  if (levels >= device.levelCount) return device;
  return Object.freeze({ ...device, levelCount: levels, levelListS: undefined, writeNonlinearity: 0 });
}

/**
 * The mapping's synapses as the network's CSR matrix, in row-major (input,
 * neuron) order; `source[k]` is the concatenated-tile entry
 * (`tileEntryBase[t] + local entry`) of the k-th synapse. A delay-expanded
 * mapping (`rowsPerInput` = maxDelay + 1 rows per input) holds input i's
 * synapses on rows i·rowsPerInput … (i+1)·rowsPerInput − 1.
 */
function canonicalOrder(mapping: Mapping, rowsPerInput: number): CsrMatrix & { readonly source: Int32Array } {
  const R = mapping.rows / rowsPerInput;
  const C = mapping.cols;
  let nnz = 0;
  for (const tile of mapping.tiles) nnz += tile.values.length;
  const tileValues = new Float32Array(nnz);
  const slot = new Int32Array(R * C).fill(-1);
  let base = 0;
  for (const tile of mapping.tiles) {
    for (let a = 0; a < tile.rows.length; a++) {
      const row = Math.floor(tile.rows[a]! / rowsPerInput) * C;
      for (let k = tile.rowPtr[a]!; k < tile.rowPtr[a + 1]!; k++) slot[row + tile.cols[tile.colIdx[k]!]!] = base + k;
    }
    tileValues.set(tile.values, base);
    base += tile.values.length;
  }
  const source = new Int32Array(nnz);
  const rowPtr = new Int32Array(R + 1);
  const colIdx = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let k = 0;
  for (let i = 0; i < R; i++) {
    for (let j = 0; j < C; j++) {
      const e = slot[i * C + j]!;
      if (e < 0) continue;
      source[k] = e;
      values[k] = tileValues[e]!;
      colIdx[k++] = j;
    }
    rowPtr[i + 1] = k;
  }
  if (k !== nnz) throw new XsnnError(`programCrossbar: the mapping places ${nnz - k} synapse(s) twice`);
  return { rows: R, cols: C, rowPtr, colIdx, values, source };
}
