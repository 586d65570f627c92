import { XsnnError } from '../config/XsnnError.js';
import type { CrossbarSpec } from '../crossbar/CrossbarSpec.js';
import type { DeviceModel } from '../devices/DeviceModel.js';
import { areaOf } from './areaOf.js';
import { explainTerm, input, type ExplainTerm } from './ExplainTerm.js';
import { vddAt, VDD_SOURCE } from './nodeScaling.js';
import { adder, dac1b, ifNeuron, isaacAdc, leakagePowerDensity, PERIPHERAL_FIGURES, sarAdcEnergy } from './peripherals.js';

/** Options of {@link eventEnergies}. */
export interface EventEnergiesOptions {
  /** Tiles of the design (routing distance and leakage scale with it). Default 1. */
  readonly tiles?: number;
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
  /** One digital neuron update (J). */
  readonly neuronUpdateEnergy: ExplainTerm;
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
 *   merge           E = E_add;  neuron update  E = 2 · E_add
 *   routing         E = bits · c_wire · pitch_tile · Vdd² · hops,  hops = max(1, ⅔·√T)
 *   write           E = V_w² · (G_before + G_after)/2 · t_pulse · pulses  (+ C_col · V_w² per write)
 *   leakage         P = T · (A_periph · p_leak + N_SRAM-transistors · ½ · Vdd · I_off · W_min)
 */
export function eventEnergies(device: DeviceModel, crossbar: CrossbarSpec, options: EventEnergiesOptions = {}): EventEnergies {
  const tiles = options.tiles ?? 1;
  if (!Number.isInteger(tiles) || tiles < 1) throw new XsnnError(`eventEnergies: tiles must be a whole number >= 1, got ${tiles}`);
  const fig = PERIPHERAL_FIGURES;
  const F = crossbar.nodeM;
  const devSrc = `device '${device.name}': ${device.source}`;
  const V = device.readVoltageV;
  const t = device.readPulseS;
  const gMid = (device.gMinS + device.gMaxS) / 2;
  const cellPitchM = Math.sqrt(device.cellAreaF2) * F;
  const cWire = fig.wireCapacitanceFPerM;

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
    valueSI: V * V * gMid * t,
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

  const dac = dac1b(F, t).energy;
  const cRow = cWire * crossbar.cols * cellPitchM;
  const driverEnergyPerRow = explainTerm({
    name: 'driverEnergyPerRow',
    valueSI: dac.valueSI + cRow * V * V,
    unit: 'J',
    formula: 'E_DAC + c_wire · C · pitch_cell · V_read²',
    inputs: [
      input('E_DAC', dac.valueSI, 'J', dac.source),
      input('c_wire', cWire, 'F/m', fig.wireSource),
      input('C (columns)', crossbar.cols, '1', `crossbar '${crossbar.name}'`),
      input('pitch_cell = √cellAreaF2 · F', cellPitchM, 'm', 'xsnn assumption: square cell'),
      input('V_read', V, 'V', devSrc),
    ],
    source: 'row driver = 1-bit DAC (ISAAC) + charging the row wire',
    parts: [dac],
  });

  const p = crossbar.periphery;
  const sense = p.kind === 'adc' ? (p.model === 'isaac' ? isaacAdc(F).energy : sarAdcEnergy(p.bits, F)) : ifNeuron(F).energy;
  const senseEnergyPerColumn = explainTerm({ ...sense, name: 'senseEnergyPerColumn', parts: [sense] });

  const add = adder(F).energy;
  const mergeEnergy = explainTerm({
    name: 'mergeEnergy',
    valueSI: add.valueSI,
    unit: 'J',
    formula: 'E_add',
    inputs: [input('E_add', add.valueSI, 'J', add.source)],
    source: 'one digital add per partial sum merged',
    parts: [add],
  });
  const neuronUpdateEnergy = explainTerm({
    name: 'neuronUpdateEnergy',
    valueSI: fig.neuronUpdateAdds * add.valueSI,
    unit: 'J',
    formula: 'n_adds · E_add',
    inputs: [
      input('n_adds', fig.neuronUpdateAdds, '1', 'xsnn assumption: integrate/leak + threshold compare = 2 adds'),
      input('E_add', add.valueSI, 'J', add.source),
    ],
    source: 'xsnn assumption: a digital LIF state update',
    parts: [add],
  });

  const area = areaOf({ tiles: 1 }, device, crossbar);
  const vdd = vddAt(F);
  const hops = Math.max(1, (2 / 3) * Math.sqrt(tiles));
  const routingEnergyPerSpike = explainTerm({
    name: 'routingEnergyPerSpike',
    valueSI: fig.packetBits * cWire * area.tilePitchM * vdd * vdd * hops,
    unit: 'J',
    formula: 'bits · c_wire · pitch_tile · Vdd² · hops,  hops = max(1, ⅔·√T)',
    inputs: [
      input('bits', fig.packetBits, '1', 'xsnn assumption: 16-bit AER spike address'),
      input('c_wire', cWire, 'F/m', fig.wireSource),
      input('pitch_tile', area.tilePitchM, 'm', 'areaOf: √(tile area without interconnect)'),
      input('Vdd', vdd, 'V', VDD_SOURCE),
      input('T', tiles, '1', 'mapping'),
      input('hops', hops, '1', 'xsnn assumption: mean Manhattan distance ⅔·√T on a √T×√T tile mesh'),
    ],
    source: 'xsnn assumption: full-swing wire charging per bit and hop; router logic not modelled (an underestimate)',
  });

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
    valueSI: Vw * Vw * gMid * tw * pulses,
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
  const cCol = cWire * crossbar.rows * cellPitchM;
  const writeColumnChargeEnergy = explainTerm({
    name: 'writeColumnChargeEnergy',
    valueSI: cCol * Vw * Vw,
    unit: 'J',
    formula: 'c_wire · R · pitch_cell · V_w²',
    inputs: [
      input('c_wire', cWire, 'F/m', fig.wireSource),
      input('R (rows)', crossbar.rows, '1', `crossbar '${crossbar.name}'`),
      input('pitch_cell', cellPitchM, 'm', 'xsnn assumption: square cell'),
      input('V_w', Vw, 'V', devSrc),
    ],
    source: 'NeuroSim Cell.cpp: writeEnergy += V_w² · wireCapCol per write (column charging)',
  });

  const pLeak = leakagePowerDensity(F);
  const sramTransistors = device.cellType === 'SRAM' ? crossbar.rows * crossbar.cols * device.cellTransistors : 0;
  const perTransistorW = 0.5 * vdd * fig.offCurrentAPerM * fig.minTransistorWidthF * F;
  const leakagePower = explainTerm({
    name: 'leakagePower',
    valueSI: tiles * (area.peripheryPerTileM2 * pLeak.valueSI + sramTransistors * perTransistorW),
    unit: 'W',
    formula: 'T · (A_periph · p_leak + N_SRAM · ½ · Vdd · I_off · W_min)',
    inputs: [
      input('T', tiles, '1', 'mapping'),
      input('A_periph (per tile)', area.peripheryPerTileM2, 'm^2', 'areaOf: everything but array and interconnect'),
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

  return {
    readEnergyPerSiemens,
    readEnergyPerCell,
    prunedReadEnergyPerCell,
    driverEnergyPerRow,
    senseEnergyPerColumn,
    mergeEnergy,
    neuronUpdateEnergy,
    routingEnergyPerSpike,
    writeEnergyPerStepSiemens,
    writeEnergyPerLevelStep,
    writeColumnChargeEnergy,
    leakagePower,
    deviceName: device.name,
    crossbarName: crossbar.name,
    tiles,
    prunedPositions: device.prunedPositions,
  };
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
    e.routingEnergyPerSpike,
    e.writeEnergyPerStepSiemens,
    e.writeEnergyPerLevelStep,
    e.writeColumnChargeEnergy,
    e.leakagePower,
  ];
}
