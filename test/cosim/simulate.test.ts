import { describe, expect, it } from 'vitest';
import {
  explainSimulation,
  buildDriveLayout,
  crossbarForNetwork,
  programCrossbar,
  simulate,
  type SimulationResult,
  simulationRecord,
  compareNetworks,
  cosimMatrix,
} from '../../src/cosim/index.js';
import { mapWeights } from '../../src/mapping/index.js';
import { loadCrossbar } from '../../src/crossbar/index.js';
import { loadDevice } from '../../src/devices/index.js';
import { areaOf, energyFromCounts, zeroEventCounts, type EventCounts } from '../../src/energy/index.js';
import { checkpointCsr } from '../../src/snn/index.js';
import { ResultRecordSchema } from '../../src/core/ResultRecord.js';
import { denseCheckpoint, images, sparseCheckpoint } from './_fixtures.js';

const SCALED = [
  'rowActivations',
  'programmedCellReads',
  'programmedReadConductanceS',
  'prunedCellReads',
  'columnSenses',
  'partialSumMerges',
  'neuronUpdates',
  'spikesRouted',
  'weightWrites',
  'levelSteps',
  'simulatedTimeS',
  'partialSumPackets',
  'inputSpikeArrivals',
  'inputSpikes',
  'outputSpikes',
] as const;

function scale(c: EventCounts, a: number): EventCounts {
  const out: Record<string, unknown> = { ...c, perTile: undefined };
  for (const k of SCALED) if (typeof c[k] === 'number') out[k] = c[k] * a;
  delete out['perTile'];
  return out as unknown as EventCounts;
}

describe('simulate: energy, area and Monte Carlo of co-simulated inference', () => {
  let rram: SimulationResult;
  it('runs a pruned network on RRAM tiles with an ADC periphery and reports counts, energy and area', async () => {
    rram = await simulate({ checkpoint: sparseCheckpoint(), crossbar: 'rram-128x128-adc5', ...images, samples: 2 });
    expect(rram.driveMode).toBe('tiled');
    expect(rram.samples).toHaveLength(2);
    expect(rram.counts.inferences).toBe(2 * images.testImages);
    expect(rram.counts.rowActivations).toBeGreaterThan(0);
    expect(rram.counts.neuronUpdates).toBeGreaterThan(0);
    expect(rram.energy.perInferenceJ).toBeGreaterThan(0);
    expect(rram.area.totalM2).toBeGreaterThan(0);
    const perTile = rram.counts.perTile!;
    expect(perTile).toHaveLength(rram.mapping.metrics.tiles);
    expect(perTile.reduce((a, t) => a + t.columnSenses, 0)).toBe(rram.counts.columnSenses);
    expect(perTile.reduce((a, t) => a + t.spikesRouted, 0)).toBe(rram.counts.spikesRouted);
  });

  it('energy is linear in the event counts and zero with no events and no time', () => {
    const e = rram.energies;
    const c = rram.counts;
    const one = energyFromCounts(c, e).totalJ;
    expect(energyFromCounts(scale(c, 3), e).totalJ).toBeCloseTo(3 * one, 12 + Math.round(-Math.log10(one)));
    const half = scale(c, 0.5);
    const sum = energyFromCounts(scale(c, 1.5), e).totalJ;
    expect(sum).toBeCloseTo(energyFromCounts(c, e).totalJ + energyFromCounts(half, e).totalJ, 12 + Math.round(-Math.log10(one)));
    expect(energyFromCounts({ ...zeroEventCounts(), inferences: 1 }, e).totalJ).toBe(0);
    expect(energyFromCounts({ ...zeroEventCounts(), programmedReadConductanceS: 0, inferences: 1 }, e).totalJ).toBe(0);
  });

  it('the explain terms add up to the energy and area totals, and the result record checks its sums', () => {
    const eSum = rram.energy.terms.reduce((a, t) => a + t.valueSI, 0);
    expect(eSum).toBeCloseTo(rram.energy.totalJ, 20);
    expect(Math.abs(eSum - rram.energy.totalJ) / rram.energy.totalJ).toBeLessThan(1e-12);
    const aSum = rram.area.terms.reduce((a, t) => a + t.valueSI, 0);
    expect(Math.abs(aSum - rram.area.totalM2) / rram.area.totalM2).toBeLessThan(1e-12);
    const text = explainSimulation(rram);
    for (const t of [...rram.energy.terms, ...rram.area.terms]) expect(text).toContain(`${t.name} = `);
    expect(text).toMatch(/total = arrayProgrammed \+ arrayPruned \+ drivers/);
    expect(text).toMatch(/total = array \+ adcOrNeuron \+ drivers \+ accumulation \+ interconnect \+ other/);
    const rec = ResultRecordSchema.parse(simulationRecord(rram, { name: 'sparse', checkpointHash: 'a'.repeat(64) }));
    expect(rec.samples).toBe(2);
    expect(rec.tiles).toBe(rram.mapping.metrics.tiles);
    expect(rec.energyPerInferenceJ).toBeCloseTo(rram.energy.perInferenceJ, 20);
    expect(rec.explain.length).toBeGreaterThan(10);
  });

  it('area grows with the number of tiles', () => {
    const xb = rram.crossbar;
    let prev = 0;
    for (const tiles of [0, 1, 2, 5, 17, 100]) {
      const a = areaOf({ tiles }, xb.device, xb).totalM2;
      expect(a).toBeGreaterThan(prev - (tiles === 0 ? 1 : 0));
      prev = a;
    }
    const w = checkpointCsr(sparseCheckpoint());
    const packed = mapWeights(w, { tileRows: 32, tileCols: 4 });
    const naive = mapWeights(w, { tileRows: 32, tileCols: 4, algorithm: 'naive' });
    expect(naive.metrics.tiles).toBeGreaterThanOrEqual(packed.metrics.tiles);
    const spec = loadCrossbar('32x4');
    if (naive.metrics.tiles > packed.metrics.tiles)
      expect(areaOf({ tiles: naive.metrics.tiles }, spec.device, spec).totalM2).toBeGreaterThan(
        areaOf({ tiles: packed.metrics.tiles }, spec.device, spec).totalM2,
      );
  });

  it('more device-to-device variation never reduces the measured weight error on average', () => {
    const ck = denseCheckpoint();
    const base = loadDevice('rram-hfox-32nm');
    const sigmas = [0, 0.02, 0.05, 0.1, 0.2];
    const err = sigmas.map((sigma) => {
      const device = Object.freeze({ ...base, deviceToDevice: { distribution: 'gaussian' as const, sigma } });
      const { crossbar } = crossbarForNetwork({ crossbar: loadCrossbar('64x16'), checkpoint: ck, device });
      const mapping = mapWeights(cosimMatrix(crossbar, ck), { tileRows: crossbar.rows, tileCols: crossbar.logicalCols });
      const layout = buildDriveLayout({
        mapping,
        delays: ck.delays,
        maxDelay: ck.maxDelay,
        physicalCols: crossbar.cols,
        cellsPerWeight: crossbar.cellsPerWeight,
      });
      let sum = 0;
      for (let seed = 0; seed < 5; seed++) sum += programCrossbar({ mapping, layout, crossbar, device, wMax: 1, seed }).weightErrorRms;
      return sum / 5;
    });
    for (let k = 1; k < err.length; k++) expect(err[k]).toBeGreaterThanOrEqual(err[k - 1]!);
    expect(err[err.length - 1]).toBeGreaterThan(2 * err[0]!);
  });

  it('Monte Carlo samples are independent device draws, and the same seed gives identical results', async () => {
    const o = { checkpoint: sparseCheckpoint(), crossbar: '64x16', device: 'rram-hfox-32nm', sigma: 0.1, ...images, samples: 3 } as const;
    const a = await simulate(o);
    const b = await simulate(o);
    expect(a.samples.map((s) => s.accuracy)).toEqual(b.samples.map((s) => s.accuracy));
    expect(a.counts).toEqual(b.counts);
    const errs = new Set(a.samples.map((s) => s.weightErrorRms));
    expect(errs.size).toBe(3);
    const mean = a.samples.reduce((x, s) => x + s.accuracy, 0) / 3;
    expect(a.accuracy.mean).toBeCloseTo(mean, 12);
    expect(a.accuracy.std).toBeGreaterThanOrEqual(0);
    expect(a.device.deviceToDevice.sigma).toBe(0.1);
  });

  it('stores a dense float network bit-sliced at 8 bits and a 4-level network in one cell, and compares them', async () => {
    const device = loadDevice('rram-hfox-32nm');
    const d = crossbarForNetwork({ crossbar: loadCrossbar('64x64'), checkpoint: denseCheckpoint(), device });
    const s = crossbarForNetwork({ crossbar: loadCrossbar('64x64'), checkpoint: sparseCheckpoint(), device });
    expect(d.crossbar.weightBits).toBe(8);
    expect(d.crossbar.cellsPerWeight).toBe(2);
    expect(s.crossbar.weightBits).toBeUndefined();
    expect(s.crossbar.cellsPerWeight).toBe(1);
    const c = await compareNetworks({ dense: denseCheckpoint(), sparse: sparseCheckpoint(), crossbar: '64x16', device: 'rram-hfox-32nm', ...images });
    expect(c.synapseReduction).toBeGreaterThan(2);
    expect(c.areaImprovement).toBeCloseTo(c.dense.result.area.totalM2 / c.sparse.result.area.totalM2, 12);
    expect(c.energyImprovement).toBeCloseTo(c.dense.result.energy.perInferenceJ / c.sparse.result.energy.perInferenceJ, 12);
    expect(c.dense.naive.tiles).toBeGreaterThanOrEqual(c.dense.result.mapping.metrics.tiles);
    expect(c.sparse.packerTileFactor).toBeGreaterThanOrEqual(1);
  });

  it('fails fast on bad options', async () => {
    await expect(simulate({ checkpoint: sparseCheckpoint(), crossbar: '64x16', ...images, samples: 0 })).rejects.toThrow(/samples/);
    await expect(simulate({ checkpoint: sparseCheckpoint(), crossbar: '64x16', ...images, sigma: -1 })).rejects.toThrow(/sigma/);
    await expect(simulate({ checkpoint: sparseCheckpoint(), crossbar: '64x16', ...images, testImages: 1000 })).rejects.toThrow(/testImages/);
  });
});
