import { describe, expect, it } from 'vitest';
import {
  crossbarLabel,
  displayUnit,
  formatAccuracy,
  formatCountsAlike,
  formatFigure,
  formatPointDifference,
  formatRange,
  formatRatio,
  formatSignificant,
} from '../../src/core/formatFigure.js';

describe('formatSignificant', () => {
  it('keeps four significant digits without rounding the integer part', () => {
    expect(formatSignificant(248.53)).toBe('248.5');
    expect(formatSignificant(37104.3)).toBe('37,104');
    expect(formatSignificant(0.0012345678)).toBe('0.001235');
    expect(formatSignificant(1.5699999999999998)).toBe('1.57');
    expect(formatSignificant(13.218953377735492)).toBe('13.22');
  });

  it('prints exact integers whole, grouping thousands from 10,000', () => {
    expect(formatSignificant(2048)).toBe('2048');
    expect(formatSignificant(39200)).toBe('39,200');
    expect(formatSignificant(627347308)).toBe('627,347,308');
  });

  it('groups counts read side by side alike: all of them once one reaches 10,000', () => {
    expect(formatCountsAlike([3895, 11827])).toEqual(['3,895', '11,827']);
    expect(formatCountsAlike([3895, 512])).toEqual(['3895', '512']);
    expect(formatCountsAlike([38427, 10184, 12])).toEqual(['38,427', '10,184', '12']);
    expect(formatCountsAlike([-10000, 2048])).toEqual(['\u221210,000', '2,048']);
  });

  it('writes negatives with a true minus sign and extremes in exponent form', () => {
    expect(formatSignificant(-4)).toBe('\u22124');
    expect(formatSignificant(1.2346e-20)).toBe('1.235e\u221220');
    expect(formatSignificant(0)).toBe('0');
    expect(formatSignificant(Number.POSITIVE_INFINITY)).toBe('∞');
  });
});

describe('display units', () => {
  it('shows energy, power and conductance in the prefix where the largest value is at least 1', () => {
    expect(formatFigure(1.334e-7, 'J')).toBe('133.4 nJ');
    expect(formatFigure(6.875000000000001e-15, 'J')).toBe('6.875 fJ');
    expect(formatFigure(0.0000010000000000000002, 'S')).toBe('1 µS');
    expect(formatFigure(3.488681651175642e-7, 'W')).toBe('348.9 nW');
    expect(formatFigure(1.25e-9, 'J/S')).toBe('1.25 nJ/S');
  });

  it('shows areas below 1 mm² in µm², as the summary does, and F/m in fF/µm', () => {
    expect(formatFigure(1.5699999999999998e-11, 'm^2')).toBe('15.7 µm²');
    expect(formatFigure(3.7104e-8, 'm^2')).toBe('37,104 µm²');
    expect(formatFigure(2.5e-6, 'm^2')).toBe('2.5 mm²');
    expect(formatFigure(2e-10, 'F/m')).toBe('0.2 fF/µm');
  });

  it('leaves plain numbers and units without prefixes as they are', () => {
    expect(formatFigure(26, '1')).toBe('26');
    expect(formatFigure(16, 'F^2')).toBe('16 F²');
    expect(displayUnit('W/m^2', [13.2])).toEqual({ factor: 1, unit: 'W/m²' });
  });

  it('gives a range one unit, that of its larger end', () => {
    expect(formatRange(1.472e-7, 2.116e-5, 'J')).toBe('0.1472 … 21.16 µJ');
    expect(formatRange(3.906e-14, 3.906e-14, 'J')).toBe('39.06 fJ');
  });
});

describe('comparisons', () => {
  it('states accuracy differences one way, in signed percentage points', () => {
    expect(formatPointDifference(0.4833 - 0.5233)).toBe('\u22124.00 points');
    expect(formatPointDifference(0.0033)).toBe('+0.33 points');
    expect(formatPointDifference(0)).toBe('0.00 points');
  });

  it('writes ratios with exactly three significant digits and ×, trailing zeros kept, not-finite as a dash', () => {
    expect(formatRatio(1.8627)).toBe('1.86×');
    expect(formatRatio(2)).toBe('2.00×');
    expect(formatRatio(3.6)).toBe('3.60×');
    expect(formatRatio(12.34)).toBe('12.3×');
    expect(formatRatio(9.9996)).toBe('10.0×');
    expect(formatRatio(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('gives ± only with two samples or more', () => {
    expect(formatAccuracy(0.5233, 0.0141, 2)).toBe('52.33 ± 1.41 %');
    expect(formatAccuracy(0.5233, 0, 1)).toBe('52.33 %');
  });

  it('names a crossbar once when its name is its size', () => {
    expect(crossbarLabel('64x64', 64, 64)).toBe('64×64');
    expect(crossbarLabel('64×64', 64, 64)).toBe('64×64');
    expect(crossbarLabel('base', 64, 64)).toBe('base (64×64)');
  });
});
