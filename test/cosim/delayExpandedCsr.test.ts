import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/Rng.js';
import {
  buildDriveLayout,
  COUNTER,
  CrossbarDrive,
  cosimMatrix,
  crossbarForNetwork,
  delayExpandedCsr,
  mapsDelayRows,
  programCrossbar,
  simulate,
  TILE_COUNTER_STRIDE,
  type DelayedSynapses,
} from '../../src/cosim/index.js';
import { ACTIVITY } from '../../src/cosim/tileCounters.js';
import { loadCrossbar, type CrossbarSpec } from '../../src/crossbar/index.js';
import { mapWeights } from '../../src/mapping/index.js';
import { checkpointCsr, InputSpikes, type Checkpoint } from '../../src/snn/index.js';
import { fcOptions } from '../_support/fc.js';
import { images, sparseCheckpoint } from './_fixtures.js';

/** A small random network: weights, a pruning mask and per-synapse delays 0…maxDelay. */
const smallNetwork = fc
  .record({ nInputs: fc.integer({ min: 1, max: 10 }), neurons: fc.integer({ min: 1, max: 8 }), maxDelay: fc.integer({ min: 0, max: 4 }) })
  .chain(({ nInputs, neurons, maxDelay }) =>
    fc.record({
      nInputs: fc.constant(nInputs),
      neurons: fc.constant(neurons),
      maxDelay: fc.constant(maxDelay),
      mask: fc.uint8Array({ minLength: nInputs * neurons, maxLength: nInputs * neurons, min: 0, max: 1 }),
      delays: fc.uint8Array({ minLength: nInputs * neurons, maxLength: nInputs * neurons, min: 0, max: maxDelay }),
      weights: fc.float32Array({ minLength: nInputs * neurons, maxLength: nInputs * neurons, min: 0, max: 1, noNaN: true }),
      tileRows: fc.integer({ min: 1, max: 6 }),
      tileCols: fc.integer({ min: 1, max: 4 }),
      splitColumns: fc.boolean(),
    }),
  );

/** A crossbar spec with another delay implementation. */
const withDelays = (xb: CrossbarSpec, implementation: 'sequential' | 'fifo' | 'none'): CrossbarSpec => ({ ...xb, delays: { implementation } });

/** The checkpoint with every delay 0 (same weights; maxDelay kept). */
const withoutDelays = (ck: Checkpoint): Checkpoint => ({ ...ck, delays: new Uint8Array(ck.delays.length) });

/** The same weights as a network trained without delays (maxDelay 0). */
const noDelayNetwork = (ck: Checkpoint): Checkpoint => ({ ...withoutDelays(ck), maxDelay: 0 });

describe('delay-expanded mapping: a physical row per (input, delay group)', () => {
  it('every tile row of the mapped delay-expanded matrix holds the cells of one input and one delay, each synapse exactly once', () => {
    fc.assert(
      fc.property(smallNetwork, (n) => {
        const ck: DelayedSynapses = n;
        const D1 = n.maxDelay + 1;
        const m = delayExpandedCsr(ck);
        expect(m.rows).toBe(n.nInputs * D1);
        // without column splitting a tile must hold a neuron's whole fan-in
        const tileRows = n.splitColumns ? n.tileRows : Math.max(n.tileRows, m.rows);
        const mapping = mapWeights(m, { tileRows, tileCols: n.tileCols, splitColumns: n.splitColumns });
        const seen = new Uint8Array(n.nInputs * n.neurons);
        for (const tile of mapping.tiles) {
          for (let a = 0; a < tile.rows.length; a++) {
            const i = Math.floor(tile.rows[a]! / D1);
            const d = tile.rows[a]! % D1;
            for (let k = tile.rowPtr[a]!; k < tile.rowPtr[a + 1]!; k++) {
              const x = i * n.neurons + tile.cols[tile.colIdx[k]!]!;
              expect(n.mask[x]).toBe(1);
              expect(n.delays[x]).toBe(d);
              expect(tile.values[k]).toBe(n.weights[x]);
              seen[x]!++;
            }
          }
        }
        expect(Array.from(seen)).toEqual(Array.from(n.mask));
        const layout = buildDriveLayout({ mapping, delays: n.delays, maxDelay: n.maxDelay, physicalCols: n.tileCols });
        // one segment per (tile, mapping row): the pulse of a word line reads its whole row
        const rowsOnTiles = mapping.tiles.reduce((s, t) => s + t.rows.length, 0);
        expect(layout.segTile.length).toBe(rowsOnTiles);
        let depth = 0;
        for (const tile of mapping.tiles) for (const k of tile.rows) depth += k % D1;
        expect(layout.rowDelaySum).toBe(n.maxDelay > 0 ? depth : 0);
      }),
      fcOptions(100),
    );
  });

  it('a network whose delays are all 0 maps its plain matrix, on every delay implementation', async () => {
    const ck = withoutDelays(sparseCheckpoint());
    expect(ck.maxDelay).toBeGreaterThan(0);
    const xb = loadCrossbar('32x4', { device: 'ideal' });
    for (const impl of ['sequential', 'fifo', 'none'] as const) {
      expect(mapsDelayRows(withDelays(xb, impl), ck)).toBe(false);
      expect(cosimMatrix(withDelays(xb, impl), ck)).toEqual(checkpointCsr(ck));
    }
    const r = await simulate({ checkpoint: ck, crossbar: withDelays(xb, 'fifo'), ...images, testImages: 5 });
    expect(r.mapping.rows).toBe(ck.nInputs);
    expect(r.area.terms.find((t) => t.name === 'other')!.inputs.find((x) => x.name.startsWith('B_delay'))!.value).toBe(0);
    const delayed = sparseCheckpoint();
    expect(mapsDelayRows(xb, delayed)).toBe(true);
    expect(mapsDelayRows(withDelays(xb, 'none'), delayed)).toBe(false);
  });

  it('refuses a plain mapping of synapses with nonzero delays (a word line cannot select cells by delay)', () => {
    const ck = sparseCheckpoint();
    const mapping = mapWeights(checkpointCsr(ck), { tileRows: 32, tileCols: 4 });
    expect(() => buildDriveLayout({ mapping, delays: ck.delays, maxDelay: ck.maxDelay, physicalCols: 4 })).toThrow(/delay-expanded matrix/);
  });

  it('fifo: each spike enters the FIFO of every physical row of its input and is shifted d times there; one read cycle per busy tile and step', () => {
    const ck = sparseCheckpoint();
    const { crossbar: xb } = crossbarForNetwork({ crossbar: withDelays(loadCrossbar('32x4', { device: 'ideal' }), 'fifo'), checkpoint: ck });
    const mapping = mapWeights(cosimMatrix(xb, ck), { tileRows: xb.rows, tileCols: xb.logicalCols, splitColumns: true });
    const layout = buildDriveLayout({ mapping, delays: ck.delays, maxDelay: ck.maxDelay, physicalCols: xb.cols });
    const prog = programCrossbar({ mapping, layout, crossbar: xb, wMax: 1, seed: 1 });
    const rng = new Rng(3);
    const steps = 30;
    const ev = new Map<string, [number, number]>();
    for (let q = 0; q < 120; q++) {
      const e: [number, number] = [rng.int(steps), rng.int(ck.nInputs)];
      ev.set(`${e[0]}:${e[1]}`, e);
    }
    const spikes = new InputSpikes().setEvents(steps, [...ev.values()]);
    const counted = (delays: 'sequential' | 'fifo') => {
      const drive = new CrossbarDrive(layout, prog.weights, { periphery: 'neuron', delays });
      const ge = new Float64Array(ck.neurons);
      for (let s = 0; s < steps + ck.maxDelay; s++) drive.deliver(spikes, s, ge);
      return drive.tileCounters();
    };
    const fifo = counted('fifo');
    const seq = counted('sequential');
    const D1 = ck.maxDelay + 1;
    const K = mapping.tiles.length;
    const S = TILE_COUNTER_STRIDE;
    const arrivals = new Float64Array(K);
    let shifts = 0;
    const busy = Array.from({ length: steps + ck.maxDelay }, () => new Map<number, Set<number>>());
    for (const [s, i] of ev.values()) {
      mapping.tiles.forEach((tile, t) => {
        for (const k of tile.rows) {
          if (Math.floor(k / D1) !== i) continue;
          const d = k % D1;
          arrivals[t]!++;
          shifts += d;
          const due = busy[s + d]!;
          if (!due.has(t)) due.set(t, new Set());
          due.get(t)!.add(d);
        }
      });
    }
    const cyclesFifo = new Float64Array(K);
    const cyclesSeq = new Float64Array(K);
    for (const due of busy)
      for (const [t, ds] of due) {
        cyclesFifo[t]!++;
        cyclesSeq[t]! += ds.size;
      }
    const field = (c: Float64Array, f: number) => Array.from({ length: K }, (_, t) => c[t * S + f]!);
    expect(field(fifo, COUNTER.inputSpikeArrivals)).toEqual(Array.from(arrivals));
    expect(fifo[K * S + ACTIVITY.delayShifts]).toBe(shifts);
    expect(shifts).toBeGreaterThan(0);
    expect(field(fifo, COUNTER.readCycles)).toEqual(Array.from(cyclesFifo));
    expect(field(seq, COUNTER.readCycles)).toEqual(Array.from(cyclesSeq));
    expect(seq[K * S + ACTIVITY.delayShifts]).toBe(0);
    // the same rows are pulsed whatever holds the spikes until they are due
    expect(field(seq, COUNTER.rowActivations)).toEqual(field(fifo, COUNTER.rowActivations));
  });

  it('each delay implementation costs more area and energy than none on the same weights without delays; none costs nothing for delays', async () => {
    const ck = sparseCheckpoint();
    const xb = loadCrossbar('32x4', { device: 'rram-hfox-32nm' });
    const none = await simulate({ checkpoint: noDelayNetwork(ck), crossbar: withDelays(xb, 'none'), ...images, testImages: 10 });
    const bits = (r: typeof none) => r.area.terms.find((t) => t.name === 'other')!.inputs.find((x) => x.name.startsWith('B_delay'))!.value;
    const shiftsOf = (r: typeof none) => r.energies.spikeBufferEnergy.inputs.find((x) => x.name.startsWith('D_fifo'))!.value;
    expect(bits(none)).toBe(0);
    expect(shiftsOf(none)).toBe(0);
    for (const impl of ['sequential', 'fifo'] as const) {
      const r = await simulate({ checkpoint: ck, crossbar: withDelays(xb, impl), ...images, testImages: 10 });
      expect(r.mapping.rows).toBe(ck.nInputs * (ck.maxDelay + 1));
      expect(r.mapping.metrics.tiles).toBeGreaterThan(none.mapping.metrics.tiles);
      expect(r.area.totalM2).toBeGreaterThan(none.area.totalM2);
      expect(r.energy.perInferenceJ).toBeGreaterThan(none.energy.perInferenceJ);
      expect(bits(r)).toBeGreaterThan(0);
      if (impl === 'fifo') {
        // exact: Σ over the mapped rows of their depth, within the T·R·D bound
        expect(bits(r)).toBeLessThanOrEqual(r.mapping.metrics.tiles * xb.rows * ck.maxDelay);
        expect(shiftsOf(r)).toBeGreaterThan(0);
        expect(shiftsOf(r)).toBeLessThanOrEqual(ck.maxDelay);
      } else expect(bits(r)).toBe(ck.nInputs * ck.maxDelay);
    }
  });
});
