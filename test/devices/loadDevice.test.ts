import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XsnnError } from '../../src/config/index.js';
import { loadDevice } from '../../src/devices/index.js';
import { errorOf } from '../_support/errorOf.js';

const dir = mkdtempSync(join(tmpdir(), 'xsnn-devices-'));
function yaml(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('loadDevice', () => {
  it('loads by name and by path, resolving extends into SI numbers', () => {
    const byName = loadDevice('rram-hfox-32nm');
    const file = yaml('mine.yaml', 'extends: rram-hfox-32nm\nname: mine\nsource: a test fixture\nread:\n  voltage: 150 mV\n');
    const mine = loadDevice(file);
    expect(mine.readVoltageV).toBeCloseTo(0.15, 12);
    expect(mine.gMaxS).toBe(byName.gMaxS);
    expect(mine.name).toBe('mine');
  });

  it('names the file, line, field and both units when a dimension is wrong', () => {
    const file = yaml('bad-unit.yaml', 'extends: base\nname: bad\nsource: a test fixture\nconductance:\n  rOn: 10 V\n  onOffRatio: 10\n');
    const err = errorOf(() => loadDevice(file));
    expect(err.location.file).toBe(file);
    expect(err.location.line).toBe(5);
    expect(err.location.field).toBe('conductance.rOn');
    expect(err.message).toContain('bad-unit.yaml:5');
    expect(err.message).toContain('ohm');
    expect(err.message).toContain('V');
    expect(err.message).toMatch(/not a resistance/);
  });

  it('rejects a time without a unit, an unknown key, and a missing source', () => {
    expect(errorOf(() => loadDevice(yaml('bare.yaml', 'extends: base\nread:\n  pulse: 5\n'))).message).toMatch(/read\.pulse.*time with a unit/);
    expect(errorOf(() => loadDevice(yaml('unknown.yaml', 'extends: base\ncolour: blue\n'))).message).toMatch(/unknown key 'colour'/);
    const base = loadDevice('base');
    expect(base.source).toMatch(/NeuroSim/);
  });

  it('rejects mixing rOn/onOffRatio with gMin/gMax and out-of-range fractions', () => {
    expect(errorOf(() => loadDevice(yaml('mixed.yaml', 'extends: base\nconductance:\n  gMin: 1 uS\n  gMax: 10 uS\n'))).message).toMatch(
      /either rOn \+ onOffRatio or gMin \+ gMax/,
    );
    expect(errorOf(() => loadDevice(yaml('sigma.yaml', 'extends: base\nfaults:\n  stuckAtHrs: 1.5\n'))).location.field).toBe('faults.stuckAtHrs');
  });

  it('accepts gMin/gMax and an explicit level list in a preset without extends', () => {
    const text = `name: listed
source: a test fixture
node: 45 nm
conductance: { gMin: 1 uS, gMax: 4 uS }
levels: [1 uS, 1.5 uS, 3 uS, 4 uS]
variation: { deviceToDevice: { distribution: lognormal, sigma: 0.01 }, writeCycleToCycle: 0, readNoise: 0 }
faults: { stuckAtHrs: 0, stuckAtLrs: 0 }
read: { voltage: 0.2 V, pulse: 10 ns }
write: { voltage: 2 V, pulse: 100 ns, pulsesPerLevel: 2 }
cell: { type: 0T1R, area: 4 F^2, transistors: 0 }
prunedPositions: gmin
`;
    const d = loadDevice(yaml('listed.yaml', text));
    expect(d.levelCount).toBe(4);
    expect(d.levelListS).toEqual([1e-6, 1.5e-6, 3e-6, 4e-6]);
    expect(d.cellAreaM2).toBeCloseTo(4 * 45e-9 * 45e-9, 25);
    const bad = text.replace('levels: [1 uS, 1.5 uS, 3 uS, 4 uS]', 'levels: [1 uS, 3 uS, 2 uS]');
    expect(errorOf(() => loadDevice(yaml('unsorted.yaml', bad))).message).toMatch(/ascending/);
  });

  it('fails fast on an empty reference and names unknown presets', () => {
    expect(() => loadDevice('')).toThrow(XsnnError);
    expect(errorOf(() => loadDevice('no-such-device')).message).toMatch(/unknown devices preset 'no-such-device'.*rram-hfox-32nm/);
  });
});
