import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/Rng.js';
import {
  buildDriveLayout,
  CrossbarDrive,
  type DriveWeights,
  programCrossbar,
  simulate,
  COUNTER,
  TILE_COUNTER_STRIDE,
  crossbarForNetwork,
  cosimMatrix,
} from '../../src/cosim/index.js';
import { mapWeights } from '../../src/mapping/index.js';
import { loadCrossbar } from '../../src/crossbar/index.js';
import { loadDevice } from '../../src/devices/index.js';
import { type Checkpoint, computeResponses, evaluate, InputSpikes, SynapticDrive, networkFromCheckpoint } from '../../src/snn/index.js';
import { denseCheckpoint, images, sparseCheckpoint, testSet } from './_fixtures.js';

/** A drive on `crossbar` (a `RxC` size) over the checkpoint's synapses (delay-expanded), with the given device. */
function driveOf(ck: Checkpoint, crossbar: string, device = 'ideal', seed = 1) {
  const { crossbar: xb } = crossbarForNetwork({ crossbar: loadCrossbar(crossbar, { device }), checkpoint: ck });
  const mapping = mapWeights(cosimMatrix(xb, ck), { tileRows: xb.rows, tileCols: xb.logicalCols, splitColumns: true });
  const layout = buildDriveLayout({ mapping, delays: ck.delays, maxDelay: ck.maxDelay, physicalCols: xb.cols, cellsPerWeight: xb.cellsPerWeight });
  const prog = programCrossbar({ mapping, layout, crossbar: xb, wMax: 1, seed });
  return { xb, mapping, layout, prog };
}

/** Random input spikes of one presentation. */
function randomSpikes(nIn: number, steps: number, perStep: number, seed: number): InputSpikes {
  const rng = new Rng(seed);
  const ev: Array<[number, number]> = [];
  const seen = new Set<number>();
  for (let s = 0; s < steps; s++) {
    for (let q = 0; q < perStep; q++) {
      const i = rng.int(nIn);
      if (seen.has(s * nIn + i)) continue;
      seen.add(s * nIn + i);
      ev.push([s, i]);
    }
  }
  return new InputSpikes().setEvents(steps, ev);
}

describe('CrossbarDrive: co-simulated inference', () => {
  for (const [name, ck, delays] of [
    ['dense', denseCheckpoint, 'sequential'],
    ['pruned 4-level', sparseCheckpoint, 'sequential'],
    ['dense', denseCheckpoint, 'fifo'],
    ['pruned 4-level', sparseCheckpoint, 'fifo'],
  ] as const) {
    it(`with the ideal device gives exactly the spikes and accuracy of plain evaluation (${name} network, split 32x4 tiles, ${delays} delays)`, async () => {
      const c = ck();
      const crossbar = { ...loadCrossbar('32x4', { device: 'ideal' }), delays: { implementation: delays } };
      const sim = await simulate({ checkpoint: c, crossbar, device: 'ideal', keepResponses: true, ...images });
      expect(sim.ideal).toBe(true);
      expect(sim.crossbar.delays.implementation).toBe(delays);
      expect(sim.mapping.rows).toBe(c.nInputs * (c.maxDelay + 1)); // a row per (input, delay group)
      expect(sim.mapping.metrics.tiles).toBeGreaterThan(8);
      expect(sim.mapping.metrics.sumMu).toBeGreaterThan(c.neurons); // columns really are split
      const plain = await computeResponses({ network: c, dataset: testSet, phase: 'test', seed: c.seed, threads: 1, count: images.testImages });
      expect(Array.from(sim.samples[0]!.testCounts!)).toEqual(Array.from(plain.counts));
      expect(plain.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      const ev = await evaluate({ checkpoint: c, ...images });
      expect(sim.accuracy.mean).toBe(ev.accuracy);
    });
  }

  it('sums the same current in tiled mode (per-tile column partial sums, merged) as in linear mode', () => {
    const c = sparseCheckpoint();
    const { layout, prog } = driveOf(c, '32x4', 'rram-hfox-32nm');
    const cpw = layout.cellsPerWeight;
    const w = prog.weights;
    const deltaG = new Float32Array(layout.nnz * cpw);
    for (let e = 0; e < layout.nnz; e++) deltaG[e] = w.w[e]! / w.sliceScale[0]!;
    const tiled: DriveWeights = { ...w, mode: 'tiled', deltaG };
    const a = new CrossbarDrive(layout, w, { periphery: 'neuron' });
    const b = new CrossbarDrive(layout, tiled, { periphery: 'neuron' });
    const spikes = randomSpikes(c.nInputs, 60, 6, 4);
    const ga = new Float64Array(c.neurons);
    const gb = new Float64Array(c.neurons);
    for (let s = 0; s < 60; s++) {
      a.deliver(spikes, s, ga);
      b.deliver(spikes, s, gb);
    }
    for (let j = 0; j < c.neurons; j++) expect(gb[j]).toBeCloseTo(ga[j]!, 4);
    expect(Array.from(b.tileCounters())).toEqual(Array.from(a.tileCounters()));
  });

  it('counts row activations, cells read, pruned positions, senses, merges and routed spikes as an independent recount says', () => {
    const c = sparseCheckpoint();
    const { layout, mapping, prog, xb } = driveOf(c, '32x4', 'rram-hfox-32nm');
    const drive = new CrossbarDrive(layout, prog.weights, { periphery: 'adc' });
    const steps = 50;
    const spikes = randomSpikes(c.nInputs, steps, 5, 9);
    const ge = new Float64Array(c.neurons);
    for (let s = 0; s < steps + c.maxDelay; s++) drive.deliver(spikes, s, ge);
    // reference: straight from the mapping's tiles (a row per (input, delay group)) and the delays
    const N = c.neurons;
    const D1 = c.maxDelay + 1;
    const K = mapping.tiles.length;
    const ref = {
      act: new Float64Array(K),
      cells: new Float64Array(K),
      pruned: new Float64Array(K),
      senses: new Float64Array(K),
      routed: new Float64Array(K),
      merges: new Float64Array(K),
      updates: 0,
    };
    const home = new Map<number, number>(); // a neuron's home tile: the first tile holding its column
    mapping.tiles.forEach((tile, t) => tile.cols.forEach((j) => (home.has(j) ? undefined : home.set(j, t))));
    for (let s = 0; s < steps + c.maxDelay; s++) {
      const touched = new Map<string, [number, number]>();
      for (let d = 0; d <= c.maxDelay; d++) {
        const se = s - d;
        if (se < 0 || se >= steps) continue;
        for (let q = spikes.stepPtr[se]!; q < spikes.stepPtr[se + 1]!; q++) {
          const i = spikes.inputs[q]!;
          mapping.tiles.forEach((tile, t) => {
            const mine = Array.from(tile.rows).flatMap((row, a) => (Math.floor(row / D1) === i ? [a] : []));
            if (mine.length > 0 && d === 0) ref.routed[t]!++; // one packet per tile holding any row of the input
            for (const a of mine) {
              let n = 0;
              for (let k = tile.rowPtr[a]!; k < tile.rowPtr[a + 1]!; k++) {
                const j = tile.cols[tile.colIdx[k]!]!;
                if (c.delays[i * N + j] !== d) continue;
                n++;
                const key = `${t}:${j}`;
                if (!touched.has(key)) touched.set(key, [t, j]);
              }
              if (n === 0) continue;
              ref.act[t]!++;
              ref.cells[t]! += n;
              ref.pruned[t]! += xb.cols - (tile.rowPtr[a + 1]! - tile.rowPtr[a]!);
            }
          });
        }
      }
      const reached = new Set<number>();
      for (const [t, j] of touched.values()) {
        ref.senses[t]!++;
        if (home.get(j) !== t) ref.merges[t]!++; // a remote part's partial sum, merged at the home tile
        reached.add(j);
      }
      ref.updates += reached.size;
    }
    const S = TILE_COUNTER_STRIDE;
    const counters = drive.tileCounters();
    const field = (f: number) => Array.from({ length: K }, (_, t) => counters[t * S + f]!);
    expect(field(COUNTER.rowActivations)).toEqual(Array.from(ref.act));
    expect(field(COUNTER.programmedCellReads)).toEqual(Array.from(ref.cells));
    expect(field(COUNTER.prunedCellReads)).toEqual(Array.from(ref.pruned));
    expect(field(COUNTER.columnSenses)).toEqual(Array.from(ref.senses));
    expect(field(COUNTER.spikesRouted)).toEqual(Array.from(ref.routed));
    // every E and I neuron is updated every step (digital LIF), whatever its input
    expect(field(COUNTER.neuronUpdates).reduce((a, b) => a + b, 0)).toBe(2 * c.neurons * drive.steps);
    expect(ref.updates).toBeGreaterThan(0);
    expect(field(COUNTER.partialSumMerges)).toEqual(Array.from(ref.merges));
    expect(ref.act.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(ref.merges.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(drive.steps).toBe(steps + c.maxDelay);
  });

  it('counts nothing but the neuron updates, and adds no current, without input spikes', () => {
    const c = denseCheckpoint();
    const { layout, prog } = driveOf(c, '64x8', 'rram-hfox-32nm');
    const drive = new CrossbarDrive(layout, prog.weights, { periphery: 'adc' });
    const net = networkFromCheckpoint(c);
    net.drive = drive;
    // one presentation of a blank image (inferImage would retry it at ever higher intensity)
    net.spikes.generate(new Uint8Array(c.nInputs), 0, c.nInputs, 1, net.presSteps, new Rng(1));
    expect(net.run(net.presSteps, false)).toBe(0);
    expect(drive.steps).toBeGreaterThan(0);
    const counters = drive.tileCounters();
    counters.forEach((x, k) => {
      if (k < layout.tiles * TILE_COUNTER_STRIDE && k % TILE_COUNTER_STRIDE === COUNTER.neuronUpdates) return;
      expect(x).toBe(0);
    });
    let updates = 0;
    for (let t = 0; t < layout.tiles; t++) updates += counters[t * TILE_COUNTER_STRIDE + COUNTER.neuronUpdates]!;
    expect(updates).toBe(2 * c.neurons * drive.steps);
  });

  it('reproduces SynapticDrive on arbitrary spike trains with the ideal device (bit-exact conductances)', () => {
    const c = denseCheckpoint();
    const { layout, prog } = driveOf(c, '20x3');
    const ref = new SynapticDrive(networkFromCheckpoint(c).synapses);
    const drive = new CrossbarDrive(layout, prog.weights, { periphery: 'neuron' });
    const spikes = randomSpikes(c.nInputs, 40, 12, 2);
    const ga = new Float64Array(c.neurons);
    const gb = new Float64Array(c.neurons);
    for (let s = 0; s < 40 + c.maxDelay; s++) {
      ref.deliver(spikes, s, ga);
      drive.deliver(spikes, s, gb);
      expect(Array.from(gb)).toEqual(Array.from(ga));
    }
  });

  it('rejects weights that do not fit the layout', () => {
    const c = denseCheckpoint();
    const { layout, prog } = driveOf(c, '64x8');
    expect(() => new CrossbarDrive(layout, { ...prog.weights, w: new Float32Array(3) }, { periphery: 'neuron' })).toThrow(/3 weights/);
    expect(loadDevice('ideal').levelCount).toBe(Infinity);
  });

  it("finds each step's busiest tile: more input spikes never lower the latency, fifo needs no more read cycles than sequential, the pipeline is never slower", () => {
    const c = denseCheckpoint();
    const { layout, prog } = driveOf(c, '64x8');
    const timing = { cycleS: 10e-9, packetS: 2e-9, postS: 50e-9 };
    const A = layout.tiles * TILE_COUNTER_STRIDE;
    const run = (ev: Array<[number, number]>, delays: 'sequential' | 'fifo') => {
      const spikes = new InputSpikes().setEvents(40, ev);
      const d = new CrossbarDrive(layout, prog.weights, { periphery: 'neuron', delays, timing });
      const ge = new Float64Array(c.neurons);
      d.beginImage(0, 0);
      for (let s = 0; s < spikes.steps + c.maxDelay; s++) d.deliver(spikes, s, ge);
      d.addOutputSpikes(new Uint16Array(c.neurons));
      const k = d.tileCounters();
      const unpiped = k[A]! * timing.cycleS + k[A + 1]! * timing.packetS + d.steps * timing.postS;
      return { cycles: k[A]!, packets: k[A + 1]!, pipe: k[A + 3]!, unpiped };
    };
    const rng = new Rng(7);
    const few: Array<[number, number]> = [];
    for (let q = 0; q < 60; q++) few.push([rng.int(40), rng.int(c.nInputs)]);
    const more: Array<[number, number]> = [...few];
    for (let q = 0; q < 200; q++) more.push([rng.int(40), rng.int(c.nInputs)]);
    const dedupe = (ev: Array<[number, number]>) => [...new Map(ev.map((e) => [`${e[0]}:${e[1]}`, e])).values()];
    const a = run(dedupe(few), 'sequential');
    const b = run(dedupe(more), 'sequential');
    expect(a.cycles).toBeGreaterThan(0);
    expect(b.cycles).toBeGreaterThanOrEqual(a.cycles);
    expect(b.unpiped).toBeGreaterThanOrEqual(a.unpiped);
    const f = run(dedupe(more), 'fifo');
    expect(f.cycles).toBeLessThanOrEqual(b.cycles);
    for (const r of [a, b, f]) {
      expect(r.pipe).toBeLessThanOrEqual(r.unpiped * (1 + 1e-12));
      expect(r.pipe).toBeGreaterThan(0);
    }
  });
});
