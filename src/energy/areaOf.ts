import { XsnnError } from '../config/XsnnError.js';
import type { CrossbarSpec } from '../crossbar/CrossbarSpec.js';
import type { DeviceModel } from '../devices/DeviceModel.js';
import { explainTerm, input, type ExplainTerm } from './ExplainTerm.js';
import { partialSumAdder, dac1b, dffArea, ifNeuron, isaacAdc, PERIPHERAL_FIGURES, sarAdcArea } from './peripherals.js';
import { columnMuxArea, levelShifterArea, lifUnitArea, neuronStateArea, rowDecoderArea, sramBitArea } from './hardwareBlocks.js';

/**
 * The minimal structure the area model needs: how many tiles, their size, and
 * how many of their columns hold split (partial-sum) columns. Build it from a
 * mapping with `areaInputFromMapping`.
 */
export interface AreaInput {
  /** Tiles (crossbar arrays) used, a whole number ≥ 0. */
  readonly tiles: number;
  /** Rows per tile (default: the crossbar spec's). */
  readonly rows?: number;
  /** Physical columns per tile (default: the crossbar spec's). */
  readonly cols?: number;
  /**
   * Per tile, the number of its logical columns that are parts of a split column
   * (their partial sums must be added). Exact adder count Σ_t ⌈s_t / columnsPerAdder⌉.
   */
  readonly splitColumnsPerTile?: ArrayLike<number>;
  /** Total split column parts when per-tile figures are unknown: adders = ⌈s / columnsPerAdder⌉. */
  readonly splitColumns?: number;
  /** Override: the number of partial-sum adders in the whole design. */
  readonly partialSumAdders?: number;
  /** E neurons of the network (the LIF units serve E and I neurons). Default: T · C_log. */
  readonly neurons?: number;
  /** Network inputs (rows of the weight matrix), for the chip's input spike history. Default: R. */
  readonly inputs?: number;
  /** Largest synaptic delay in steps (delay buffers). Default 0. */
  readonly maxDelay?: number;
  /**
   * Delay-buffer bits when known exactly, e.g. for `fifo` Σ over the mapped
   * physical rows (input, delay group d) of d (a shift register of depth d per row).
   * Default: {@link delayBufferBits}'s bound.
   */
  readonly delayBufferBits?: number;
}

/** Area categories, NeuroSim-like. */
export interface AreaBreakdown {
  readonly array: number;
  readonly adcOrNeuron: number;
  readonly drivers: number;
  readonly accumulation: number;
  readonly interconnect: number;
  readonly other: number;
}

/** The result of {@link areaOf}: total, breakdown (m²) and one explain term per category. */
export interface AreaReport {
  readonly title: string;
  readonly totalM2: number;
  readonly breakdownM2: AreaBreakdown;
  /** Area of one tile without accumulation and interconnect (array + column periphery + drivers + registers), m². */
  readonly tileCoreAreaM2: number;
  /** Tile pitch √(tileCoreAreaM2), m — the routing hop length. */
  readonly tilePitchM: number;
  /** CMOS periphery area per tile (column periphery, drivers, registers, mean accumulation share), m² — the leakage base. */
  readonly peripheryPerTileM2: number;
  /** Terms in breakdown order; their values sum to `totalM2`. */
  readonly terms: ReadonlyArray<ExplainTerm>;
}

/**
 * Chip area of `tiles` crossbar tiles with their periphery (NeuroSim-like breakdown):
 *
 *   array        = T · R · C · A_cell,            A_cell = cellAreaF2 · F²
 *   adcOrNeuron  = T · (⌈C / m⌉ · A_ADC(b) + A_mux)   (ADC shared by m columns), or
 *                  T · (⌈C_log / m⌉ · A_IF + A_mux)    (IF circuit per m logical columns)
 *   drivers      = T · (R · A_DAC(1 b) + A_decoder + A_levelShifters)
 *   accumulation = (N_psum + N_shift) · A_add,     N_psum partial-sum adders,
 *                  N_shift = T · ⌈C / m⌉ when weights are bit-sliced over ADC columns
 *   other        = T · (R + C_log) · A_DFF         (spike input/output registers)
 *                  + ⌈2N / n_unit⌉ · A_LIF + 2N · stateBits · A_DFF   (digital E and I neurons)
 *                  + delay buffers: B_delay · A_DFF (fifo: Σ_rows d, at most T · R · D) or N_in · D · A_SRAM-bit (sequential)
 *   interconnect = T · 2 · bits_packet · pitch_wire · pitch_tile  (an x and a y bus per tile)
 *
 * Every figure is in the peripheral table (see `PERIPHERAL_FIGURES`), scaled to the tile node.
 */
export function areaOf(input_: AreaInput, device: DeviceModel, crossbar: CrossbarSpec): AreaReport {
  const g = areaGeometry(input_, device, crossbar);
  const array = arrayArea(g, device);
  const adcOrNeuron = sensingArea(g);
  const drivers = driverArea(g, device);
  const accumulation = accumulationArea(g, input_);
  const other = otherArea(g, input_);
  const tileCore = singleTileCore(g.R, g.C, g.cLog, g.cellAreaM2, device, crossbar);
  const tilePitchM = Math.sqrt(tileCore);
  const interconnect = interconnectArea(g, tilePitchM);
  const terms = [array, adcOrNeuron, drivers, accumulation, interconnect, other];
  const totalM2 = terms.reduce((s, t) => s + t.valueSI, 0);
  const T = g.T;
  const peripheryPerTileM2 =
    tileCore - g.R * g.C * g.cellAreaM2 + (T > 0 ? (accumulation.valueSI + other.valueSI) / T - (g.R + g.cLog) * dffArea(g.F).valueSI : 0);
  return {
    title: `Area of ${T} tile(s) of ${g.R}x${g.C} ${device.name} cells (${crossbar.name})`,
    totalM2,
    breakdownM2: {
      array: array.valueSI,
      adcOrNeuron: adcOrNeuron.valueSI,
      drivers: drivers.valueSI,
      accumulation: accumulation.valueSI,
      interconnect: interconnect.valueSI,
      other: other.valueSI,
    },
    tileCoreAreaM2: tileCore,
    tilePitchM,
    peripheryPerTileM2,
    terms,
  };
}

/** The checked sizes every area step reads. */
interface AreaGeometry {
  readonly T: number;
  readonly R: number;
  readonly C: number;
  readonly cLog: number;
  readonly F: number;
  readonly cellAreaM2: number;
  readonly src: string;
  readonly crossbar: CrossbarSpec;
}

function areaGeometry(input_: AreaInput, device: DeviceModel, crossbar: CrossbarSpec): AreaGeometry {
  const T = input_.tiles;
  if (!Number.isInteger(T) || T < 0) throw new XsnnError(`areaOf: tiles must be a whole number >= 0, got ${T}`);
  const R = input_.rows ?? crossbar.rows;
  const C = input_.cols ?? crossbar.cols;
  if (!Number.isInteger(R) || R < 1 || !Number.isInteger(C) || C < 1) throw new XsnnError(`areaOf: rows and cols must be whole numbers >= 1, got ${R}x${C}`);
  const F = crossbar.nodeM;
  const cLog = Math.floor(C / crossbar.columnsPerWeight);
  if (cLog < 1) throw new XsnnError(`areaOf: a tile of ${C} columns cannot hold one weight of ${crossbar.columnsPerWeight} columns`);
  return { T, R, C, cLog, F, cellAreaM2: device.cellAreaF2 * F * F, src: `crossbar '${crossbar.name}'`, crossbar };
}

function arrayArea(g: AreaGeometry, device: DeviceModel): ExplainTerm {
  return explainTerm({
    name: 'array',
    valueSI: g.T * g.R * g.C * g.cellAreaM2,
    unit: 'm^2',
    formula: 'T · R · C · cellAreaF2 · F²',
    inputs: [
      input('T', g.T, '1', 'mapping'),
      input('R', g.R, '1', g.src),
      input('C', g.C, '1', g.src),
      input('cellAreaF2', device.cellAreaF2, 'F^2', `device '${device.name}': ${device.source}`),
      input('F', g.F, 'm', g.src),
    ],
    source: 'cells × cell area (NeuroSim: array = rows·heightInFeatureSize·F × cols·widthInFeatureSize·F)',
  });
}

/** Sensing circuits per tile (ADCs, or IF circuits) and the columns each serves through the mux. */
function sensingUnits(g: AreaGeometry): { units: number; m: number; muxedColumns: number } {
  const p = g.crossbar.periphery;
  if (p.kind === 'adc') return { units: Math.ceil(g.C / p.columnsPerAdc), m: p.columnsPerAdc, muxedColumns: g.C };
  return { units: Math.ceil(g.cLog / p.columnsPerCircuit), m: p.columnsPerCircuit, muxedColumns: g.cLog };
}

function sensingArea(g: AreaGeometry): ExplainTerm {
  const p = g.crossbar.periphery;
  const { units, m, muxedColumns } = sensingUnits(g);
  const mux = columnMuxArea(muxedColumns, m, g.F);
  if (p.kind === 'adc') {
    const a = p.model === 'isaac' ? isaacAdc(g.F).area : sarAdcArea(p.bits, g.F);
    return explainTerm({
      name: 'adcOrNeuron',
      valueSI: g.T * (units * a.valueSI + mux.valueSI),
      unit: 'm^2',
      formula: 'T · (⌈C / m⌉ · A_ADC + A_mux)',
      inputs: [
        input('T', g.T, '1', 'mapping'),
        input('C', g.C, '1', g.src),
        input('m (columns per ADC)', m, '1', g.src),
        input('A_ADC', a.valueSI, 'm^2', a.source),
        input('A_mux (per tile)', mux.valueSI, 'm^2', mux.source),
      ],
      source: `${p.model === 'isaac' ? 'ISAAC' : 'NeuroSim SAR'} ADC shared by m columns through a column mux`,
      parts: [a, mux],
    });
  }
  const a = ifNeuron(g.F).area;
  return explainTerm({
    name: 'adcOrNeuron',
    valueSI: g.T * (units * a.valueSI + mux.valueSI),
    unit: 'm^2',
    formula: 'T · (⌈C_log / m⌉ · A_IF + A_mux)',
    inputs: [
      input('T', g.T, '1', 'mapping'),
      input('C_log (neurons per tile)', g.cLog, '1', `${g.src}: ⌊C / columnsPerWeight⌋`),
      input('m (columns per IF circuit)', m, '1', `${g.src} periphery.columnsPerCircuit`),
      input('A_IF', a.valueSI, 'm^2', a.source),
      input('A_mux (per tile)', mux.valueSI, 'm^2', mux.source),
    ],
    source: 'one integrate-and-fire circuit per m logical columns (NeuroSim V3.0 ReadCircuit; MLP+NeuroSim shares one read circuit by 16 columns)',
    parts: [a, mux],
  });
}

function driverArea(g: AreaGeometry, device: DeviceModel): ExplainTerm {
  const dac = dac1b(g.F, device.readPulseS).area;
  const dec = rowDecoderArea(g.R, g.F);
  const ls = levelShifterArea(g.R, g.C, device, g.F);
  return explainTerm({
    name: 'drivers',
    valueSI: g.T * (g.R * dac.valueSI + dec.valueSI + ls.valueSI),
    unit: 'm^2',
    formula: 'T · (R · A_DAC + A_decoder + A_levelShifters)',
    inputs: [
      input('T', g.T, '1', 'mapping'),
      input('R', g.R, '1', g.src),
      input('A_DAC', dac.valueSI, 'm^2', dac.source),
      input('A_decoder (per tile)', dec.valueSI, 'm^2', dec.source),
      input('A_levelShifters (per tile)', ls.valueSI, 'm^2', ls.source),
    ],
    source: 'one 1-bit DAC (spike driver) per row, the row decoder and the write level shifters',
    parts: [dac, dec, ls],
  });
}

function accumulationArea(g: AreaGeometry, input_: AreaInput): ExplainTerm {
  const add = partialSumAdder(g.F).area;
  const { psumAdders, psumHow } = partialSumAdders(g, input_);
  const shiftAdders = g.crossbar.cellsPerWeight > 1 && g.crossbar.periphery.kind === 'adc' ? g.T * sensingUnits(g).units : 0;
  return explainTerm({
    name: 'accumulation',
    valueSI: (psumAdders + shiftAdders) * add.valueSI,
    unit: 'm^2',
    formula: '(N_psum + N_shift) · A_add',
    inputs: [
      input('N_psum', psumAdders, '1', psumHow),
      input('N_shift', shiftAdders, '1', 'one shift-add per ADC when weights are bit-sliced (NeuroSim ShiftAdd), else 0'),
      input('A_add', add.valueSI, 'm^2', add.source),
    ],
    source: 'digital partial-sum and shift-add adders',
    parts: [add],
  });
}

function partialSumAdders(g: AreaGeometry, input_: AreaInput): { psumAdders: number; psumHow: string } {
  let psumAdders: number;
  let psumHow: string;
  if (input_.partialSumAdders !== undefined) {
    psumAdders = input_.partialSumAdders;
    psumHow = 'given';
  } else if (input_.splitColumnsPerTile !== undefined) {
    psumAdders = 0;
    for (let t = 0; t < input_.splitColumnsPerTile.length; t++) psumAdders += Math.ceil(input_.splitColumnsPerTile[t]! / g.crossbar.columnsPerAdder);
    psumHow = 'Σ_t ⌈split columns of tile t / columnsPerAdder⌉';
  } else if (input_.splitColumns !== undefined) {
    psumAdders = Math.ceil(input_.splitColumns / g.crossbar.columnsPerAdder);
    psumHow = '⌈split columns / columnsPerAdder⌉';
  } else {
    psumAdders = 0;
    psumHow = 'no split-column information given: 0';
  }
  if (!Number.isInteger(psumAdders) || psumAdders < 0) throw new XsnnError(`areaOf: partial-sum adders must be a whole number >= 0, got ${psumAdders}`);
  return { psumAdders, psumHow };
}

/** Delay-buffer bits of the design: per tile row (fifo; an upper bound, T·R·D) or one spike history per input (sequential); none: 0. */
export function delayBufferBits(crossbar: CrossbarSpec, tiles: number, rows: number, inputs: number, maxDelay: number): number {
  const impl = crossbar.delays.implementation;
  if (impl === 'none' || maxDelay === 0) return 0;
  return impl === 'fifo' ? tiles * rows * maxDelay : inputs * maxDelay;
}

function otherArea(g: AreaGeometry, input_: AreaInput): ExplainTerm {
  const dff = dffArea(g.F);
  const n = input_.neurons ?? g.T * g.cLog;
  const lifUnits = Math.ceil((2 * n) / g.crossbar.neurons.neuronsPerUnit);
  const lif = lifUnitArea(g.F);
  const state = neuronStateArea(g.crossbar);
  const D = input_.maxDelay ?? 0;
  const exactBits = input_.delayBufferBits;
  if (exactBits !== undefined && (!Number.isInteger(exactBits) || exactBits < 0))
    throw new XsnnError(`areaOf: delayBufferBits must be a whole number >= 0, got ${exactBits}`);
  const bufferBits = g.crossbar.delays.implementation === 'none' ? 0 : (exactBits ?? delayBufferBits(g.crossbar, g.T, g.R, input_.inputs ?? g.R, D));
  // fifo: shift registers (flip-flops) at every tile row; sequential: one spike history per input in SRAM
  const bufferBit = g.crossbar.delays.implementation === 'fifo' ? dff : sramBitArea(g.F);
  return explainTerm({
    name: 'other',
    valueSI: g.T * (g.R + g.cLog) * dff.valueSI + lifUnits * lif.valueSI + 2 * n * state.valueSI + bufferBits * bufferBit.valueSI,
    unit: 'm^2',
    formula: 'T · (R + C_log) · A_DFF + N_LIF · A_LIF + 2N · A_state + B_delay · A_bit (A_DFF for fifo, A_SRAM-bit for sequential)',
    inputs: [
      input('T', g.T, '1', 'mapping'),
      input('R', g.R, '1', g.src),
      input('C_log', g.cLog, '1', g.src),
      input('A_DFF', dff.valueSI, 'm^2', dff.source),
      input('N (E neurons; as many I neurons)', n, '1', 'network'),
      input('N_LIF = ⌈2N / neuronsPerUnit⌉', lifUnits, '1', `${g.src} neurons.neuronsPerUnit`),
      input('A_LIF', lif.valueSI, 'm^2', lif.source),
      input('A_state (per neuron)', state.valueSI, 'm^2', state.source),
      input(
        `B_delay (delay-buffer bits, ${g.crossbar.delays.implementation})`,
        bufferBits,
        '1',
        exactBits !== undefined
          ? 'given: Σ over the mapped rows (input, delay group d) of d, a depth-d FIFO at each row driver'
          : 'fifo: T·R·D per-row FIFOs at the row drivers; sequential: N_in·D input spike history; none: 0',
      ),
    ],
    source: 'spike input/output registers (one bit per row and per neuron), the digital LIF units and state of the E and I populations, and the delay buffers',
    parts: [dff, lif, state, bufferBit],
  });
}

function interconnectArea(g: AreaGeometry, tilePitchM: number): ExplainTerm {
  const fig = PERIPHERAL_FIGURES;
  const wirePitchM = fig.wirePitchF * g.F;
  return explainTerm({
    name: 'interconnect',
    valueSI: g.T * 2 * fig.packetBits * wirePitchM * tilePitchM,
    unit: 'm^2',
    formula: 'T · 2 · bits_packet · pitch_wire · pitch_tile,  pitch_tile = √(tile area without interconnect)',
    inputs: [
      input('T', g.T, '1', 'mapping'),
      input('bits_packet', fig.packetBits, '1', 'xsnn assumption: 16-bit AER spike address'),
      input('pitch_wire = 4F', wirePitchM, 'm', 'xsnn assumption: minimum metal pitch 4F (2F line + 2F space)'),
      input('pitch_tile', tilePitchM, 'm', 'computed from the other categories'),
    ],
    source: 'xsnn assumption: one spike bus in x and one in y across every tile (mesh); NeuroSim uses an H-tree',
  });
}

function singleTileCore(R: number, C: number, cLog: number, cellAreaM2: number, device: DeviceModel, crossbar: CrossbarSpec): number {
  const F = crossbar.nodeM;
  const p = crossbar.periphery;
  const m = p.kind === 'adc' ? p.columnsPerAdc : p.columnsPerCircuit;
  const col =
    p.kind === 'adc'
      ? Math.ceil(C / m) * (p.model === 'isaac' ? isaacAdc(F).area.valueSI : sarAdcArea(p.bits, F).valueSI) + columnMuxArea(C, m, F).valueSI
      : Math.ceil(cLog / m) * ifNeuron(F).area.valueSI + columnMuxArea(cLog, m, F).valueSI;
  const drivers = R * dac1b(F, device.readPulseS).area.valueSI + rowDecoderArea(R, F).valueSI + levelShifterArea(R, C, device, F).valueSI;
  return R * C * cellAreaM2 + col + drivers + (R + cLog) * dffArea(F).valueSI;
}
