import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCrossbar } from '../../src/crossbar/loadCrossbar.js';
import type { CrossbarSpec } from '../../src/crossbar/CrossbarSpec.js';
import { areaOf, delayBufferBits } from '../../src/energy/areaOf.js';
import { energyFromCounts } from '../../src/energy/energyFromCounts.js';
import { eventEnergies } from '../../src/energy/eventEnergies.js';
import { zeroEventCounts, type StepActivity } from '../../src/energy/EventCounts.js';
import { latencyFromCounts } from '../../src/energy/latencyFromCounts.js';
import { stepTiming } from '../../src/energy/stepTiming.js';
import { fcOptions } from '../_support/fc.js';

const withTiming = (xb: CrossbarSpec, timing: Partial<CrossbarSpec['timing']>): CrossbarSpec => ({ ...xb, timing: { ...xb.timing, ...timing } });
const activity = (a: Partial<StepActivity>): StepActivity => ({ steps: 700, busiestReadCycles: 0, busiestPackets: 0, activeSteps: 0, pipelinedS: 0, ...a });

describe('latency model (docs/timing.md)', () => {
  const xb = loadCrossbar('rram-64x64');
  const t = stepTiming(xb, xb.device, { tiles: 40, neurons: 400 });
  const lat = (crossbar: CrossbarSpec, a: StepActivity) => latencyFromCounts({ activity: a, timing: t, crossbar, dtS: 0.5e-3, inferences: 1 });

  it('never decreases when the busiest tile gets more work (read cycles or partial-sum packets)', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), fc.nat(100), fc.nat(100), (c, p, dc, dp) => {
        const a = lat(xb, activity({ busiestReadCycles: c, busiestPackets: p })).totalS;
        const b = lat(xb, activity({ busiestReadCycles: c + dc, busiestPackets: p + dp })).totalS;
        expect(b).toBeGreaterThanOrEqual(a);
      }),
      fcOptions(100),
    );
  });

  it('has the idle floor steps · (t_LIF + t_inh) without input spikes', () => {
    const r = lat(xb, activity({ steps: 700 }));
    expect(r.totalS).toBeCloseTo(700 * (t.neuronS.valueSI + t.inhibitionS.valueSI), 18);
    expect(r.breakdownS.sensing).toBe(0);
  });

  it('realtime latency is steps · dt exactly, and leakage is power × latency exactly', () => {
    const real = lat(withTiming(xb, { mode: 'realtime' }), activity({ steps: 700, busiestReadCycles: 900 }));
    expect(real.totalS).toBe(700 * 0.5e-3);
    expect(real.leakageTimeS).toBe(real.totalS);
    const acc = lat(xb, activity({ steps: 700, busiestReadCycles: 900 }));
    const e = eventEnergies(xb.device, xb, { tiles: 40, neurons: 400 });
    for (const l of [real, acc]) {
      const energy = energyFromCounts({ ...zeroEventCounts(), simulatedTimeS: 0.35, inferences: 1 }, e, { latency: l });
      expect(energy.breakdownJ.leakage).toBe(l.totalS * e.leakagePower.valueSI);
    }
    const gated = lat(withTiming(xb, { mode: 'realtime', powerGatedFraction: 0.5 }), activity({ steps: 700, busiestReadCycles: 900 }));
    expect(gated.leakageTimeS).toBeCloseTo(0.5 * 700 * 0.5e-3 + 0.5 * acc.totalS, 15);
  });

  it('pipelined is never slower than unpipelined, and the explain terms sum to the totals', () => {
    const a = activity({ busiestReadCycles: 5000, busiestPackets: 200 });
    const un = lat(xb, a);
    const piped = lat(withTiming(xb, { pipelined: true }), { ...a, pipelinedS: 0.6 * un.totalS });
    expect(piped.totalS).toBeLessThanOrEqual(un.totalS);
    for (const r of [un, piped, lat(withTiming(xb, { mode: 'realtime' }), a)]) {
      const sum = r.terms.reduce((s, x) => s + x.valueSI, 0);
      expect(Math.abs(sum - r.totalS)).toBeLessThanOrEqual(1e-12 * r.totalS);
    }
  });
});

describe('buildable delays', () => {
  const base = loadCrossbar('rram-64x64');
  const impl = (i: 'sequential' | 'fifo' | 'none'): CrossbarSpec => ({ ...base, delays: { implementation: i } });

  it('each delay implementation costs area and energy; none costs nothing for delays', () => {
    const area = (x: CrossbarSpec, D: number) => areaOf({ tiles: 40, neurons: 400, inputs: 784, maxDelay: D }, x.device, x).breakdownM2.other;
    const none = area(impl('none'), 0);
    expect(area(impl('sequential'), 20)).toBeGreaterThan(none);
    expect(area(impl('fifo'), 20)).toBeGreaterThan(area(impl('sequential'), 20));
    expect(delayBufferBits(impl('none'), 40, 64, 784, 0)).toBe(0);
    expect(delayBufferBits(impl('sequential'), 40, 64, 784, 0)).toBe(0);
    const buf = (x: CrossbarSpec, D: number) => eventEnergies(x.device, x, { maxDelay: D }).spikeBufferEnergy.valueSI;
    expect(buf(impl('fifo'), 20)).toBeGreaterThan(buf(impl('none'), 0));
    expect(buf(impl('none'), 0)).toBe(buf(impl('sequential'), 0));
  });
});

describe('timing presets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xsnn-timing-'));
  const bad = (name: string, body: string): string => {
    const f = join(dir, `${name}.yaml`);
    writeFileSync(f, `extends: base\nname: bad\nsource: test preset\n${body}\n`);
    return f;
  };

  it('reject a negative clock, a latency in volts and an unknown mode with file, field and expected unit, and write nothing', () => {
    const before = readdirSync(dir).length;
    const cases: Array<[string, string, RegExp]> = [
      ['neg', 'timing:\n  clock: -1 GHz', /timing\.clock[\s\S]*positive frequency/],
      ['volts', 'neurons:\n  clock: 3 V', /neurons\.clock[\s\S]*frequency/],
      ['mode', 'timing:\n  mode: turbo', /timing\.mode[\s\S]*accelerated[\s\S]*realtime/],
    ];
    for (const [name, body, msg] of cases) {
      const f = bad(name, body);
      expect(() => loadCrossbar(f)).toThrow(msg);
      expect(() => loadCrossbar(f)).toThrow(new RegExp(`${name}\\.yaml`));
    }
    expect(readdirSync(dir).length).toBe(before + cases.length); // only the presets written here
  });

  it('parse units once: "500 MHz" is 5e8 Hz and "1 pJ" 1e-12 J', () => {
    const f = bad('ok', 'timing:\n  clock: 500 MHz\nneurons:\n  updateEnergy: 1 pJ');
    const xb = loadCrossbar(f);
    expect(xb.timing.clock).toBe(5e8);
    expect(xb.neurons.updateEnergy).toBeCloseTo(1e-12, 24);
  });
});
