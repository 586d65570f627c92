import type { ExplainInput } from './ExplainTerm.js';
import { input } from './ExplainTerm.js';

/**
 * Supply voltage of the low-power CMOS roadmap at the nodes NeuroSim tabulates
 * (DNN+NeuroSim V1.3 Technology.cpp, PTM LP models): 65 nm 1.1 V, 45 nm 1.0 V,
 * 32 nm 0.9 V, 22 nm 0.85 V. Linear in F between them, clamped outside.
 */
export const VDD_TABLE: ReadonlyArray<readonly [nodeM: number, vddV: number]> = [
  [22e-9, 0.85],
  [32e-9, 0.9],
  [45e-9, 1.0],
  [65e-9, 1.1],
];

/** Source string of {@link VDD_TABLE}. */
export const VDD_SOURCE =
  'DNN+NeuroSim V1.3 Technology.cpp, PTM LP Vdd (65 nm 1.1 V, 45 nm 1.0 V, 32 nm 0.9 V, 22 nm 0.85 V); linear in F between, clamped outside (xsnn)';

/** Supply voltage at `nodeM` (see {@link VDD_TABLE}). */
export function vddAt(nodeM: number): number {
  const t = VDD_TABLE;
  if (nodeM <= t[0]![0]) return t[0]![1];
  for (let i = 1; i < t.length; i++) {
    const [f1, v1] = t[i]!;
    const [f0, v0] = t[i - 1]!;
    if (nodeM <= f1) return v0 + ((nodeM - f0) / (f1 - f0)) * (v1 - v0);
  }
  return t[t.length - 1]![1];
}

/** The stated scaling rules, quoted in every scaled term. */
export const SCALING_RULE = 'xsnn node scaling: area ∝ F², dynamic energy ∝ C·Vdd² with C ∝ F, i.e. E(F) = E(F₀)·(F/F₀)·(Vdd(F)/Vdd(F₀))²';

/** Area scaling factor (F/F₀)² from `fromNodeM` to `toNodeM`. */
export function areaScale(fromNodeM: number, toNodeM: number): number {
  return (toNodeM / fromNodeM) ** 2;
}

/** Dynamic-energy scaling factor (F/F₀)·(Vdd(F)/Vdd(F₀))². */
export function energyScale(fromNodeM: number, toNodeM: number): number {
  return (toNodeM / fromNodeM) * (vddAt(toNodeM) / vddAt(fromNodeM)) ** 2;
}

/** Inputs documenting a scaling step (source node, target node, factor). */
export function scalingInputs(kind: 'area' | 'energy', fromNodeM: number, toNodeM: number): ExplainInput[] {
  const factor = kind === 'area' ? areaScale(fromNodeM, toNodeM) : energyScale(fromNodeM, toNodeM);
  const out = [input('F0 (figure node)', fromNodeM, 'm', 'node of the published figure'), input('F (tile node)', toNodeM, 'm', 'crossbar spec')];
  out.push(input(`${kind} scale factor`, factor, '1', SCALING_RULE));
  if (kind === 'energy') out.push(input('Vdd(F0)', vddAt(fromNodeM), 'V', VDD_SOURCE), input('Vdd(F)', vddAt(toNodeM), 'V', VDD_SOURCE));
  return out;
}
