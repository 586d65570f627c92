import { describe, expect, it } from 'vitest';
import { listPresetNames } from '../../src/config/index.js';
import { loadDevice } from '../../src/devices/index.js';
import { checkDeviceLaws } from './deviceLaws.js';

const names = listPresetNames('devices');

describe('device presets', () => {
  it('ships every device of hardware.md plus base and ideal', () => {
    for (const n of [
      'base',
      'rram-hfox-32nm',
      'rram-agsi-32nm',
      'pcm-gst-32nm',
      'fefet-hzo-32nm',
      'stt-mram-32nm',
      'sram-8t-22nm',
      'rram-1t1r-22nm',
      'ideal',
    ]) {
      expect(names).toContain(n);
    }
  });

  it.each(names)('%s loads, cites a source and satisfies the device laws', (name) => {
    const d = loadDevice(name);
    expect(d.source.length).toBeGreaterThan(10);
    expect(d.gMaxS).toBeGreaterThan(d.gMinS);
    expect(Math.abs(d.cellAreaM2 / (d.cellAreaF2 * d.nodeM ** 2) - 1)).toBeLessThan(1e-12);
    checkDeviceLaws(d, 15);
  });

  it('carries the figures of hardware.md', () => {
    const hf = loadDevice('rram-hfox-32nm');
    expect(1 / hf.gMaxS).toBeCloseTo(100e3, 6);
    expect(hf.gMaxS / hf.gMinS).toBeCloseTo(10, 9);
    expect(hf.levelCount).toBe(128);
    expect(hf.writeVoltageV).toBe(1.6);
    expect(hf.writePulseS).toBeCloseTo(50e-9, 20);
    expect(hf.writeCycleToCycleSigma).toBe(0.037);
    expect(hf.cellAreaF2).toBe(16);
    const agsi = loadDevice('rram-agsi-32nm');
    expect(1 / agsi.gMaxS).toBeCloseTo(26e6, 0);
    expect(agsi.levelCount).toBe(97);
    expect(agsi.writePulseS).toBeCloseTo(300e-6, 15);
    const pcm = loadDevice('pcm-gst-32nm');
    expect(1 / pcm.gMaxS).toBeCloseTo(4710, 6);
    expect(pcm.gMaxS / pcm.gMinS).toBeCloseTo(19.8, 9);
    const fe = loadDevice('fefet-hzo-32nm');
    expect(fe.levelCount).toBe(32);
    expect(fe.cellAreaF2).toBe(24);
    const mram = loadDevice('stt-mram-32nm');
    expect(mram.levelCount).toBe(2);
    expect(mram.cellAreaF2).toBe(100);
    const sram = loadDevice('sram-8t-22nm');
    expect(sram.cellType).toBe('SRAM');
    expect(sram.cellAreaF2).toBe(360);
    expect(sram.nodeM).toBeCloseTo(22e-9, 20);
    const r22 = loadDevice('rram-1t1r-22nm');
    expect(1 / r22.gMaxS).toBeCloseTo(6000, 6);
    expect(r22.cellAreaF2).toBe(60);
    const ideal = loadDevice('ideal');
    expect(ideal.levelCount).toBe(Number.POSITIVE_INFINITY);
    expect(ideal.stuckAtHrsRate + ideal.stuckAtLrsRate + ideal.readNoiseSigma + ideal.deviceToDevice.sigma + ideal.writeCycleToCycleSigma).toBe(0);
  });
});
