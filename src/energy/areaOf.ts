import { XsnnError } from '../config/XsnnError.js';
import type { CrossbarSpec } from '../crossbar/CrossbarSpec.js';
import type { DeviceModel } from '../devices/DeviceModel.js';
import { explainTerm, input, type ExplainTerm } from './ExplainTerm.js';
import { adder, dac1b, dffArea, ifNeuron, isaacAdc, PERIPHERAL_FIGURES, sarAdcArea } from './peripherals.js';

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
 *   adcOrNeuron  = T · ⌈C / m⌉ · A_ADC(b)         (ADC shared by m columns), or
 *                  T · C_log · A_IF                 (IF circuit per logical column)
 *   drivers      = T · R · A_DAC(1 b)
 *   accumulation = (N_psum + N_shift) · A_add,     N_psum partial-sum adders,
 *                  N_shift = T · ⌈C / m⌉ when weights are bit-sliced over ADC columns
 *   other        = T · (R + C_log) · A_DFF         (spike input/output registers)
 *   interconnect = T · 2 · bits_packet · pitch_wire · pitch_tile  (an x and a y bus per tile)
 *
 * Every figure is in the peripheral table (see `PERIPHERAL_FIGURES`), scaled to the tile node.
 */
export function areaOf(input_: AreaInput, device: DeviceModel, crossbar: CrossbarSpec): AreaReport {
  const T = input_.tiles;
  if (!Number.isInteger(T) || T < 0) throw new XsnnError(`areaOf: tiles must be a whole number >= 0, got ${T}`);
  const R = input_.rows ?? crossbar.rows;
  const C = input_.cols ?? crossbar.cols;
  if (!Number.isInteger(R) || R < 1 || !Number.isInteger(C) || C < 1) throw new XsnnError(`areaOf: rows and cols must be whole numbers >= 1, got ${R}x${C}`);
  const F = crossbar.nodeM;
  const cLog = Math.floor(C / crossbar.columnsPerWeight);
  if (cLog < 1) throw new XsnnError(`areaOf: a tile of ${C} columns cannot hold one weight of ${crossbar.columnsPerWeight} columns`);
  const cellAreaM2 = device.cellAreaF2 * F * F;
  const src = `crossbar '${crossbar.name}'`;

  const array = explainTerm({
    name: 'array',
    valueSI: T * R * C * cellAreaM2,
    unit: 'm^2',
    formula: 'T · R · C · cellAreaF2 · F²',
    inputs: [
      input('T', T, '1', 'mapping'),
      input('R', R, '1', src),
      input('C', C, '1', src),
      input('cellAreaF2', device.cellAreaF2, 'F^2', `device '${device.name}': ${device.source}`),
      input('F', F, 'm', src),
    ],
    source: 'cells × cell area (NeuroSim: array = rows·heightInFeatureSize·F × cols·widthInFeatureSize·F)',
  });

  let adcOrNeuron: ExplainTerm;
  const p = crossbar.periphery;
  let units = 0;
  if (p.kind === 'adc') {
    units = Math.ceil(C / p.columnsPerAdc);
    const a = p.model === 'isaac' ? isaacAdc(F).area : sarAdcArea(p.bits, F);
    adcOrNeuron = explainTerm({
      name: 'adcOrNeuron',
      valueSI: T * units * a.valueSI,
      unit: 'm^2',
      formula: 'T · ⌈C / m⌉ · A_ADC',
      inputs: [
        input('T', T, '1', 'mapping'),
        input('C', C, '1', src),
        input('m (columns per ADC)', p.columnsPerAdc, '1', src),
        input('A_ADC', a.valueSI, 'm^2', a.source),
      ],
      source: `${p.model === 'isaac' ? 'ISAAC' : 'NeuroSim SAR'} ADC shared by m columns through a column mux (mux area not modelled)`,
      parts: [a],
    });
  } else {
    const a = ifNeuron(F).area;
    adcOrNeuron = explainTerm({
      name: 'adcOrNeuron',
      valueSI: T * cLog * a.valueSI,
      unit: 'm^2',
      formula: 'T · C_log · A_IF',
      inputs: [
        input('T', T, '1', 'mapping'),
        input('C_log (neurons per tile)', cLog, '1', `${src}: ⌊C / columnsPerWeight⌋`),
        input('A_IF', a.valueSI, 'm^2', a.source),
      ],
      source: 'one integrate-and-fire circuit per logical column (NeuroSim V3.0 ReadCircuit)',
      parts: [a],
    });
  }

  const dac = dac1b(F, device.readPulseS).area;
  const drivers = explainTerm({
    name: 'drivers',
    valueSI: T * R * dac.valueSI,
    unit: 'm^2',
    formula: 'T · R · A_DAC',
    inputs: [input('T', T, '1', 'mapping'), input('R', R, '1', src), input('A_DAC', dac.valueSI, 'm^2', dac.source)],
    source: 'one 1-bit DAC (spike driver) per row',
    parts: [dac],
  });

  const add = adder(F).area;
  let psumAdders: number;
  let psumHow: string;
  if (input_.partialSumAdders !== undefined) {
    psumAdders = input_.partialSumAdders;
    psumHow = 'given';
  } else if (input_.splitColumnsPerTile !== undefined) {
    psumAdders = 0;
    for (let t = 0; t < input_.splitColumnsPerTile.length; t++) psumAdders += Math.ceil(input_.splitColumnsPerTile[t]! / crossbar.columnsPerAdder);
    psumHow = 'Σ_t ⌈split columns of tile t / columnsPerAdder⌉';
  } else if (input_.splitColumns !== undefined) {
    psumAdders = Math.ceil(input_.splitColumns / crossbar.columnsPerAdder);
    psumHow = '⌈split columns / columnsPerAdder⌉';
  } else {
    psumAdders = 0;
    psumHow = 'no split-column information given: 0';
  }
  if (!Number.isInteger(psumAdders) || psumAdders < 0) throw new XsnnError(`areaOf: partial-sum adders must be a whole number >= 0, got ${psumAdders}`);
  const shiftAdders = crossbar.cellsPerWeight > 1 && p.kind === 'adc' ? T * units : 0;
  const accumulation = explainTerm({
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

  const dff = dffArea(F);
  const other = explainTerm({
    name: 'other',
    valueSI: T * (R + cLog) * dff.valueSI,
    unit: 'm^2',
    formula: 'T · (R + C_log) · A_DFF',
    inputs: [input('T', T, '1', 'mapping'), input('R', R, '1', src), input('C_log', cLog, '1', src), input('A_DFF', dff.valueSI, 'm^2', dff.source)],
    source: 'xsnn assumption: one input-spike and one output-spike register bit per row and per neuron',
    parts: [dff],
  });

  const tileCore = singleTileCore(R, C, cLog, cellAreaM2, device, crossbar);
  const tilePitchM = Math.sqrt(tileCore);
  const fig = PERIPHERAL_FIGURES;
  const wirePitchM = fig.wirePitchF * F;
  const interconnect = explainTerm({
    name: 'interconnect',
    valueSI: T * 2 * fig.packetBits * wirePitchM * tilePitchM,
    unit: 'm^2',
    formula: 'T · 2 · bits_packet · pitch_wire · pitch_tile,  pitch_tile = √(tile area without interconnect)',
    inputs: [
      input('T', T, '1', 'mapping'),
      input('bits_packet', fig.packetBits, '1', 'xsnn assumption: 16-bit AER spike address'),
      input('pitch_wire = 4F', wirePitchM, 'm', 'xsnn assumption: minimum metal pitch 4F (2F line + 2F space)'),
      input('pitch_tile', tilePitchM, 'm', 'computed from the other categories'),
    ],
    source: 'xsnn assumption: one spike bus in x and one in y across every tile (mesh); NeuroSim uses an H-tree',
  });
  const terms = [array, adcOrNeuron, drivers, accumulation, interconnect, other];
  const totalM2 = terms.reduce((s, t) => s + t.valueSI, 0);
  const peripheryPerTileM2 = tileCore - R * C * cellAreaM2 + (T > 0 ? accumulation.valueSI / T : 0);
  return {
    title: `Area of ${T} tile(s) of ${R}x${C} ${device.name} cells (${crossbar.name})`,
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

function singleTileCore(R: number, C: number, cLog: number, cellAreaM2: number, device: DeviceModel, crossbar: CrossbarSpec): number {
  const F = crossbar.nodeM;
  const p = crossbar.periphery;
  const col =
    p.kind === 'adc'
      ? Math.ceil(C / p.columnsPerAdc) * (p.model === 'isaac' ? isaacAdc(F).area.valueSI : sarAdcArea(p.bits, F).valueSI)
      : cLog * ifNeuron(F).area.valueSI;
  return R * C * cellAreaM2 + col + R * dac1b(F, device.readPulseS).area.valueSI + (R + cLog) * dffArea(F).valueSI;
}
