import { describe, expect, it } from 'vitest';
import { XsnnError, formatQuantity, parseFeatureArea, parseQuantity, SI_UNITS, type Dimension } from '../../src/config/index.js';

/** Relative comparison: unit conversion may leave a last-bit rounding error. */
function expectSi(text: string, dim: Dimension, si: number): void {
  const v = parseQuantity(text, dim);
  expect(Math.abs(v - si)).toBeLessThanOrEqual(Math.abs(si) * 1e-12);
}

describe('parseQuantity', () => {
  const cases: Array<[Dimension, string, number, string, number]> = [
    ['resistance', '100 kohm', 1e5, '2.5 Mohm', 2.5e6],
    ['conductance', '10 uS', 1e-5, '3 mS', 3e-3],
    ['voltage', '0.2 V', 0.2, '200 mV', 0.2],
    ['current', '10 uA', 1e-5, '4 nA', 4e-9],
    ['time', '10 ns', 1e-8, '350 ms', 0.35],
    ['frequency', '1 GHz', 1e9, '63.75 Hz', 63.75],
    ['energy', '1 pJ', 1e-12, '2 fJ', 2e-15],
    ['power', '1 mW', 1e-3, '3 uW', 3e-6],
    ['length', '45 nm', 4.5e-8, '1 um', 1e-6],
    ['area', '1 um^2', 1e-12, '100 nm^2', 1e-16],
    ['capacitance', '1 fF', 1e-15, '10 pF', 1e-11],
  ];

  it('covers every dimension in SI_UNITS', () => {
    expect(cases.map((c) => c[0]).sort()).toEqual(Object.keys(SI_UNITS).sort());
  });

  for (const [dim, a, va, b, vb] of cases) {
    it(`reads a ${dim} in its SI unit and with prefixes ("${a}", "${b}")`, () => {
      expectSi(`1 ${SI_UNITS[dim]}`, dim, 1);
      expectSi(a, dim, va);
      expectSi(b, dim, vb);
    });
  }

  it('accepts derived units of the same dimension and exponent notation', () => {
    expectSi('1 V/A', 'resistance', 1);
    expectSi('2 J/s', 'power', 2);
    expectSi('1e3 ohm', 'resistance', 1000);
    expectSi('  5 ns ', 'time', 5e-9);
  });

  it('names the expected and the received unit when the dimension is wrong', () => {
    const err = (() => {
      try {
        parseQuantity('10 V', 'resistance');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(XsnnError);
    const msg = (err as Error).message;
    expect(msg).toContain('not a resistance');
    expect(msg).toContain('ohm');
    expect(msg).toMatch(/in V\b/);
    expect(() => parseQuantity('1 m', 'area')).toThrow(/m\^2.*received "1 m" in m/);
    expect(() => parseQuantity('1 pJ', 'power')).toThrow(/expected a power in W/);
  });

  it('refuses a bare number, a unit without a number, and text that is not a quantity', () => {
    expect(() => parseQuantity('5', 'resistance')).toThrow(/no unit/);
    expect(() => parseQuantity('kohm', 'resistance')).toThrow(/no number/);
    expect(() => parseQuantity('abc', 'voltage')).toThrow(XsnnError);
    expect(() => parseQuantity('', 'voltage')).toThrow(XsnnError);
  });
});

describe('parseFeatureArea', () => {
  it('reads squared feature sizes in the accepted spellings', () => {
    expect(parseFeatureArea('4 F^2')).toBe(4);
    expect(parseFeatureArea('360 F2')).toBe(360);
    expect(parseFeatureArea('12F²')).toBe(12);
    expect(parseFeatureArea('1.5e2 F^2')).toBe(150);
    expect(parseFeatureArea(' 0.5 F^2 ')).toBe(0.5);
  });

  it('refuses farads, metres and missing numbers', () => {
    for (const bad of ['4 F', '4 m^2', 'F^2', '4', 'four F^2']) expect(() => parseFeatureArea(bad)).toThrow(XsnnError);
    expect(() => parseFeatureArea('4 F')).toThrow(/expected a number of squared feature sizes/);
  });
});

describe('formatQuantity', () => {
  it('picks an engineering prefix', () => {
    expect(formatQuantity(1.2e-12, 'J')).toBe('1.2 pJ');
    expect(formatQuantity(1500, 'ohm')).toBe('1.5 kohm');
    expect(formatQuantity(-2.5e-9, 's')).toBe('-2.5 ns');
    expect(formatQuantity(0.2, 'V')).toBe('200 mV');
    expect(formatQuantity(1, 'W')).toBe('1 W');
    expect(formatQuantity(0, 'J')).toBe('0 J');
  });

  it('round-trips through parseQuantity', () => {
    for (const v of [3.3e-15, 4.7e-9, 0.25, 12, 6.8e4, 2.2e8]) {
      const text = formatQuantity(v, 'J', 6);
      expect(Math.abs(parseQuantity(text, 'energy') - v) / v).toBeLessThan(1e-6);
    }
  });
});
