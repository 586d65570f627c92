import type { CrossbarSpec } from '../crossbar/CrossbarSpec.js';
import type { DeviceModel } from '../devices/DeviceModel.js';
import { explainTerm, input, type ExplainTerm } from './ExplainTerm.js';
import { energyScale, scalingInputs, vddAt, VDD_SOURCE } from './nodeScaling.js';
import { partialSumAdder, PERIPHERAL_FIGURES, transistorDensityPerM2 } from './peripherals.js';

/**
 * Figures of the blocks added by issue 10 (docs/timing.md): row decoders, level
 * shifters, column muxes, digital LIF units and their state registers, delay
 * FIFOs and spike buffers. Transistor counts are xsnn assumptions turned into
 * area with the periphery transistor density of {@link transistorDensityPerM2}.
 */
export const BLOCK_FIGURES = {
  /** Gate capacitance per metre of transistor width (≈ 1 fF/µm, PTM LP 22–65 nm). */
  gateCapacitanceFPerM: 1e-15 / 1e-6,
  gateCapacitanceSource: 'xsnn assumption: gate capacitance ≈ 1 fF per um of width (PTM LP 22–65 nm order of magnitude)',
  /** A row decoder per row: an AND of ⌈log2 R⌉ address bits (2 transistors per input) plus an inverter. */
  decoderTransistorsPerRow: (rows: number): number => 2 * Math.max(1, Math.ceil(Math.log2(Math.max(2, rows)))) + 2,
  /** A cross-coupled level shifter (NeuroSim LevelShifter.cpp topology): 6 transistors per line. */
  levelShifterTransistors: 6,
  /** A transmission gate (column mux switch): 2 transistors per multiplexed column. */
  muxTransistorsPerColumn: 2,
  /** A LIF unit: two adders (integrate/leak and threshold compare), as the digital neuron update of xsnn. */
  lifUnitAdders: 2,
  /** 8T SRAM bit cell area in F² (DNN+NeuroSim V1.4 manual, Table V). */
  sramBitAreaF2: 360,
  sramSource: 'DNN+NeuroSim V1.4 manual, Table V: 8T SRAM cell 360 F² (xsnn docs/hardware.md)',
} as const;

const B = BLOCK_FIGURES;

function byTransistors(name: string, transistors: number, nodeM: number, formula: string, inputs: ExplainTerm['inputs'], source: string): ExplainTerm {
  const rho = transistorDensityPerM2(nodeM);
  return explainTerm({
    name,
    valueSI: transistors / rho.valueSI,
    unit: 'm^2',
    formula: `${formula} / ρ`,
    inputs: [...inputs, input('ρ (transistor density)', rho.valueSI, '1/m^2', rho.source)],
    source,
    parts: [rho],
  });
}

/** Row decoders of one tile: R · (2·⌈log2 R⌉ + 2) transistors. */
export function rowDecoderArea(rows: number, nodeM: number): ExplainTerm {
  const n = B.decoderTransistorsPerRow(rows);
  return byTransistors(
    'rowDecoderArea',
    rows * n,
    nodeM,
    'R · (2·⌈log2 R⌉ + 2)',
    [input('R', rows, '1', 'crossbar spec'), input('transistors per row', n, '1', 'xsnn assumption: ⌈log2 R⌉-input AND + inverter')],
    'xsnn assumption: static CMOS row decoder (NeuroSim RowDecoder.cpp organisation, not its sizing)',
  );
}

/** Level shifters of one tile: one per row and per column when the write voltage exceeds Vdd, else 0. */
export function levelShifterArea(rows: number, cols: number, device: DeviceModel, nodeM: number): ExplainTerm {
  const vdd = vddAt(nodeM);
  const needed = device.writeVoltageV > vdd;
  const lines = needed ? rows + cols : 0;
  return byTransistors(
    'levelShifterArea',
    lines * B.levelShifterTransistors,
    nodeM,
    '(R + C) · N_LS when V_w > Vdd, else 0',
    [
      input('R + C', rows + cols, '1', 'crossbar spec'),
      input('V_w', device.writeVoltageV, 'V', `device '${device.name}'`),
      input('Vdd', vdd, 'V', VDD_SOURCE),
      input('N_LS', B.levelShifterTransistors, '1', 'NeuroSim LevelShifter.cpp: cross-coupled 6-transistor level shifter'),
    ],
    'write drivers need level shifters when the write voltage exceeds the logic supply (NeuroSim wl/bl/sl level shifters)',
  );
}

/** Column mux of one tile: 2 transistors per multiplexed column when m > 1, else 0. */
export function columnMuxArea(columns: number, m: number, nodeM: number): ExplainTerm {
  const muxed = m > 1 ? columns : 0;
  return byTransistors(
    'columnMuxArea',
    muxed * B.muxTransistorsPerColumn,
    nodeM,
    'C_mux · 2 (C_mux = columns when m > 1, else 0)',
    [input('columns', columns, '1', 'crossbar spec'), input('m (columns per sensing circuit)', m, '1', 'crossbar spec periphery')],
    'xsnn assumption: one transmission gate per multiplexed column (NeuroSim Mux.cpp)',
  );
}

/** Energy of switching one column-mux transmission gate: 2 · c_g · W_min · Vdd². */
export function columnMuxEnergy(nodeM: number): ExplainTerm {
  const vdd = vddAt(nodeM);
  const w = PERIPHERAL_FIGURES.minTransistorWidthF * nodeM;
  return explainTerm({
    name: 'columnMuxEnergyPerSense',
    valueSI: B.muxTransistorsPerColumn * B.gateCapacitanceFPerM * w * vdd * vdd,
    unit: 'J',
    formula: '2 · c_g · W_min · Vdd²',
    inputs: [
      input('c_g', B.gateCapacitanceFPerM, 'F/m', B.gateCapacitanceSource),
      input('W_min', w, 'm', 'DNN+NeuroSim constant.h MIN_NMOS_SIZE 2'),
      input('Vdd', vdd, 'V', VDD_SOURCE),
    ],
    source: 'xsnn assumption: the two gates of one transmission gate are charged once per column sensed through the mux',
  });
}

/** Energy of writing one bit into a flip-flop (a spike stored or shifted): ½ · N_DFF · c_g · W_min · Vdd². */
export function dffBitEnergy(nodeM: number): ExplainTerm {
  const vdd = vddAt(nodeM);
  const w = PERIPHERAL_FIGURES.minTransistorWidthF * nodeM;
  const n = PERIPHERAL_FIGURES.dffTransistors;
  return explainTerm({
    name: 'dffBitEnergy',
    valueSI: 0.5 * n * B.gateCapacitanceFPerM * w * vdd * vdd,
    unit: 'J',
    formula: '½ · N_DFF · c_g · W_min · Vdd²',
    inputs: [
      input('N_DFF', n, '1', 'xsnn assumption: 24-transistor master–slave flip-flop'),
      input('c_g', B.gateCapacitanceFPerM, 'F/m', B.gateCapacitanceSource),
      input('W_min', w, 'm', 'DNN+NeuroSim constant.h MIN_NMOS_SIZE 2'),
      input('Vdd', vdd, 'V', VDD_SOURCE),
    ],
    source: 'xsnn assumption: half of the flip-flop gates switch per bit written',
  });
}

/** One digital LIF update (E or I neuron), SpikeSim's LIF module scaled to the tile node. */
export function lifUpdateEnergy(crossbar: CrossbarSpec): ExplainTerm {
  const n = crossbar.neurons;
  const F = crossbar.nodeM;
  const scale = energyScale(n.energyNode, F);
  return explainTerm({
    name: 'lifUpdateEnergy',
    valueSI: n.updateEnergy * scale,
    unit: 'J',
    formula: 'E_LIF(F0) × energy scale factor',
    inputs: [
      input('E_LIF(F0)', n.updateEnergy, 'J', 'crossbar spec neurons.updateEnergy (SpikeSim LIF module 1.274 pJ)'),
      ...scalingInputs('energy', n.energyNode, F),
    ],
    source: 'SpikeSim (Moitra et al. 2023): LIF module energy per neuron and time step, state read/write included',
  });
}

/** Area of one LIF unit: n_adders · A_add. */
export function lifUnitArea(nodeM: number): ExplainTerm {
  const add = partialSumAdder(nodeM).area;
  return explainTerm({
    name: 'lifUnitArea',
    valueSI: B.lifUnitAdders * add.valueSI,
    unit: 'm^2',
    formula: 'n_adders · A_add',
    inputs: [input('n_adders', B.lifUnitAdders, '1', 'xsnn assumption: integrate/leak + threshold compare'), input('A_add', add.valueSI, 'm^2', add.source)],
    source: 'xsnn assumption: a LIF unit is two ISAAC-sized adders',
    parts: [add],
  });
}

/** One 8T SRAM bit at `nodeM`: 360 F². */
export function sramBitArea(nodeM: number): ExplainTerm {
  return explainTerm({
    name: 'sramBitArea',
    valueSI: B.sramBitAreaF2 * nodeM * nodeM,
    unit: 'm^2',
    formula: 'A_SRAM-bit · F²',
    inputs: [input('A_SRAM-bit', B.sramBitAreaF2, 'F^2', B.sramSource), input('F', nodeM, 'm', 'crossbar spec')],
    source: B.sramSource,
  });
}

/** State storage of one neuron: stateBits SRAM bits. */
export function neuronStateArea(crossbar: CrossbarSpec): ExplainTerm {
  const bit = sramBitArea(crossbar.nodeM);
  return explainTerm({
    name: 'neuronStateArea',
    valueSI: crossbar.neurons.stateBits * bit.valueSI,
    unit: 'm^2',
    formula: 'stateBits · A_SRAM-bit',
    inputs: [input('stateBits', crossbar.neurons.stateBits, '1', 'crossbar spec neurons.stateBits'), input('A_SRAM-bit', bit.valueSI, 'm^2', bit.source)],
    source: 'xsnn assumption: neuron state (v, g_e, g_i, θ, refractory counter) held in SRAM next to the LIF units',
    parts: [bit],
  });
}
