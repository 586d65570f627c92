import fc from 'fast-check';
import { columnMuxArea } from '../../src/energy/hardwareBlocks.js';
import { describe, expect, it } from 'vitest';
import { listPresetNames } from '../../src/config/index.js';
import { loadCrossbar } from '../../src/crossbar/index.js';
import { mapWeights } from '../../src/mapping/index.js';
import { csrFromDense } from '../../src/core/CsrMatrix.js';
import { areaInputFromMapping, areaOf, eventEnergies, explain } from '../../src/energy/index.js';
import { fcOptions } from '../_support/fc.js';

describe('areaOf', () => {
  it.each(listPresetNames('crossbar'))('grows with tiles and its terms sum to the total (%s)', (name) => {
    const xb = loadCrossbar(name);
    fc.assert(
      fc.property(fc.nat(500), fc.nat(200), (t, split) => {
        const a = areaOf({ tiles: t, splitColumns: split }, xb.device, xb);
        const b = areaOf({ tiles: t + 1, splitColumns: split }, xb.device, xb);
        expect(b.totalM2).toBeGreaterThan(a.totalM2);
        const sum = a.terms.reduce((s, x) => s + x.valueSI, 0);
        expect(Math.abs(sum - a.totalM2)).toBeLessThanOrEqual(1e-12 * a.totalM2);
        const cats = (Object.values(a.breakdownM2) as number[]).reduce((s, v) => s + v, 0);
        expect(Math.abs(cats - a.totalM2)).toBeLessThanOrEqual(1e-12 * a.totalM2);
      }),
      fcOptions(40),
    );
    expect(areaOf({ tiles: 0 }, xb.device, xb).totalM2).toBe(0);
  });

  it('computes the array as cells × F² × node² and the ADCs shared by the column mux', () => {
    const xb = loadCrossbar('rram-128x128-adc5');
    const a = areaOf({ tiles: 3 }, xb.device, xb);
    expect(a.breakdownM2.array).toBeCloseTo(3 * 128 * 128 * 16 * 32e-9 ** 2, 22);
    // 16 ADCs of 262.75 um² per tile, plus the 8:1 column mux (one transmission gate per column)
    expect(a.breakdownM2.adcOrNeuron / 1e-12).toBeCloseTo(3 * (16 * 262.75 + columnMuxArea(128, 8, 32e-9).valueSI / 1e-12), 6);
    expect(columnMuxArea(128, 8, 32e-9).valueSI).toBeGreaterThan(0);
    expect(columnMuxArea(128, 1, 32e-9).valueSI).toBe(0);
    expect(a.breakdownM2.accumulation).toBe(0);
    const neuron = loadCrossbar('base');
    expect(areaOf({ tiles: 1 }, neuron.device, neuron).breakdownM2.adcOrNeuron / 1e-12).toBeCloseTo(128 * 15.7, 6);
  });

  it('adds partial-sum adders for split columns and shift-adders for bit-sliced weights', () => {
    const xb = loadCrossbar('base');
    const none = areaOf({ tiles: 4 }, xb.device, xb).breakdownM2.accumulation;
    const split = areaOf({ tiles: 4, splitColumnsPerTile: [8, 9, 0, 1] }, xb.device, xb).breakdownM2.accumulation;
    expect(none).toBe(0);
    expect(split / 1e-12).toBeCloseTo((1 + 2 + 0 + 1) * 60, 6);
    const sram = loadCrossbar('sram-128x128-8bit');
    expect(areaOf({ tiles: 1 }, sram.device, sram).breakdownM2.accumulation).toBeGreaterThan(0);
  });

  it('reads split columns from a mapping (columns held by more than one tile)', () => {
    const input = areaInputFromMapping({ tiles: [{ cols: [0, 1, 2] }, { cols: [2, 3] }, { cols: [4] }] });
    expect(input.tiles).toBe(3);
    expect(Array.from(input.splitColumnsPerTile!)).toEqual([1, 1, 0]);
  });

  it("takes the mapper's Mapping directly (tile size from its options)", () => {
    // a 3x5 matrix whose column 0 is denser than R = 2 rows, so it must be split
    const dense = [1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 1];
    const m = mapWeights(csrFromDense(dense, 3, 5), { tileRows: 2, tileCols: 4, splitColumns: true, algorithm: 'naive', seed: 1 });
    const input = areaInputFromMapping(m);
    expect(input.tiles).toBe(m.tiles.length);
    expect([input.rows, input.cols]).toEqual([2, 4]);
    let split = 0;
    for (const v of Array.from(input.splitColumnsPerTile!)) split += v;
    expect(split).toBeGreaterThanOrEqual(2); // column 0 (fan-in 3 > R = 2) sits on at least two tiles
    const xb = loadCrossbar('base');
    expect(areaOf(input, xb.device, xb).totalM2).toBeGreaterThan(0);
  });

  it('explain lists each category and sums to the total', () => {
    const xb = loadCrossbar('rram-128x128-adc5');
    const a = areaOf({ tiles: 2, splitColumns: 12 }, xb.device, xb);
    const text = explain(a);
    for (const t of a.terms) expect(text).toContain(`${t.name} = `);
    expect(text).toContain('total = array + adcOrNeuron + drivers + accumulation + interconnect + other');
  });

  it('feeds routing distance and leakage of the energy model (more tiles → more per spike)', () => {
    const xb = loadCrossbar('base');
    const e1 = eventEnergies(xb.device, xb, { tiles: 4 });
    const e2 = eventEnergies(xb.device, xb, { tiles: 64 });
    expect(e2.routingEnergyPerSpike.valueSI).toBeGreaterThan(e1.routingEnergyPerSpike.valueSI);
    expect(e2.leakagePower.valueSI).toBeCloseTo(16 * e1.leakagePower.valueSI, 18);
  });
});
