import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// End-to-end: runs the built CLI (npm test compiles first).
function xsnn(...args: string[]) {
  return spawnSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8' });
}

describe('xsnn presets (CLI)', () => {
  it('--json lists every preset of every kind with name, kind and source', () => {
    const r = xsnn('presets', '--json');
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as Array<{ name: string; kind: string; source: string }>;
    const kinds = new Set(list.map((p) => p.kind));
    expect(kinds.has('devices')).toBe(true);
    expect(kinds.has('crossbar')).toBe(true);
    for (const p of list) {
      expect(typeof p.name).toBe('string');
      expect(p.source.length).toBeGreaterThan(3);
    }
    expect(list.find((p) => p.kind === 'devices' && p.name === 'rram-hfox-32nm')?.source).toMatch(/NeuroSim V3.0 user manual, Table II/);
    expect(list.find((p) => p.kind === 'crossbar' && p.name === 'rram-128x128-adc5')).toBeDefined();
  });

  it('show marks the values a preset overrides and prints resolved SI values', () => {
    const r = xsnn('presets', 'show', 'rram-hfox-32nm');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\* conductance\.rOn\s+100 kohm\s+\(overrides base: 200 kohm\)$/m);
    expect(r.stdout).toMatch(/^ {2}read\.voltage\s+0\.5 V$/m);
    expect(r.stdout).toContain('G_min = 1 uS, G_max = 10 uS');
    const j = JSON.parse(xsnn('presets', 'show', 'rram-128x128-adc5', '--json').stdout) as { fields: Array<{ path: string; origin: string }> };
    expect(j.fields.find((f) => f.path === 'periphery.kind')?.origin).toBe('override');
    expect(j.fields.find((f) => f.path === 'periphery.bits')?.origin).toBe('own');
  });

  it('fails with a clear message and exit 1 for an unknown name or a wrong unit', () => {
    const r = xsnn('presets', 'show', 'no-such-preset');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/xsnn: error: no preset named 'no-such-preset'/);
    const dir = mkdtempSync(join(tmpdir(), 'xsnn-cli-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'extends: base\nread:\n  voltage: 3 ns\n');
    const bad = xsnn('presets', 'show', file, '--kind', 'devices');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/bad\.yaml:3: field 'read\.voltage': "3 ns" is not a voltage/);
  });
});
