import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExcitatoryKernel, type ExcitatoryConstants } from '../../src/snn/_internals/ExcitatoryKernel.js';
import { fcOptions } from '../_support/fc.js';

const TINY = 1e-30;
const NEVER = -1e15;

interface ERef {
  vE: Float64Array;
  geE: Float64Array;
  giE: Float64Array;
  lastE: Float64Array;
  theta: Float64Array;
}

/** The scalar E update the kernel must reproduce bit for bit (docs/method.md, "Neuron model"). */
function scalarUpdate(a: ERef, lo: number, hi: number, n: number, c: ExcitatoryConstants, spiked: number[]): void {
  for (let j = lo; j < hi; j++) {
    const ge = a.geE[j]!,
      gi = a.giE[j]!;
    let th = a.theta[j]!;
    if (c.decTheta !== 1) {
      th *= c.decTheta;
      a.theta[j] = th;
    }
    const since = n - a.lastE[j]!;
    if (since >= c.refrSteps) {
      const v = a.vE[j]!;
      let nv: number;
      if (!c.limited || c.dtTauE * (1 + ge + gi) <= 1) {
        nv = v + c.dtTauE * (c.vRestMv - v + ge * (c.eExcMv - v) + gi * (c.eInhMv - v));
      } else nv = (c.vRestMv + ge * c.eExcMv + gi * c.eInhMv) / (1 + ge + gi);
      a.vE[j] = nv;
      if (nv > th + c.vThEMv && since >= c.timerSteps) spiked.push(j);
    }
    const nge = ge * c.decGe;
    a.geE[j] = nge < c.tiny ? 0 : nge;
    const ngi = gi * c.decGi;
    a.giE[j] = ngi < c.tiny ? 0 : ngi;
  }
}

/** Conductances: zero, around the flush threshold, ordinary, and large enough for the euler-limited branch. */
const conductance = fc.oneof(
  fc.constant(0),
  fc.double({ min: 0.5 * TINY, max: 4 * TINY, noNaN: true }),
  fc.double({ min: 0, max: 3, noNaN: true }),
  fc.double({ min: 50, max: 5000, noNaN: true }),
);

const neuron = fc.record({
  v: fc.double({ min: -120, max: 10, noNaN: true }),
  ge: conductance,
  gi: conductance,
  since: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant(Number.POSITIVE_INFINITY)),
  theta: fc.double({ min: 0, max: 30, noNaN: true }),
});

const testCase = fc
  .record({
    neurons: fc.array(neuron, { minLength: 1, maxLength: 23 }),
    n: fc.integer({ min: 1, max: 10_000 }),
    c: fc.record({
      dtTauE: fc.constantFrom(0.005, 0.05, 0.5),
      vThEMv: fc.double({ min: -75, max: -50, noNaN: true }),
      refrSteps: fc.integer({ min: 0, max: 10 }),
      timerSteps: fc.integer({ min: 0, max: 12 }),
      decGe: fc.constantFrom(0.5, 0.9),
      decGi: fc.constantFrom(0.75, 0.5),
      decTheta: fc.constantFrom(1, 1 - 5e-8),
      limited: fc.boolean(),
      vRestMv: fc.constant(-65),
      eExcMv: fc.constant(0),
      eInhMv: fc.constantFrom(-100, -85),
      tiny: fc.constant(TINY),
    }),
  })
  .chain((t) =>
    fc.record({
      t: fc.constant(t),
      range: fc
        .tuple(fc.integer({ min: 0, max: t.neurons.length - 1 }), fc.integer({ min: 1, max: t.neurons.length }))
        .map(([a, b]): [number, number] => (a < b ? [a, b] : [b - 1, a + 1])),
    }),
  );

function bits(a: Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice();
}

describe('ExcitatoryKernel', () => {
  it('leaves every neuron of its range bit for bit as the scalar update does, and lists the same spikes', () => {
    fc.assert(
      fc.property(testCase, ({ t, range: [lo, hi] }) => {
        const N = t.neurons.length;
        const k = new ExcitatoryKernel(N);
        const ref: ERef = {
          vE: new Float64Array(N),
          geE: new Float64Array(N),
          giE: new Float64Array(N),
          lastE: new Float64Array(N),
          theta: new Float64Array(N),
        };
        t.neurons.forEach((x, j) => {
          ref.vE[j] = x.v;
          ref.geE[j] = x.ge;
          ref.giE[j] = x.gi;
          ref.lastE[j] = Number.isFinite(x.since) ? t.n - x.since : NEVER;
          ref.theta[j] = x.theta;
        });
        for (const key of ['vE', 'geE', 'giE', 'lastE', 'theta'] as const) k[key].set(ref[key]);
        const before = { vE: bits(k.vE), geE: bits(k.geE) };
        const expected: number[] = [];
        scalarUpdate(ref, lo, hi, t.n, t.c, expected);
        const m = k.update(lo, hi, t.n, t.c);
        expect(Array.from(k.spiked.subarray(0, m))).toEqual(expected);
        for (const key of ['vE', 'geE', 'giE', 'lastE', 'theta'] as const) {
          expect(bits(k[key]).subarray(8 * lo, 8 * hi)).toEqual(bits(ref[key]).subarray(8 * lo, 8 * hi));
        }
        // neurons before the range are untouched; after it, only neuron hi may be (the last pair of an odd range)
        expect(bits(k.vE).subarray(0, 8 * lo)).toEqual(before.vE.subarray(0, 8 * lo));
        expect(bits(k.geE).subarray(8 * (hi + 1))).toEqual(before.geE.subarray(8 * (hi + 1)));
      }),
      fcOptions(300),
    );
  });

  it('flushes a conductance that decays below the threshold to +0', () => {
    const k = new ExcitatoryKernel(2);
    k.vE.fill(-65);
    k.lastE.fill(NEVER);
    k.geE.set([1.5 * TINY, 4 * TINY]);
    const c: ExcitatoryConstants = {
      dtTauE: 0.005,
      vThEMv: -52,
      refrSteps: 10,
      timerSteps: 10,
      decGe: 0.5,
      decGi: 0.5,
      decTheta: 1,
      limited: false,
      vRestMv: -65,
      eExcMv: 0,
      eInhMv: -100,
      tiny: TINY,
    };
    k.update(0, 2, 1, c);
    expect(Object.is(k.geE[0], 0)).toBe(true);
    expect(k.geE[1]).toBe(2 * TINY);
  });
});

/** The JavaScript delivery loops the kernel's `deliver` must reproduce bit for bit (SnnNetwork.deliverPlastic). */
function scalarDeliver(o: {
  groups: number[];
  gLo: Int32Array;
  gHi: Int32Array;
  col: Uint16Array;
  w: Float32Array;
  ge: Float64Array;
  dep: Float64Array;
  depressing: boolean;
}): void {
  for (const k of o.groups) {
    for (let e = o.gLo[k]!; e < o.gHi[k]!; e++) {
      const j = o.col[e]!;
      const wv = o.w[e]!;
      o.ge[j]! += wv;
      if (o.depressing) {
        const nw = wv - o.dep[j]!;
        o.w[e] = nw > 0 ? nw : 0;
      }
    }
  }
}

const deliveryCase = fc
  .record({
    neurons: fc.integer({ min: 1, max: 9 }),
    groupSizes: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 12 }),
    depressing: fc.boolean(),
  })
  .chain((t) => {
    const E = t.groupSizes.reduce((a, b) => a + b, 0);
    const K = t.groupSizes.length;
    return fc.record({
      t: fc.constant(t),
      col: fc.array(fc.integer({ min: 0, max: t.neurons - 1 }), { minLength: E, maxLength: E }),
      w: fc.array(fc.oneof(fc.constant(0), fc.float({ min: 0, max: 1, noNaN: true, noDefaultInfinity: true })), { minLength: E, maxLength: E }),
      dep: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-30, max: 0.5, noNaN: true })), { minLength: t.neurons, maxLength: t.neurons }),
      ge: fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: t.neurons, maxLength: t.neurons }),
      groups: fc.uniqueArray(fc.integer({ min: 0, max: K - 1 }), { maxLength: K }),
    });
  });

describe('ExcitatoryKernel.deliver', () => {
  it('adds the arriving groups into g_e, and lowers the weights of depressed neurons, bit for bit as the JavaScript loops', () => {
    fc.assert(
      fc.property(deliveryCase, ({ t, col, w, dep, ge, groups }) => {
        const K = t.groupSizes.length;
        const k = new ExcitatoryKernel(t.neurons, { entries: col.length, groups: K });
        const gLo = new Int32Array(K),
          gHi = new Int32Array(K);
        let e = 0;
        t.groupSizes.forEach((size, g) => {
          gLo[g] = e;
          gHi[g] = e += size;
        });
        k.gLo.set(gLo);
        k.gHi.set(gHi);
        k.col.set(col);
        k.w.set(w);
        k.dep.set(dep);
        k.geE.set(ge);
        k.groups.set(groups);
        const ref = {
          groups,
          gLo,
          gHi,
          col: Uint16Array.from(col),
          w: Float32Array.from(w),
          ge: Float64Array.from(ge),
          dep: Float64Array.from(dep),
          depressing: t.depressing,
        };
        scalarDeliver(ref);
        k.deliver(groups.length, t.depressing);
        expect(bits(k.geE)).toEqual(bits(ref.ge));
        expect(new Uint8Array(k.w.buffer, k.w.byteOffset, k.w.byteLength)).toEqual(new Uint8Array(ref.w.buffer));
      }),
      fcOptions(300),
    );
  });

  it('refuses to deliver without a delivery capacity', () => {
    expect(() => new ExcitatoryKernel(4).deliver(0, false)).toThrow(/ExcitatoryKernel.deliver: the kernel was built without a delivery capacity/);
  });
});

describe('the assembled kernels', () => {
  it('are the assembly of their .wat sources (scripts/buildWasm.mjs --check)', () => {
    const r = spawnSync(process.execPath, ['scripts/buildWasm.mjs', '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
