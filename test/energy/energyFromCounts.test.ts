import fc from 'fast-check';
import { columnMuxEnergy } from '../../src/energy/hardwareBlocks.js';
import { describe, expect, it } from 'vitest';
import { loadCrossbar } from '../../src/crossbar/index.js';
import { loadDevice } from '../../src/devices/index.js';
import { energyFromCounts, eventEnergies, explain, zeroEventCounts, type EventCounts } from '../../src/energy/index.js';
import { fcOptions } from '../_support/fc.js';

const xb = loadCrossbar('rram-128x128-adc5');
const E = eventEnergies(xb.device, xb, { tiles: 9 });

const countArb = fc.record({
  rowActivations: fc.nat(1e6),
  programmedCellReads: fc.nat(1e8),
  prunedCellReads: fc.nat(1e8),
  columnSenses: fc.nat(1e7),
  partialSumMerges: fc.nat(1e6),
  neuronUpdates: fc.nat(1e7),
  spikesRouted: fc.nat(1e5),
  weightWrites: fc.nat(1e5),
  levelSteps: fc.nat(1e6),
  simulatedTimeS: fc.double({ min: 0, max: 10, noNaN: true }),
  inferences: fc.nat(1000),
});

function scaled(c: EventCounts, k: number): EventCounts {
  const out: Record<string, number> = {};
  for (const [key, v] of Object.entries(c)) out[key] = typeof v === 'number' ? v * k : 0;
  return out as unknown as EventCounts;
}
function added(a: EventCounts, b: EventCounts): EventCounts {
  const out: Record<string, number> = {};
  for (const key of Object.keys(a)) out[key] = (a as unknown as Record<string, number>)[key]! + (b as unknown as Record<string, number>)[key]!;
  return out as unknown as EventCounts;
}
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-30);

describe('energyFromCounts', () => {
  it('is exactly 0 with zero counts and zero time', () => {
    const r = energyFromCounts(zeroEventCounts(), E);
    expect(r.totalJ).toBe(0);
    expect(r.perInferenceJ).toBe(0);
    expect(Object.values(r.breakdownJ).every((v) => v === 0)).toBe(true);
  });

  it('is linear in the counts: E(k·c) = k·E(c) and E(a + b) = E(a) + E(b)', () => {
    fc.assert(
      fc.property(countArb, countArb, fc.double({ min: 0, max: 50, noNaN: true }), (a, b, k) => {
        const ea = energyFromCounts(a, E).totalJ;
        expect(close(energyFromCounts(scaled(a, k), E).totalJ, k * ea)).toBe(true);
        expect(close(energyFromCounts(added(a, b), E).totalJ, ea + energyFromCounts(b, E).totalJ)).toBe(true);
      }),
      fcOptions(100),
    );
  });

  it('its explain terms sum to the total and to the breakdown', () => {
    fc.assert(
      fc.property(countArb, (c) => {
        const r = energyFromCounts(c, E);
        const sumTerms = r.terms.reduce((s, t) => s + t.valueSI, 0);
        const sumBreakdown = (Object.values(r.breakdownJ) as number[]).reduce((s, v) => s + v, 0);
        expect(close(sumTerms, r.totalJ)).toBe(true);
        expect(close(sumBreakdown, r.totalJ)).toBe(true);
        if (c.inferences > 0) expect(close(r.perInferenceJ * c.inferences, r.totalJ)).toBe(true);
      }),
      fcOptions(100),
    );
  });

  it('charges each event with hardware.md formulas (hand-computed for HfOx at 0.5 V / 5 ns)', () => {
    const c: EventCounts = {
      ...zeroEventCounts(),
      programmedCellReads: 1000,
      programmedReadConductanceS: 2e-3,
      columnSenses: 10,
      levelSteps: 3,
      writeStepConductanceS: 1e-5,
      weightWrites: 2,
      inferences: 1,
    };
    const r = energyFromCounts(c, E);
    expect(r.breakdownJ.array).toBeCloseTo(0.5 ** 2 * 2e-3 * 5e-9, 20); // V²·ΣG·t
    // SAR conversions plus one column-mux transmission gate switched per column sensed (8:1 mux)
    expect(r.breakdownJ.periphery).toBeCloseTo(10 * ((1.1294 * 5 + 8.8998) * 1e-6 * 6e-9 + columnMuxEnergy(32e-9).valueSI), 20);
    const colCharge = (0.2e-15 / 1e-6) * 128 * 4 * 32e-9 * 1.6 ** 2;
    expect(r.breakdownJ.writes).toBeCloseTo(1.6 ** 2 * 1e-5 * 50e-9 * 1 + 2 * colCharge, 20); // V_w²·Σ(Gb+Ga)/2·t·pulses + charging
    const mid: EventCounts = { ...zeroEventCounts(), programmedCellReads: 1, inferences: 1 };
    expect(energyFromCounts(mid, E).breakdownJ.array).toBeCloseTo(0.25 * 5.5e-6 * 5e-9, 24);
  });

  it('charges pruned positions only when they sit at G_min', () => {
    const d = loadDevice('rram-hfox-32nm');
    const pruned: EventCounts = { ...zeroEventCounts(), prunedCellReads: 100, inferences: 1 };
    expect(energyFromCounts(pruned, eventEnergies(d, xb)).totalJ).toBe(0);
    const atGmin = eventEnergies({ ...d, prunedPositions: 'gmin' }, xb);
    expect(energyFromCounts(pruned, atGmin).totalJ).toBeCloseTo(100 * 0.25 * 1e-6 * 5e-9, 24);
  });

  it('reports per-tile dynamic energy that adds up to the network total without leakage', () => {
    const t1 = { ...zeroEventCounts(), rowActivations: 5, programmedCellReads: 300, columnSenses: 40 };
    const t2 = { ...zeroEventCounts(), rowActivations: 7, programmedCellReads: 100, columnSenses: 20, partialSumMerges: 20 };
    const total: EventCounts = { ...added(t1, t2), simulatedTimeS: 0, inferences: 1, perTile: [t1, t2] };
    const r = energyFromCounts(total, E);
    expect(close(r.perTile![0]!.totalJ + r.perTile![1]!.totalJ, r.totalJ)).toBe(true);
  });

  it('rejects negative or NaN counts, naming the field', () => {
    expect(() => energyFromCounts({ ...zeroEventCounts(), columnSenses: -1 }, E)).toThrow(/columnSenses/);
    expect(() => energyFromCounts({ ...zeroEventCounts(), simulatedTimeS: Number.NaN }, E)).toThrow(/simulatedTimeS/);
  });

  it('explain lists every term with formula, inputs and sources, and the total', () => {
    const c: EventCounts = {
      ...zeroEventCounts(),
      rowActivations: 10,
      programmedCellReads: 500,
      columnSenses: 64,
      spikesRouted: 3,
      simulatedTimeS: 0.35,
      inferences: 1,
    };
    const r = energyFromCounts(c, E);
    const text = explain(r);
    for (const t of r.terms) {
      expect(text).toContain(`${t.name} = `);
      expect(text).toContain(`formula: ${t.formula}`);
    }
    expect(text).toMatch(/V_read = 500 mV/);
    expect(text).toMatch(/NeuroSim/);
    expect(text).toContain('total = ');
  });
});
