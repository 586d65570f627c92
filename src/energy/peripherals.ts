import { XsnnError } from '../config/XsnnError.js';
import { explainTerm, input, type ExplainTerm } from './ExplainTerm.js';
import { areaScale, energyScale, scalingInputs, vddAt, VDD_SOURCE } from './nodeScaling.js';

/**
 * The peripheral table: every figure the hardware model uses, with its node and
 * source. Functions below turn them into {@link ExplainTerm}s at a tile's node.
 * "xsnn assumption" marks our own choices, with the reasoning.
 */
export const PERIPHERAL_FIGURES = {
  /**
   * NeuroSim SAR ADC area, evaluated at 4 b and 8 b (docs/hardware.md). NeuroSim's
   * `SarADC::CalculateUnitArea` is linear in the bit count (transistor count
   * 269+109(b−1) NMOS + 209+73(b−1) PMOS), so xsnn interpolates linearly between them.
   */
  sarAdcAreaUm2: {
    32: { b4: 223, b8: 382 },
    22: { b4: 105, b8: 180 },
  },
  sarAdcAreaSource:
    'NeuroSim SarADC model evaluated at 32 nm (4 b 223 um², 5 b 263 um², 8 b 382 um²) and 22 nm (4 b 105, 5 b 124, 8 b 180 um²), docs/hardware.md; linear in bits as DNN+NeuroSim V1.3 SarADC.cpp CalculateUnitArea',
  /**
   * NeuroSim SAR ADC power fit, LP roadmap (DNN+NeuroSim V1.3 SarADC.cpp,
   * GetColumnPower): P = (a·b + c) µW + column-current term; E = P·(b+1) ns.
   * xsnn keeps the a·b + c part: the column current is charged in the array
   * read energy (V²·G·t), so counting it again here would double count.
   */
  sarAdcPowerLP: {
    65: { a: 3.7506, c: 25.844 },
    45: { a: 2.1691, c: 16.693 },
    32: { a: 1.1294, c: 8.8998 },
    22: { a: 0.538, c: 4.3753 },
  },
  sarAdcPowerSource:
    'DNN+NeuroSim V1.3 SarADC.cpp GetColumnPower, LP roadmap: P = (a·b + c) uW (column-current term excluded, see array energy); E = P·(b+1) ns, latency (b+1) ns. Reproduces hardware.md: 32 nm 4/5/8 b = 67.1/87.3/161.4 fJ, 22 nm 32.6/42.4/78.1 fJ',
  isaacAdc: { nodeM: 32e-9, areaUm2: 1200, powerW: 2e-3, sampleRateHz: 1.28e9, bits: 8 },
  isaacAdcSource:
    'ISAAC (Shafiee et al., ISCA 2016), as used by PUMA: 8-bit ADC, 1.28 GS/s, 1200 um², 2 mW at 32 nm (docs/hardware.md); energy/sample = P / f = 1.5625 pJ',
  dac1b: { nodeM: 32e-9, areaUm2: 0.167, powerW: 3.9e-6 },
  dac1bSource: 'ISAAC 1-bit DAC: 0.167 um², 3.9 uW at 32 nm (docs/hardware.md)',
  ifNeuron: { energyNodeM: 65e-9, energyPerReadJ: 1.346e-12, areaNodeM: 32e-9, areaUm2: 15.7 },
  ifNeuronSource:
    'NeuroSim V3.0 ReadCircuit (integrate-and-fire neuron per column): 1.346 pJ per read (65 nm SPICE), 15.7 um² at 32 nm (counter) (docs/hardware.md)',
  /** ISAAC S+A: 4 units 0.2 mW, 0.00024 mm² at 32 nm → 0.05 mW and 60 µm² per unit. */
  shiftAdd: { nodeM: 32e-9, areaUm2: 60, powerW: 0.05e-3, opRateHz: 1.28e9 },
  shiftAddSource:
    'ISAAC shift-and-add unit (4 per IMA: 0.2 mW, 0.00024 mm² at 32 nm) → 60 um², 0.05 mW each; xsnn assumption: one add per ADC sample period (1/1.28 GHz), so E/add = 0.05 mW / 1.28 GHz = 39.06 fJ',
  /** xsnn assumption: a digital LIF update (integrate/leak + threshold compare) costs two adds. */
  neuronUpdateAdds: 2,
  /** On-chip wire capacitance per length, NeuroSim's 0.2 fF/µm. */
  wireCapacitanceFPerM: 0.2e-15 / 1e-6,
  wireSource: 'NeuroSim wire capacitance 0.2 fF/um (DNN+NeuroSim SubArray.cpp: capBL = lengthCol * 0.2e-15/1e-6)',
  /** xsnn assumption: metal pitch of a routing wire, in F. */
  wirePitchF: 4,
  /** xsnn assumption: bits of a spike packet (AER address) routed between tiles. */
  packetBits: 16,
  /** LP off-current per width (A/m) at 300 K, PTM LP 22–65 nm. */
  offCurrentAPerM: 100e-6,
  offCurrentSource: 'DNN+NeuroSim V1.3 Technology.cpp, PTM LP: currentOffNmos at 300 K ≈ 100 pA/um (22, 32, 45, 65 nm)',
  /** DNN+NeuroSim constant.h MIN_NMOS_SIZE = 2 (minimum transistor width in F). */
  minTransistorWidthF: 2,
  /** Transistors of a SAR ADC of b bits (NeuroSim CalculateUnitArea): used to derive a transistor density. */
  sarTransistors: (bits: number): number => 269 + 109 * (bits - 1) + 209 + 73 * (bits - 1),
  /** xsnn assumption: a static D flip-flop has 24 transistors (transmission-gate master–slave). */
  dffTransistors: 24,
} as const;

const F = PERIPHERAL_FIGURES;
const UM2 = 1e-12;

function nearestTabulated<T>(table: Record<number, T>, nodeM: number): { nodeNm: number; value: T } {
  let best: number | undefined;
  for (const key of Object.keys(table)) {
    const nm = Number(key);
    if (best === undefined || Math.abs(nm * 1e-9 - nodeM) < Math.abs(best * 1e-9 - nodeM)) best = nm;
  }
  return { nodeNm: best!, value: table[best!]! };
}

function isTabulated(nodeNm: number, nodeM: number): boolean {
  return Math.abs(nodeNm * 1e-9 - nodeM) < 1e-12;
}

/** Area of one NeuroSim SAR ADC of `bits` at `nodeM` (m²). */
export function sarAdcArea(bits: number, nodeM: number): ExplainTerm {
  if (!Number.isInteger(bits) || bits < 1) throw new XsnnError(`sarAdcArea: bits must be a whole number >= 1, got ${bits}`);
  const { nodeNm, value } = nearestTabulated(F.sarAdcAreaUm2, nodeM);
  const slope = (value.b8 - value.b4) / 4;
  const atNode = (value.b4 + (bits - 4) * slope) * UM2;
  const scale = areaScale(nodeNm * 1e-9, nodeM);
  const inputs = [
    input('A(4 b)', value.b4 * UM2, 'm^2', F.sarAdcAreaSource),
    input('A(8 b)', value.b8 * UM2, 'm^2', F.sarAdcAreaSource),
    input('b', bits, '1', 'crossbar spec periphery.bits'),
  ];
  if (!isTabulated(nodeNm, nodeM)) inputs.push(...scalingInputs('area', nodeNm * 1e-9, nodeM));
  return explainTerm({
    name: 'sarAdcArea',
    valueSI: atNode * scale,
    unit: 'm^2',
    formula: `A = A(4 b) + (b − 4)·(A(8 b) − A(4 b))/4${isTabulated(nodeNm, nodeM) ? '' : ' × area scale factor'}`,
    inputs,
    source: F.sarAdcAreaSource,
  });
}

/** Energy of one NeuroSim SAR ADC conversion of `bits` at `nodeM` (J), E = (a·b + c)·(b + 1) ns. */
export function sarAdcEnergy(bits: number, nodeM: number): ExplainTerm {
  if (!Number.isInteger(bits) || bits < 1) throw new XsnnError(`sarAdcEnergy: bits must be a whole number >= 1, got ${bits}`);
  const { nodeNm, value } = nearestTabulated(F.sarAdcPowerLP, nodeM);
  const powerW = (value.a * bits + value.c) * 1e-6;
  const latencyS = (bits + 1) * 1e-9;
  const scale = energyScale(nodeNm * 1e-9, nodeM);
  const inputs = [
    input('a', value.a * 1e-6, 'W', `${F.sarAdcPowerSource} (${nodeNm} nm)`),
    input('c', value.c * 1e-6, 'W', `${F.sarAdcPowerSource} (${nodeNm} nm)`),
    input('b', bits, '1', 'crossbar spec periphery.bits'),
    input('t_conv = (b+1) ns', latencyS, 's', 'DNN+NeuroSim V1.3 SarADC.cpp CalculateLatency'),
  ];
  if (!isTabulated(nodeNm, nodeM)) inputs.push(...scalingInputs('energy', nodeNm * 1e-9, nodeM));
  return explainTerm({
    name: 'sarAdcEnergyPerConversion',
    valueSI: powerW * latencyS * scale,
    unit: 'J',
    formula: `E = (a·b + c)·t_conv${isTabulated(nodeNm, nodeM) ? '' : ' × energy scale factor'}`,
    inputs,
    source: F.sarAdcPowerSource,
  });
}

/** SAR ADC conversion latency (b + 1) ns (NeuroSim). */
export function sarAdcLatencyS(bits: number): number {
  return (bits + 1) * 1e-9;
}

/** ISAAC's 8-bit ADC: area and energy per sample at `nodeM`. */
export function isaacAdc(nodeM: number): { area: ExplainTerm; energy: ExplainTerm } {
  const f = F.isaacAdc;
  const same = Math.abs(f.nodeM - nodeM) < 1e-12;
  return {
    area: explainTerm({
      name: 'isaacAdcArea',
      valueSI: f.areaUm2 * UM2 * areaScale(f.nodeM, nodeM),
      unit: 'm^2',
      formula: same ? 'A = A_ISAAC' : 'A = A_ISAAC × area scale factor',
      inputs: [input('A_ISAAC', f.areaUm2 * UM2, 'm^2', F.isaacAdcSource), ...(same ? [] : scalingInputs('area', f.nodeM, nodeM))],
      source: F.isaacAdcSource,
    }),
    energy: explainTerm({
      name: 'isaacAdcEnergyPerSample',
      valueSI: (f.powerW / f.sampleRateHz) * energyScale(f.nodeM, nodeM),
      unit: 'J',
      formula: same ? 'E = P / f_s' : 'E = P / f_s × energy scale factor',
      inputs: [
        input('P', f.powerW, 'W', F.isaacAdcSource),
        input('f_s', f.sampleRateHz, 'Hz', F.isaacAdcSource),
        ...(same ? [] : scalingInputs('energy', f.nodeM, nodeM)),
      ],
      source: F.isaacAdcSource,
    }),
  };
}

/** The integrate-and-fire column circuit: area and energy per read at `nodeM` (65 nm energy scaled by the stated rule). */
export function ifNeuron(nodeM: number): { area: ExplainTerm; energy: ExplainTerm } {
  const f = F.ifNeuron;
  return {
    area: explainTerm({
      name: 'ifNeuronArea',
      valueSI: f.areaUm2 * UM2 * areaScale(f.areaNodeM, nodeM),
      unit: 'm^2',
      formula: 'A = A_IF(32 nm) × area scale factor',
      inputs: [input('A_IF(32 nm)', f.areaUm2 * UM2, 'm^2', F.ifNeuronSource), ...scalingInputs('area', f.areaNodeM, nodeM)],
      source: F.ifNeuronSource,
    }),
    energy: explainTerm({
      name: 'ifNeuronEnergyPerRead',
      valueSI: f.energyPerReadJ * energyScale(f.energyNodeM, nodeM),
      unit: 'J',
      formula: 'E = E_IF(65 nm) × energy scale factor (NeuroSim quotes the 65 nm figure unscaled; xsnn scales it)',
      inputs: [input('E_IF(65 nm)', f.energyPerReadJ, 'J', F.ifNeuronSource), ...scalingInputs('energy', f.energyNodeM, nodeM)],
      source: F.ifNeuronSource,
    }),
  };
}

/** The 1-bit DAC (row driver input stage): area, and energy per activation = P·t_read. */
export function dac1b(nodeM: number, readPulseS: number): { area: ExplainTerm; energy: ExplainTerm } {
  const f = F.dac1b;
  return {
    area: explainTerm({
      name: 'dacArea',
      valueSI: f.areaUm2 * UM2 * areaScale(f.nodeM, nodeM),
      unit: 'm^2',
      formula: 'A = A_DAC(32 nm) × area scale factor',
      inputs: [input('A_DAC(32 nm)', f.areaUm2 * UM2, 'm^2', F.dac1bSource), ...scalingInputs('area', f.nodeM, nodeM)],
      source: F.dac1bSource,
    }),
    energy: explainTerm({
      name: 'dacEnergyPerActivation',
      valueSI: f.powerW * readPulseS * energyScale(f.nodeM, nodeM),
      unit: 'J',
      formula: 'E = P_DAC · t_read × energy scale factor (xsnn assumption: the DAC draws its power only while the read pulse is applied)',
      inputs: [input('P_DAC', f.powerW, 'W', F.dac1bSource), input('t_read', readPulseS, 's', 'device read.pulse'), ...scalingInputs('energy', f.nodeM, nodeM)],
      source: F.dac1bSource,
    }),
  };
}

/** The digital adder used for partial-sum merges and shift-add: area and energy per add. */
export function partialSumAdder(nodeM: number): { area: ExplainTerm; energy: ExplainTerm } {
  const f = F.shiftAdd;
  return {
    area: explainTerm({
      name: 'adderArea',
      valueSI: f.areaUm2 * UM2 * areaScale(f.nodeM, nodeM),
      unit: 'm^2',
      formula: 'A = A_S+A(32 nm) × area scale factor',
      inputs: [input('A_S+A(32 nm)', f.areaUm2 * UM2, 'm^2', F.shiftAddSource), ...scalingInputs('area', f.nodeM, nodeM)],
      source: F.shiftAddSource,
    }),
    energy: explainTerm({
      name: 'adderEnergyPerAdd',
      valueSI: (f.powerW / f.opRateHz) * energyScale(f.nodeM, nodeM),
      unit: 'J',
      formula: 'E = P_S+A / f_op × energy scale factor',
      inputs: [input('P_S+A', f.powerW, 'W', F.shiftAddSource), input('f_op', f.opRateHz, 'Hz', F.shiftAddSource), ...scalingInputs('energy', f.nodeM, nodeM)],
      source: F.shiftAddSource,
    }),
  };
}

/**
 * Transistors per m² of CMOS periphery at `nodeM`, derived from NeuroSim's 5-bit
 * SAR ADC (its transistor count over its area), scaled by 1/F².
 */
export function transistorDensityPerM2(nodeM: number): ExplainTerm {
  const n = F.sarTransistors(5);
  const a = sarAdcArea(5, 32e-9).valueSI;
  const density = n / a / areaScale(32e-9, nodeM);
  return explainTerm({
    name: 'transistorDensity',
    valueSI: density,
    unit: '1/m^2',
    formula: 'ρ = N_SAR(5 b) / A_SAR(5 b, 32 nm) / area scale factor',
    inputs: [
      input('N_SAR(5 b) = 269+109·4 + 209+73·4', n, '1', 'DNN+NeuroSim V1.3 SarADC.cpp CalculateUnitArea transistor multipliers'),
      input('A_SAR(5 b, 32 nm)', a, 'm^2', F.sarAdcAreaSource),
      ...scalingInputs('area', 32e-9, nodeM),
    ],
    source: "xsnn assumption: periphery transistor density equals that of NeuroSim's SAR ADC layout",
  });
}

/** Static leakage power per m² of CMOS periphery: ρ·½·Vdd·I_off·W_min (half the transistors off). */
export function leakagePowerDensity(nodeM: number): ExplainTerm {
  const rho = transistorDensityPerM2(nodeM);
  const vdd = vddAt(nodeM);
  const wMin = F.minTransistorWidthF * nodeM;
  return explainTerm({
    name: 'leakagePowerDensity',
    valueSI: rho.valueSI * 0.5 * vdd * F.offCurrentAPerM * wMin,
    unit: 'W/m^2',
    formula: 'p_leak = ρ · ½ · Vdd · I_off · W_min',
    inputs: [
      input('ρ (transistor density)', rho.valueSI, '1/m^2', rho.source),
      input('Vdd', vdd, 'V', VDD_SOURCE),
      input('I_off', F.offCurrentAPerM, 'A/m', F.offCurrentSource),
      input('W_min = 2F', wMin, 'm', 'DNN+NeuroSim constant.h MIN_NMOS_SIZE 2'),
    ],
    source: 'xsnn assumption: subthreshold leakage of the periphery, half of its transistors off at any time; NeuroSim reports SAR ADC leakage as 0',
    parts: [rho],
  });
}

/** Area of one D flip-flop (spike I/O register bit) at `nodeM`: N_DFF / ρ. */
export function dffArea(nodeM: number): ExplainTerm {
  const rho = transistorDensityPerM2(nodeM);
  return explainTerm({
    name: 'dffArea',
    valueSI: F.dffTransistors / rho.valueSI,
    unit: 'm^2',
    formula: 'A_DFF = N_DFF / ρ',
    inputs: [input('N_DFF', F.dffTransistors, '1', 'xsnn assumption: 24-transistor master–slave flip-flop'), input('ρ', rho.valueSI, '1/m^2', rho.source)],
    source: 'xsnn assumption',
    parts: [rho],
  });
}
