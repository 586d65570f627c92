import { afterEach, describe, expect, it, vi } from 'vitest';
import { CrossbarDrive, simulateCrossbars, simulationRecord, type WorkCache } from '../../src/cosim/index.js';
import { loadCrossbar } from '../../src/crossbar/index.js';
import type { CrossbarSpec } from '../../src/crossbar/CrossbarSpec.js';
import { denseCheckpoint, images, sparseCheckpoint } from './_fixtures.js';

const meta = { name: 'net', checkpointHash: 'c'.repeat(64) };

/** A WorkCache in memory that counts how often it had to compute. */
function countingCache(): WorkCache & { computed: number; keys: Set<string> } {
  const memo = new Map<string, unknown>();
  const cache = {
    computed: 0,
    keys: new Set<string>(),
    async get<T>(key: string, compute: () => T | Promise<T>): Promise<T> {
      if (!memo.has(key)) {
        cache.computed++;
        cache.keys.add(key);
        memo.set(key, await compute());
      }
      return memo.get(key) as T;
    },
  };
  return cache;
}

/** Two tile sizes, the second pipelined (its latency sums max(read stage, post stage) step by step). */
function sizes(delays: 'sequential' | 'fifo'): CrossbarSpec[] {
  const b = loadCrossbar('base', { rows: 64, cols: 8 });
  return [
    { ...loadCrossbar('base', { rows: 16, cols: 16 }), delays: { implementation: delays } },
    { ...b, delays: { implementation: delays }, timing: { ...b.timing, pipelined: true } },
  ];
}

describe('simulateCrossbars with a traffic cache', () => {
  afterEach(() => vi.restoreAllMocks());

  for (const delays of ['sequential', 'fifo'] as const) {
    it(`counts a layout's traffic once and rebuilds the counters exactly on other timings of the same tiles: clock, pipelining (${delays} delays)`, async () => {
      const cache = countingCache();
      const replays = vi.spyOn(CrossbarDrive, 'fromTraffic');
      const common = { checkpoint: sparseCheckpoint(), device: 'rram-hfox-32nm', seed: 11, energyImages: 20, ...images };
      const variants = [sizes(delays), sizes(delays).map((x) => ({ ...x, timing: { ...x.timing, clock: 0.37e9, pipelined: !x.timing.pipelined } }))];
      for (const crossbars of variants) {
        const cached = await simulateCrossbars({ ...common, crossbars, trafficCache: cache });
        const direct = await simulateCrossbars({ ...common, crossbars });
        expect(cached.map((r) => simulationRecord(r, meta))).toEqual(direct.map((r) => simulationRecord(r, meta)));
        expect(cached.map((r) => r.counts)).toEqual(direct.map((r) => r.counts));
      }
      expect(cache.computed).toBe(1);
      expect(replays).toHaveBeenCalledTimes(2); // the second variant's two sizes
    });
  }

  it('on another device every record equals counting directly, whether its images took recorded presentations (rebuilt) or not (counted and kept)', async () => {
    const cache = countingCache();
    const replays = vi.spyOn(CrossbarDrive, 'fromTraffic');
    const common = { checkpoint: sparseCheckpoint(), crossbars: sizes('sequential'), seed: 11, energyImages: 20, ...images };
    for (const device of ['rram-hfox-32nm', 'pcm-gst-32nm', 'fefet-hzo-32nm']) {
      const cached = await simulateCrossbars({ ...common, device, trafficCache: cache });
      const direct = await simulateCrossbars({ ...common, device });
      expect(cached.map((r) => simulationRecord(r, meta))).toEqual(direct.map((r) => simulationRecord(r, meta)));
      expect(cached.map((r) => r.counts)).toEqual(direct.map((r) => r.counts));
    }
    // each device either counted (a new key) or rebuilt its two sizes
    expect(cache.computed + replays.mock.calls.length / 2).toBe(3);
  });

  it('keeps traffic apart per layout and input: another seed, other images or other tiles count again', async () => {
    const cache = countingCache();
    const common = { checkpoint: denseCheckpoint(), device: 'rram-hfox-32nm', ...images };
    await simulateCrossbars({ ...common, crossbars: sizes('sequential'), seed: 1, trafficCache: cache });
    await simulateCrossbars({ ...common, crossbars: sizes('sequential'), seed: 2, trafficCache: cache });
    await simulateCrossbars({ ...common, crossbars: sizes('sequential'), seed: 1, energyImages: 10, trafficCache: cache });
    await simulateCrossbars({ ...common, crossbars: [loadCrossbar('base', { rows: 32, cols: 32 })], seed: 1, trafficCache: cache });
    await simulateCrossbars({ ...common, crossbars: sizes('fifo'), seed: 1, trafficCache: cache });
    expect(cache.computed).toBe(5);
    await simulateCrossbars({ ...common, crossbars: sizes('sequential'), seed: 2, trafficCache: cache });
    expect(cache.computed).toBe(5);
  });

  it('with device variation (two samples whose spikes differ) every record still equals simulating without the cache', async () => {
    const cache = countingCache();
    const replays = vi.spyOn(CrossbarDrive, 'fromTraffic');
    const common = { checkpoint: denseCheckpoint(), crossbars: sizes('sequential'), seed: 4, samples: 2, ...images };
    const a = await simulateCrossbars({ ...common, device: 'rram-hfox-32nm', sigma: 0.15, trafficCache: cache });
    const b = await simulateCrossbars({ ...common, device: 'pcm-gst-32nm', sigma: 0.15, trafficCache: cache });
    const a0 = await simulateCrossbars({ ...common, device: 'rram-hfox-32nm', sigma: 0.15 });
    const b0 = await simulateCrossbars({ ...common, device: 'pcm-gst-32nm', sigma: 0.15 });
    expect(a.map((r) => simulationRecord(r, meta))).toEqual(a0.map((r) => simulationRecord(r, meta)));
    expect(b.map((r) => simulationRecord(r, meta))).toEqual(b0.map((r) => simulationRecord(r, meta)));
    expect(cache.computed + replays.mock.calls.length / 2).toBe(4); // two devices × two samples
  });
});
