import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listPresetNames, XsnnError } from '../../src/config/index.js';
import { loadCrossbar } from '../../src/crossbar/index.js';
import { errorOf } from '../_support/errorOf.js';

const dir = mkdtempSync(join(tmpdir(), 'xsnn-crossbar-'));
function yaml(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('loadCrossbar', () => {
  it.each(listPresetNames('crossbar'))('preset %s loads with a device, a source and at least one weight per row', (name) => {
    const x = loadCrossbar(name);
    expect(x.source.length).toBeGreaterThan(10);
    expect(x.logicalCols).toBeGreaterThanOrEqual(1);
    expect(x.logicalCols * x.columnsPerWeight).toBeLessThanOrEqual(x.cols);
    expect(x.device.gMaxS).toBeGreaterThan(0);
  });

  it('reads the NeuroSim cross-check preset: 128x128 RRAM at 32 nm, 5-bit SAR ADC per 8 columns', () => {
    const x = loadCrossbar('rram-128x128-adc5');
    expect([x.rows, x.cols]).toEqual([128, 128]);
    expect(x.nodeM).toBeCloseTo(32e-9, 20);
    expect(x.device.name).toBe('rram-hfox-32nm');
    expect(x.periphery).toEqual({ kind: 'adc', bits: 5, columnsPerAdc: 8, model: 'neurosim-sar' });
  });

  it('accepts the RxC shorthand for any positive size and rejects 0 or negative sizes', () => {
    const x = loadCrossbar('96x200');
    expect([x.rows, x.cols, x.name]).toEqual([96, 200, '96x200']);
    expect(loadCrossbar('1x1').logicalCols).toBe(1);
    expect(loadCrossbar('128×64').cols).toBe(64);
    for (const bad of ['0x128', '128x0', '-4x16', '16x-1']) expect(() => loadCrossbar(bad)).toThrow(XsnnError);
    expect(errorOf(() => loadCrossbar('0x128')).location.field).toBe('rows');
    expect(() => loadCrossbar('base', { cols: 0 })).toThrow(/cols must be a whole number >= 1/);
  });

  it('overrides the device and applies bit-slicing (SRAM: 8 columns per 8-bit weight)', () => {
    const s = loadCrossbar('sram-128x128-8bit');
    expect(s.cellsPerWeight).toBe(8);
    expect(s.logicalCols).toBe(16);
    expect(s.nodeM).toBeCloseTo(22e-9, 20);
    const other = loadCrossbar('base', { device: 'pcm-gst-32nm' });
    expect(other.device.name).toBe('pcm-gst-32nm');
  });

  it('parses weight precision as bits or levels, and the differential encoding doubles columns', () => {
    const f = yaml('levels.yaml', 'extends: base\nname: t\nsource: a test fixture\nweightPrecision: 256 levels\nweightEncoding: differential\n');
    const x = loadCrossbar(f);
    expect(x.weightBits).toBe(8);
    expect(x.cellsPerWeight).toBe(2); // 128-level HfOx: 7 bits per cell
    expect(x.columnsPerWeight).toBe(4);
    expect(x.logicalCols).toBe(32);
    expect(errorOf(() => loadCrossbar(yaml('prec.yaml', 'extends: base\nweightPrecision: many\n'))).location.field).toBe('weightPrecision');
  });

  it('names file, line and field for a bad size in YAML, and a tile too narrow for one weight', () => {
    const err = errorOf(() => loadCrossbar(yaml('zero.yaml', 'extends: base\nname: t\nsource: a test fixture\nrows: 0\n')));
    expect(err.location.field).toBe('rows');
    expect(err.location.line).toBe(4);
    expect(err.message).toContain('zero.yaml:4');
    const narrow = yaml('narrow.yaml', 'extends: sram-128x128-8bit\nname: t\nsource: a test fixture\ncols: 4\n');
    expect(errorOf(() => loadCrossbar(narrow)).message).toMatch(/cannot hold one weight/);
  });

  it('resolves a device path written in a preset relative to that preset', () => {
    writeFileSync(join(dir, 'dev.yaml'), 'extends: rram-hfox-32nm\nname: local device\nsource: a test fixture\nlevels: 16\n');
    const x = loadCrossbar(yaml('local.yaml', 'extends: base\nname: t\nsource: a test fixture\ndevice: ./dev.yaml\n'));
    expect(x.device.levelCount).toBe(16);
  });
});
