import type { CrossbarSpec } from '../crossbar/CrossbarSpec.js';
import type { DeviceModel } from '../devices/DeviceModel.js';
import { XsnnError } from '../config/XsnnError.js';
import { explainTerm, input, type ExplainTerm } from './ExplainTerm.js';
import { PERIPHERAL_FIGURES, sarAdcLatencyS } from './peripherals.js';

/** Options of {@link stepTiming}. */
export interface StepTimingOptions {
  /** Tiles of the design (partial-sum hop count). Default 1. */
  readonly tiles?: number;
  /** E neurons (as many I neurons are updated too). Default: the tile's logical columns. */
  readonly neurons?: number;
}

/**
 * The per-step time constants of the hardware (docs/timing.md), each an
 * {@link ExplainTerm}; the co-simulation multiplies them by its own per-step
 * counts (read cycles of the busiest tile, partial-sum packets of the busiest tile).
 */
export interface StepTiming {
  /** Row decode + drive of one read: rowDriveCycles / f_clk. */
  readonly rowDriveS: ExplainTerm;
  /** Column sensing of one read: m · β · t_conv (ADC) or m · (t_read + 1/f_clk) (IF). */
  readonly senseS: ExplainTerm;
  /** One read cycle of a tile: rowDriveS + senseS. */
  readonly cycleS: ExplainTerm;
  /** One partial-sum packet from a tile to a neuron's home tile: hops · cyclesPerHop / f_clk. */
  readonly packetS: ExplainTerm;
  /** Digital LIF updates of the E and I populations per step. */
  readonly neuronS: ExplainTerm;
  /** Lateral inhibition per step: the N-bit I-spike vector broadcast over the packet bus. */
  readonly inhibitionS: ExplainTerm;
  /** neuronS + inhibitionS: the per-step stage after the crossbars. */
  readonly postS: ExplainTerm;
}

/**
 * Time constants of a step on `crossbar` with `device`:
 *
 *   t_row   = rowDriveCycles / f_clk
 *   t_sense = m · β · t_conv            (ADC shared by m columns; t_conv = (b+1) ns, NeuroSim SarADC.cpp)
 *           = m · (t_read + 1/f_clk)     (IF circuit per m columns; MLP+NeuroSim V3.0 ReadCircuit)
 *   t_cycle = t_row + t_sense            (one read of a tile; the row is held through the m conversions)
 *   t_pkt   = hops · cyclesPerHop / f_clk,  hops = max(1, ⅔·√T)
 *   t_LIF   = ⌈2N / U⌉ · cyclesPerUpdate / f_LIF,  U = ⌈2N / neuronsPerUnit⌉ LIF units (E and I neurons)
 *   t_inh   = ⌈N / bits_packet⌉ / f_clk
 */
export function stepTiming(crossbar: CrossbarSpec, device: DeviceModel, options: StepTimingOptions = {}): StepTiming {
  const tiles = options.tiles ?? 1;
  const N = options.neurons ?? crossbar.logicalCols;
  if (!Number.isInteger(tiles) || tiles < 1) throw new XsnnError(`stepTiming: tiles must be a whole number >= 1, got ${tiles}`);
  if (!Number.isInteger(N) || N < 1) throw new XsnnError(`stepTiming: neurons must be a whole number >= 1, got ${N}`);
  const tm = crossbar.timing;
  const f = tm.clock;
  const src = `crossbar '${crossbar.name}' timing`;
  const rowDriveS = explainTerm({
    name: 'rowDriveTime',
    valueSI: tm.rowDriveCycles / f,
    unit: 's',
    formula: 'rowDriveCycles / f_clk',
    inputs: [
      input('rowDriveCycles', tm.rowDriveCycles, '1', `${src}.rowDriveCycles`),
      input('f_clk', f, 'Hz', `${src}.clock (DNN+NeuroSim V1.4 Param.cpp clkFreq = 1e9)`),
    ],
    source: 'xsnn assumption: row decode and drive complete within whole clock cycles (NeuroSim synchronous mode counts cycles)',
  });
  const senseS = senseTime(crossbar, device);
  const cycleS = inSequence(
    'readCycleTime',
    ['t_row', rowDriveS],
    ['t_sense', senseS],
    'docs/timing.md: one read of a tile = row drive, then the column sensing while the row is held',
  );
  const hops = Math.max(1, (2 / 3) * Math.sqrt(tiles));
  const packetS = explainTerm({
    name: 'partialSumPacketTime',
    valueSI: (hops * tm.cyclesPerHop) / f,
    unit: 's',
    formula: 'hops · cyclesPerHop / f_clk,  hops = max(1, ⅔·√T)',
    inputs: [
      input('T', tiles, '1', 'mapping'),
      input('hops', hops, '1', 'xsnn assumption: mean Manhattan distance ⅔·√T on a √T×√T tile mesh'),
      input('cyclesPerHop', tm.cyclesPerHop, '1', `${src}.cyclesPerHop`),
      input('f_clk', f, 'Hz', `${src}.clock`),
    ],
    source: 'xsnn assumption: a tile sends one partial-sum packet per clock; packets of one tile go one after another',
  });
  const nu = crossbar.neurons;
  const units = Math.ceil((2 * N) / nu.neuronsPerUnit);
  const perUnit = Math.ceil((2 * N) / units);
  const neuronS = explainTerm({
    name: 'neuronUpdateTime',
    valueSI: (perUnit * nu.cyclesPerUpdate) / nu.clock,
    unit: 's',
    formula: '⌈2N / U⌉ · cyclesPerUpdate / f_LIF,  U = ⌈2N / neuronsPerUnit⌉',
    inputs: [
      input('N (E neurons; as many I neurons)', N, '1', 'network'),
      input('U (LIF units)', units, '1', `crossbar '${crossbar.name}' neurons.neuronsPerUnit = ${nu.neuronsPerUnit}`),
      input('cyclesPerUpdate', nu.cyclesPerUpdate, '1', 'SpikeSim: 26 clock cycles per neuron and time step'),
      input('f_LIF', nu.clock, 'Hz', 'SpikeSim: 250 MHz'),
    ],
    source: 'every E and I neuron is updated every step (conductance-based LIF: v, g_e, g_i and θ decay every step); SpikeSim PE timing',
  });
  const bits = PERIPHERAL_FIGURES.packetBits;
  const inhibitionS = explainTerm({
    name: 'inhibitionTime',
    valueSI: Math.ceil(N / bits) / f,
    unit: 's',
    formula: '⌈N / bits_packet⌉ / f_clk',
    inputs: [input('N', N, '1', 'network'), input('bits_packet', bits, '1', 'xsnn assumption: 16-bit bus'), input('f_clk', f, 'Hz', `${src}.clock`)],
    source: 'xsnn assumption: the I spikes of a step are broadcast as an N-bit vector to every E neuron, whose next LIF update adds w_IE per spike',
  });
  const postS = inSequence(
    'postStageTime',
    ['t_LIF', neuronS],
    ['t_inh', inhibitionS],
    'docs/timing.md: the neuron and inhibition stages follow the busiest tile every step',
  );
  return { rowDriveS, senseS, cycleS, packetS, neuronS, inhibitionS, postS };
}

/** Column sensing time of one read (see {@link stepTiming}). */
function senseTime(crossbar: CrossbarSpec, device: DeviceModel): ExplainTerm {
  const p = crossbar.periphery;
  const tm = crossbar.timing;
  const src = `crossbar '${crossbar.name}'`;
  if (p.kind === 'adc') {
    const isaac = p.model === 'isaac';
    const tConv = isaac ? 1 / PERIPHERAL_FIGURES.isaacAdc.sampleRateHz : sarAdcLatencyS(p.bits);
    return explainTerm({
      name: 'senseTime',
      valueSI: p.columnsPerAdc * tm.calibration * tConv,
      unit: 's',
      formula: 'm · β · t_conv',
      inputs: [
        input('m (columns per ADC)', p.columnsPerAdc, '1', `${src} periphery.columnsPerAdc`),
        input('β', tm.calibration, '1', `${src} timing.calibration (DNN+NeuroSim V1.4 Param.cpp beta = 1.4, applied in SubArray.cpp CalculateLatency)`),
        input('t_conv', tConv, 's', isaac ? PERIPHERAL_FIGURES.isaacAdcSource : 'DNN+NeuroSim V1.4 SarADC.cpp CalculateLatency: (log2(levelOutput) + 1) ns'),
      ],
      source: 'DNN+NeuroSim V1.4 SubArray.cpp (conventionalParallel, synchronous): readLatencyADC = numColMuxed cycles of a β-calibrated sensing cycle',
    });
  }
  const m = p.columnsPerCircuit;
  return explainTerm({
    name: 'senseTime',
    valueSI: m * (device.readPulseS + 1 / tm.clock),
    unit: 's',
    formula: 'm · (t_read + 1/f_clk)',
    inputs: [
      input('m (columns per IF circuit)', m, '1', `${src} periphery.columnsPerCircuit`),
      input('t_read', device.readPulseS, 's', `device '${device.name}' read.pulse`),
      input('f_clk', tm.clock, 'Hz', `${src} timing.clock`),
    ],
    source: 'MLP+NeuroSim V3.0 ReadCircuit.cpp: an integrate-and-fire read lasts the read pulse plus one clock to latch the count; m columns share a circuit',
  });
}

/** The time of two stages one after the other, `a + b`, with both as its parts. */
function inSequence(name: string, [symA, a]: [string, ExplainTerm], [symB, b]: [string, ExplainTerm], source: string): ExplainTerm {
  return explainTerm({
    name,
    valueSI: a.valueSI + b.valueSI,
    unit: 's',
    formula: `${symA} + ${symB}`,
    inputs: [input(symA, a.valueSI, 's', a.source), input(symB, b.valueSI, 's', b.source)],
    source,
    parts: [a, b],
  });
}
