import { columnMuxArea } from '../../src/energy/hardwareBlocks.js';
import { describe, expect, it } from 'vitest';
import { ifNeuron, isaacAdc, neurosimCrossCheck, sarAdcArea, sarAdcEnergy } from '../../src/energy/index.js';

describe('NeuroSim cross-check (128x128 RRAM, 32 nm, 5-bit SAR ADC per 8 columns)', () => {
  const cc = neurosimCrossCheck();
  const row = (prefix: string) => cc.rows.find((r) => r.quantity.startsWith(prefix))!;

  it('reproduces the array area from cell geometry: 128·128·16·(32 nm)² = 268.4 um²', () => {
    expect(row('array area').xsnn).toBeCloseTo(268.435456, 5);
    expect(row('array area').ratio).toBeCloseTo(1, 12);
  });

  it('puts ADC area and energy per conversion within 1% of NeuroSim (263 um², 87 fJ, 6 ns)', () => {
    expect(Math.abs(row('SAR ADC area').ratio - 1)).toBeLessThan(0.01);
    expect(row('ADC area per array').xsnn).toBeCloseTo(16 * 262.75 + columnMuxArea(128, 8, 32e-9).valueSI / 1e-12, 6);
    expect(Math.abs(row('SAR ADC energy').ratio - 1)).toBeLessThan(0.01);
    expect(row('SAR ADC latency').xsnn).toBeCloseTo(6, 12);
    expect(cc.markdown).toContain('| quantity | xsnn | NeuroSim |');
  });

  it('reproduces every SAR ADC figure of hardware.md within 1% (32 and 22 nm, 4/5/8 bit)', () => {
    const table: Array<[number, number, number, number]> = [
      [32e-9, 4, 223, 67],
      [32e-9, 5, 263, 87],
      [32e-9, 8, 382, 161],
      [22e-9, 4, 105, 33],
      [22e-9, 5, 124, 42],
      [22e-9, 8, 180, 78],
    ];
    for (const [node, bits, areaUm2, energyFJ] of table) {
      expect(Math.abs(sarAdcArea(bits, node).valueSI / 1e-12 / areaUm2 - 1)).toBeLessThan(0.01);
      expect(Math.abs(sarAdcEnergy(bits, node).valueSI / 1e-15 / energyFJ - 1)).toBeLessThan(0.015);
    }
  });

  it('uses the ISAAC and IF-neuron figures at their own nodes unchanged', () => {
    expect(isaacAdc(32e-9).area.valueSI / 1e-12).toBeCloseTo(1200, 9);
    expect(isaacAdc(32e-9).energy.valueSI).toBeCloseTo(2e-3 / 1.28e9, 24);
    expect(ifNeuron(32e-9).area.valueSI / 1e-12).toBeCloseTo(15.7, 9);
    expect(ifNeuron(65e-9).energy.valueSI).toBeCloseTo(1.346e-12, 24);
    // scaled to 32 nm by the stated rule: (32/65)·(0.9/1.1)²
    expect(ifNeuron(32e-9).energy.valueSI).toBeCloseTo(1.346e-12 * (32 / 65) * (0.9 / 1.1) ** 2, 24);
  });

  it('puts the read latency of one input vector within 15 % of NeuroSim and explains the leakage rows', () => {
    const lat = row('read latency of one input vector');
    expect(Math.abs(lat.ratio - 1)).toBeLessThan(0.15);
    // NeuroSim: 8 · 1.4 · (1 ns + 6 ns); xsnn: 1 ns + 8 · 1.4 · 6 ns
    expect(lat.reference).toBeCloseTo(8 * 1.4 * 7, 9);
    expect(lat.xsnn).toBeCloseTo(1 + 8 * 1.4 * 6, 9);
    expect(row('ADC leakage').reference).toBe(0);
    expect(row('ADC leakage').note).toMatch(/NeuroSim's SAR ADC model reports no leakage/);
  });
});
