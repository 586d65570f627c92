import { XsnnError } from '../config/XsnnError.js';
import type { CrossbarSpec } from '../crossbar/CrossbarSpec.js';
import type { DeviceModel } from '../devices/DeviceModel.js';
import { areaOf, type AreaReport } from './areaOf.js';
import { columnMuxEnergy, dffBitEnergy, lifUpdateEnergy } from './hardwareBlocks.js';
import { explainTerm, input, type ExplainTerm } from './ExplainTerm.js';
import { vddAt, VDD_SOURCE } from './nodeScaling.js';
import { partialSumAdder, dac1b, ifNeuron, isaacAdc, leakagePowerDensity, PERIPHERAL_FIGURES, sarAdcEnergy } from './peripherals.js';

/** Options of {@link eventEnergies}. */
export interface EventEnergiesOptions {
  /** Tiles of the design (routing distance and leakage scale with it). Default 1. */
  readonly tiles?: number;
  /** E neurons of the network (lateral inhibition fan-out N − 1). Default: the tile's logical columns. */
  readonly neurons?: number;
  /** Largest synaptic delay in steps (delay-buffer shifts per stored spike). Default 0. */
  readonly maxDelay?: number;
  /**
   * `fifo`: mean shifts per spike written into a row FIFO, Σ d / arrivals over the
   * spikes arriving at rows of delay d (counted by the co-simulation). Default: maxDelay (the bound).
   */
  readonly fifoDepth?: number;
  /** The design's area (leakage base: every CMOS block but array and interconnect). Default: `areaOf` of `tiles` tiles. */
  readonly area?: AreaReport;
}

/**
 * Energy per hardware event (J) and leakage power (W), each an {@link ExplainTerm}.
 * Multiply by {@link EventCounts} with `energyFromCounts`.
 */
export interface EventEnergies {
  /** V_read² · t_read: array energy per siemens of conductance read (J/S). */
  readonly readEnergyPerSiemens: ExplainTerm;
  /** Array energy of one programmed cell read at mid-range conductance (J). */
  readonly readEnergyPerCell: ExplainTerm;
  /** Array energy of one pruned position on an activated row (0 when unformed) (J). */
  readonly prunedReadEnergyPerCell: ExplainTerm;
  /** Row driver energy per row activation: DAC + row-wire charging (J). */
  readonly driverEnergyPerRow: ExplainTerm;
  /** Column sense energy: one ADC conversion or one IF-circuit read (J). */
  readonly senseEnergyPerColumn: ExplainTerm;
  /** One partial-sum merge (digital add) (J). */
  readonly mergeEnergy: ExplainTerm;
  /** One digital LIF update of an E or I neuron (J). */
  readonly neuronUpdateEnergy: ExplainTerm;
  /** Lateral inhibition of one E spike: its I neuron's spike added into the N − 1 other E neurons (J). */
  readonly inhibitionEnergyPerSpike: ExplainTerm;
  /** One partial-sum packet sent to a neuron's home tile over the interconnect (J). */
  readonly partialSumPacketEnergy: ExplainTerm;
  /** One input spike written into a tile row's input buffer, plus its delay-buffer shifts (J). */
  readonly spikeBufferEnergy: ExplainTerm;
  /** One column sensed through the column mux (0 without a mux) (J). */
  readonly columnMuxEnergy: ExplainTerm;
  /** One spike routed between tiles (J). */
  readonly routingEnergyPerSpike: ExplainTerm;
  /** V_w² · t_pulse · pulsesPerLevel: write energy per siemens per level step (J/S). */
  readonly writeEnergyPerStepSiemens: ExplainTerm;
  /** Write energy of one level step at mid-range conductance (J). */
  readonly writeEnergyPerLevelStep: ExplainTerm;
  /** Column (bit-line) charging per cell write (J). */
  readonly writeColumnChargeEnergy: ExplainTerm;
  /** Periphery (and SRAM cell) leakage power of all tiles (W). */
  readonly leakagePower: ExplainTerm;
  /** The device and crossbar these energies were computed for. */
  readonly deviceName: string;
  readonly crossbarName: string;
  readonly tiles: number;
  readonly prunedPositions: 'unformed' | 'gmin';
}

/**
 * Per-event energies of `device` in a `crossbar` tile (hardware.md's event-driven accounting):
 *
 *   array read      E = V_read² · G · t_read per cell read (G: programmed cell; G_min or 0 for pruned)
 *   driver          E = E_DAC + C_row · V_read²,  C_row = c_wire · C · pitch_cell
 *   column sense    E = E_ADC(b) per conversion, or E_IF per neuron-circuit read
 *   merge           E = E_add;  LIF update  E = E_LIF (SpikeSim, node-scaled);  inhibition  E = (N − 1) · E_add per E spike
 *   column mux      E = E_TG per column sensed through a mux (m > 1)
 *   spike buffers   E = (1 + D_fifo) · E_bit per input spike arriving at a tile row
 *   routing         E = bits · c_wire · pitch_tile · Vdd² · hops,  hops = max(1, ⅔·√T)
 *   write           E = V_w² · (G_before + G_after)/2 · t_pulse · pulses  (+ C_col · V_w² per write)
 *   leakage         P = A_CMOS · p_leak + T · N_SRAM-transistors · ½ · Vdd · I_off · W_min
 */
export function eventEnergies(device: DeviceModel, crossbar: CrossbarSpec, options: EventEnergiesOptions = {}): EventEnergies {
  const tiles = options.tiles ?? 1;
  if (!Number.isInteger(tiles) || tiles < 1) throw new XsnnError(`eventEnergies: tiles must be a whole number >= 1, got ${tiles}`);
  const ctx = energyContext(device, crossbar);
  const read = readEnergies(ctx);
  const driverEnergyPerRow = driverEnergy(ctx);
  const { senseEnergyPerColumn, columnMux } = senseEnergies(ctx);
  const digital = digitalEnergies(ctx, options.neurons ?? crossbar.logicalCols);
  const area1 = areaOf({ tiles: 1 }, device, crossbar);
  const routingEnergyPerSpike = routingEnergy(ctx, area1.tilePitchM, tiles);
  const partialSumPacketEnergy = explainTerm({
    ...routingEnergyPerSpike,
    name: 'partialSumPacketEnergy',
    source: `${routingEnergyPerSpike.source}; a partial sum travels as one packet`,
    parts: [routingEnergyPerSpike],
  });
  const spikeBufferEnergy = bufferEnergy(ctx, options.maxDelay ?? 0, options.fifoDepth);
  const writes = writeEnergies(ctx);
  const area = options.area ?? areaOf({ tiles }, device, crossbar);
  const leakagePower = leakagePowerOf(ctx, area, tiles);
  return {
    ...read,
    driverEnergyPerRow,
    senseEnergyPerColumn,
    ...digital,
    routingEnergyPerSpike,
    partialSumPacketEnergy,
    spikeBufferEnergy,
    columnMuxEnergy: columnMux,
    ...writes,
    leakagePower,
    deviceName: device.name,
    crossbarName: crossbar.name,
    tiles,
    prunedPositions: device.prunedPositions,
  };
}

/** What every energy step reads. */
interface EnergyContext {
  readonly device: DeviceModel;
  readonly crossbar: CrossbarSpec;
  readonly F: number;
  readonly devSrc: string;
  readonly V: number;
  readonly t: number;
  readonly gMid: number;
  readonly cellPitchM: number;
  readonly cWire: number;
}

function energyContext(device: DeviceModel, crossbar: CrossbarSpec): EnergyContext {
  const F = crossbar.nodeM;
  return {
    device,
    crossbar,
    F,
    devSrc: `device '${device.name}': ${device.source}`,
    V: device.readVoltageV,
    t: device.readPulseS,
    gMid: (device.gMinS + device.gMaxS) / 2,
    cellPitchM: Math.sqrt(device.cellAreaF2) * F,
    cWire: PERIPHERAL_FIGURES.wireCapacitanceFPerM,
  };
}

function readEnergies(c: EnergyContext): Pick<EventEnergies, 'readEnergyPerSiemens' | 'readEnergyPerCell' | 'prunedReadEnergyPerCell'> {
  const { device, devSrc, V, t } = c;
  const readEnergyPerSiemens = explainTerm({
    name: 'readEnergyPerSiemens',
    valueSI: V * V * t,
    unit: 'J/S',
    formula: 'V_read² · t_read',
    inputs: [input('V_read', V, 'V', devSrc), input('t_read', t, 's', devSrc)],
    source: 'docs/hardware.md: array energy = V_read² · Σ G · t_read',
  });
  const readEnergyPerCell = explainTerm({
    name: 'readEnergyPerCell',
    valueSI: V * V * c.gMid * t,
    unit: 'J',
    formula: 'V_read² · (G_min + G_max)/2 · t_read',
    inputs: [
      input('V_read', V, 'V', devSrc),
      input('G_min', device.gMinS, 'S', devSrc),
      input('G_max', device.gMaxS, 'S', devSrc),
      input('t_read', t, 's', devSrc),
    ],
    source: 'docs/hardware.md; mid-range G stands in when the simulation does not sum the read conductances',
  });
  const gPruned = device.prunedPositions === 'gmin' ? device.gMinS : 0;
  const prunedReadEnergyPerCell = explainTerm({
    name: 'prunedReadEnergyPerCell',
    valueSI: V * V * gPruned * t,
    unit: 'J',
    formula: 'V_read² · G_pruned · t_read',
    inputs: [
      input('V_read', V, 'V', devSrc),
      input(
        `G_pruned (${device.prunedPositions})`,
        gPruned,
        'S',
        `device prunedPositions: ${device.prunedPositions === 'gmin' ? 'cells sit at G_min' : 'unformed cells carry no current'}`,
      ),
      input('t_read', t, 's', devSrc),
    ],
    source: 'docs/hardware.md (pruned positions at G_min or unformed, a device option)',
  });
  return { readEnergyPerSiemens, readEnergyPerCell, prunedReadEnergyPerCell };
}

function driverEnergy(c: EnergyContext): ExplainTerm {
  const dac = dac1b(c.F, c.t).energy;
  const cRow = c.cWire * c.crossbar.cols * c.cellPitchM;
  return explainTerm({
    name: 'driverEnergyPerRow',
    valueSI: dac.valueSI + cRow * c.V * c.V,
    unit: 'J',
    formula: 'E_DAC + c_wire · C · pitch_cell · V_read²',
    inputs: [
      input('E_DAC', dac.valueSI, 'J', dac.source),
      input('c_wire', c.cWire, 'F/m', PERIPHERAL_FIGURES.wireSource),
      input('C (columns)', c.crossbar.cols, '1', `crossbar '${c.crossbar.name}'`),
      input('pitch_cell = √cellAreaF2 · F', c.cellPitchM, 'm', 'xsnn assumption: square cell'),
      input('V_read', c.V, 'V', c.devSrc),
    ],
    source: 'row driver = 1-bit DAC (ISAAC) + charging the row wire',
    parts: [dac],
  });
}

function senseEnergies(c: EnergyContext): { senseEnergyPerColumn: ExplainTerm; columnMux: ExplainTerm } {
  const p = c.crossbar.periphery;
  const F = c.F;
  const sense = p.kind === 'adc' ? (p.model === 'isaac' ? isaacAdc(F).energy : sarAdcEnergy(p.bits, F)) : ifNeuron(F).energy;
  const m = p.kind === 'adc' ? p.columnsPerAdc : p.columnsPerCircuit;
  const mux = columnMuxEnergy(F);
  const columnMux = explainTerm({
    name: 'columnMuxEnergy',
    valueSI: m > 1 ? mux.valueSI : 0,
    unit: 'J',
    formula: m > 1 ? 'E_TG (one transmission gate switched per column sensed)' : '0 (no column mux, m = 1)',
    inputs: [input('m', m, '1', `crossbar '${c.crossbar.name}' periphery`), input('E_TG', mux.valueSI, 'J', mux.source)],
    source: mux.source,
    parts: [mux],
  });
  return { senseEnergyPerColumn: explainTerm({ ...sense, name: 'senseEnergyPerColumn', parts: [sense] }), columnMux };
}

function digitalEnergies(c: EnergyContext, neurons: number): Pick<EventEnergies, 'mergeEnergy' | 'neuronUpdateEnergy' | 'inhibitionEnergyPerSpike'> {
  const add = partialSumAdder(c.F).energy;
  const mergeEnergy = explainTerm({
    name: 'mergeEnergy',
    valueSI: add.valueSI,
    unit: 'J',
    formula: 'E_add',
    inputs: [input('E_add', add.valueSI, 'J', add.source)],
    source: 'one digital add per partial sum merged',
    parts: [add],
  });
  const lif = lifUpdateEnergy(c.crossbar);
  const neuronUpdateEnergy = explainTerm({ ...lif, name: 'neuronUpdateEnergy', parts: [lif] });
  const inhibitionEnergyPerSpike = explainTerm({
    name: 'inhibitionEnergyPerSpike',
    valueSI: Math.max(0, neurons - 1) * add.valueSI,
    unit: 'J',
    formula: '(N − 1) · E_add',
    inputs: [input('N', neurons, '1', 'network'), input('E_add', add.valueSI, 'J', add.source)],
    source:
      'Diehl & Cook lateral inhibition: an E spike makes its I neuron fire (w_EI = 10.4), whose spike adds w_IE into the g_i of the N − 1 other E neurons',
    parts: [add],
  });
  return { mergeEnergy, neuronUpdateEnergy, inhibitionEnergyPerSpike };
}

function routingEnergy(c: EnergyContext, tilePitchM: number, tiles: number): ExplainTerm {
  const fig = PERIPHERAL_FIGURES;
  const vdd = vddAt(c.F);
  const hops = Math.max(1, (2 / 3) * Math.sqrt(tiles));
  return explainTerm({
    name: 'routingEnergyPerSpike',
    valueSI: fig.packetBits * c.cWire * tilePitchM * vdd * vdd * hops,
    unit: 'J',
    formula: 'bits · c_wire · pitch_tile · Vdd² · hops,  hops = max(1, ⅔·√T)',
    inputs: [
      input('bits', fig.packetBits, '1', 'xsnn assumption: 16-bit AER spike address'),
      input('c_wire', c.cWire, 'F/m', fig.wireSource),
      input('pitch_tile', tilePitchM, 'm', 'areaOf: √(tile area without interconnect)'),
      input('Vdd', vdd, 'V', VDD_SOURCE),
      input('T', tiles, '1', 'mapping'),
      input('hops', hops, '1', 'xsnn assumption: mean Manhattan distance ⅔·√T on a √T×√T tile mesh'),
    ],
    source: 'xsnn assumption: full-swing wire charging per bit and hop; router logic not modelled (an underestimate)',
  });
}

function bufferEnergy(c: EnergyContext, maxDelay: number, fifoDepth: number | undefined): ExplainTerm {
  const bit = dffBitEnergy(c.F);
  const impl = c.crossbar.delays.implementation;
  if (fifoDepth !== undefined && !(fifoDepth >= 0 && fifoDepth <= Math.max(maxDelay, 0)))
    throw new XsnnError(`eventEnergies: fifoDepth must be a number in 0..maxDelay (${maxDelay}), got ${fifoDepth}`);
  const shifts = impl === 'fifo' ? (fifoDepth ?? maxDelay) : 0;
  return explainTerm({
    name: 'spikeBufferEnergy',
    valueSI: (1 + shifts) * bit.valueSI,
    unit: 'J',
    formula:
      fifoDepth !== undefined && impl === 'fifo'
        ? '(1 + D_fifo) · E_bit,  D_fifo = mean depth d of the row FIFOs the input spikes were written into'
        : '(1 + D_fifo) · E_bit,  D_fifo = maxDelay with fifo delay buffers, else 0',
    inputs: [
      input('E_bit', bit.valueSI, 'J', bit.source),
      input(
        `D_fifo (delays: ${impl})`,
        shifts,
        '1',
        fifoDepth !== undefined && impl === 'fifo'
          ? 'co-simulation: Σ d / spikes written over the spikes entering the FIFO of a row of delay d (shifted d times)'
          : 'a buffered spike is shifted once per step until its last delay group is due',
      ),
    ],
    source: 'one input-register bit written per spike arriving at a tile row, plus the FIFO shifts (docs/timing.md)',
    parts: [bit],
  });
}

function writeEnergies(c: EnergyContext): Pick<EventEnergies, 'writeEnergyPerStepSiemens' | 'writeEnergyPerLevelStep' | 'writeColumnChargeEnergy'> {
  const { device, devSrc } = c;
  const Vw = device.writeVoltageV;
  const tw = device.writePulseS;
  const pulses = device.pulsesPerLevel;
  const writeEnergyPerStepSiemens = explainTerm({
    name: 'writeEnergyPerStepSiemens',
    valueSI: Vw * Vw * tw * pulses,
    unit: 'J/S',
    formula: 'V_w² · t_pulse · pulsesPerLevel',
    inputs: [input('V_w', Vw, 'V', devSrc), input('t_pulse', tw, 's', devSrc), input('pulsesPerLevel', pulses, '1', devSrc)],
    source: 'docs/hardware.md: E = V_w² · (G_before + G_after)/2 · t_pulse · pulses (NeuroSim Cell.cpp WriteEnergyCalculation, 1T1R)',
  });
  const writeEnergyPerLevelStep = explainTerm({
    name: 'writeEnergyPerLevelStep',
    valueSI: Vw * Vw * c.gMid * tw * pulses,
    unit: 'J',
    formula: 'V_w² · (G_min + G_max)/2 · t_pulse · pulsesPerLevel',
    inputs: [
      input('V_w', Vw, 'V', devSrc),
      input('G_min', device.gMinS, 'S', devSrc),
      input('G_max', device.gMaxS, 'S', devSrc),
      input('t_pulse', tw, 's', devSrc),
      input('pulsesPerLevel', pulses, '1', devSrc),
    ],
    source: 'docs/hardware.md write formula with mid-range G (used when the simulation does not sum (G_before+G_after)/2)',
  });
  const cCol = c.cWire * c.crossbar.rows * c.cellPitchM;
  const writeColumnChargeEnergy = explainTerm({
    name: 'writeColumnChargeEnergy',
    valueSI: cCol * Vw * Vw,
    unit: 'J',
    formula: 'c_wire · R · pitch_cell · V_w²',
    inputs: [
      input('c_wire', c.cWire, 'F/m', PERIPHERAL_FIGURES.wireSource),
      input('R (rows)', c.crossbar.rows, '1', `crossbar '${c.crossbar.name}'`),
      input('pitch_cell', c.cellPitchM, 'm', 'xsnn assumption: square cell'),
      input('V_w', Vw, 'V', devSrc),
    ],
    source: 'NeuroSim Cell.cpp: writeEnergy += V_w² · wireCapCol per write (column charging)',
  });
  return { writeEnergyPerStepSiemens, writeEnergyPerLevelStep, writeColumnChargeEnergy };
}

function leakagePowerOf(c: EnergyContext, area: AreaReport, tiles: number): ExplainTerm {
  const fig = PERIPHERAL_FIGURES;
  const F = c.F;
  const vdd = vddAt(F);
  const pLeak = leakagePowerDensity(F);
  const cmos = area.totalM2 - area.breakdownM2.array - area.breakdownM2.interconnect;
  const sramTransistors = c.device.cellType === 'SRAM' ? c.crossbar.rows * c.crossbar.cols * c.device.cellTransistors : 0;
  const perTransistorW = 0.5 * vdd * fig.offCurrentAPerM * fig.minTransistorWidthF * F;
  return explainTerm({
    name: 'leakagePower',
    valueSI: cmos * pLeak.valueSI + tiles * sramTransistors * perTransistorW,
    unit: 'W',
    formula: 'A_CMOS · p_leak + T · N_SRAM · ½ · Vdd · I_off · W_min,  A_CMOS = area − array − interconnect',
    inputs: [
      input('T', tiles, '1', 'mapping'),
      input('A_CMOS (all tiles and the neuron hardware)', cmos, 'm^2', 'areaOf: everything but array and interconnect'),
      input('p_leak', pLeak.valueSI, 'W/m^2', pLeak.source),
      input(
        'N_SRAM (transistors of SRAM cells per tile)',
        sramTransistors,
        '1',
        'R · C · cell transistors for SRAM cells; non-volatile cells hold no bias and do not leak',
      ),
      input('½ · Vdd · I_off · W_min', perTransistorW, 'W', fig.offCurrentSource),
    ],
    source: 'xsnn assumption (see p_leak); NeuroSim reports SAR ADC leakage as 0',
    parts: [pLeak],
  });
}

/** The per-event energies and the leakage power as a list (e.g. for `explain` or a report table). */
export function eventEnergyTerms(e: EventEnergies): ExplainTerm[] {
  return [
    e.readEnergyPerSiemens,
    e.readEnergyPerCell,
    e.prunedReadEnergyPerCell,
    e.driverEnergyPerRow,
    e.senseEnergyPerColumn,
    e.mergeEnergy,
    e.neuronUpdateEnergy,
    e.inhibitionEnergyPerSpike,
    e.routingEnergyPerSpike,
    e.partialSumPacketEnergy,
    e.spikeBufferEnergy,
    e.columnMuxEnergy,
    e.writeEnergyPerStepSiemens,
    e.writeEnergyPerLevelStep,
    e.writeColumnChargeEnergy,
    e.leakagePower,
  ];
}
