import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadYaml, parseYamlText, readYaml, loadPreset, XsnnError, positiveQuantity, quantity, citationSchema } from '../../src/config/index.js';
import { tempDir } from '../_support/images.js';

const schema = z.strictObject({
  name: z.string(),
  source: citationSchema,
  read: z.strictObject({ voltage: quantity('voltage'), pulse: positiveQuantity('time') }),
  levels: z.array(z.number()).optional(),
});

let dir: string;
function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function caught(fn: () => unknown): XsnnError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(XsnnError);
    return err as XsnnError;
  }
  throw new Error('expected an XsnnError, nothing was thrown');
}

beforeAll(() => {
  dir = tempDir('xsnn-yaml-');
  mkdirSync(dir, { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = ['name: cell', 'source: a datasheet', 'read:', '  voltage: 0.2 V', '  pulse: 10 ns', ''].join('\n');

describe('loadYaml', () => {
  it('returns the validated value with units in SI', () => {
    const file = write('good.yaml', good);
    expect(loadYaml(file, schema)).toEqual({ name: 'cell', source: 'a datasheet', read: { voltage: 0.2, pulse: 1e-8 } });
  });

  it('reports malformed YAML with the file and line', () => {
    const file = write('malformed.yaml', ['name: cell', 'source: x y z', 'read: [1, 2', 'levels: 3', ''].join('\n'));
    const err = caught(() => loadYaml(file, schema));
    expect(err.message).toMatch(/malformed YAML/);
    expect(err.location.file).toBe(file);
    expect(err.location.line).toBeGreaterThanOrEqual(3);
    expect(err.location.line).toBeLessThanOrEqual(4);
    expect(err.message).toContain(`${file}:${err.location.line}`);
    const dup = write('dup.yaml', ['name: a', 'name: b', ''].join('\n'));
    expect(caught(() => readYaml(dup)).message).toContain(`${dup}:2`);
  });

  it('reports an unknown key with its field path and line', () => {
    const file = write('unknown.yaml', ['name: cell', 'source: a datasheet', 'read:', '  voltage: 0.2 V', '  pulse: 10 ns', '  volts: 3', ''].join('\n'));
    const err = caught(() => loadYaml(file, schema));
    expect(err.message).toContain("unknown key 'volts'");
    expect(err.location).toMatchObject({ file, line: 6, field: 'read' });
    expect(err.message).toContain(`${file}:6`);
  });

  it('reports a wrong unit with the file, field, line, and both units', () => {
    const file = write('unit.yaml', ['name: cell', 'source: a datasheet', 'read:', '  voltage: 10 ohm', '  pulse: 10 ns', ''].join('\n'));
    const err = caught(() => loadYaml(file, schema));
    expect(err.location).toMatchObject({ file, line: 4, field: 'read.voltage' });
    expect(err.message).toContain(`${file}:4`);
    expect(err.message).toContain("field 'read.voltage'");
    expect(err.message).toContain('not a voltage');
    expect(err.message).toMatch(/in V\b/);
    expect(err.message).toContain('ohm');
  });

  it('reports a missing field at its parent and a non-mapping document at line 1', () => {
    const file = write('missing.yaml', ['name: cell', 'source: a datasheet', 'read:', '  voltage: 1 V', ''].join('\n'));
    const err = caught(() => loadYaml(file, schema));
    expect(err.location).toMatchObject({ file, field: 'read.pulse', line: 4 });
    expect(caught(() => parseYamlText('- a\n- b\n', 'list.yaml')).message).toContain('list.yaml:1');
    expect(caught(() => readYaml(join(dir, 'absent.yaml'))).message).toContain('ENOENT');
  });
});

describe('loadPreset with extends:', () => {
  it('deep-merges mappings and replaces everything else, override over base', () => {
    write('base.yaml', ['name: base', 'source: the base paper', 'read:', '  voltage: 0.2 V', '  pulse: 10 ns', 'levels: [1, 2, 3]', ''].join('\n'));
    const over = write('over.yaml', ['extends: base', 'name: over', 'read:', '  voltage: 300 mV', 'levels: [9]', ''].join('\n'));
    const p = loadPreset('devices', over, schema);
    expect(p.value).toEqual({ name: 'over', source: 'the base paper', read: { voltage: 0.3, pulse: 1e-8 }, levels: [9] });
    expect(p.name).toBe('over');
    expect(p.chain.map((s) => s.file)).toEqual([over, join(dir, 'base.yaml')]);
    expect(p.raw).not.toHaveProperty('extends');
  });

  it('follows chains of several files, by name or relative path', () => {
    write('mid.yaml', ['extends: ./base.yaml', 'read:', '  pulse: 20 ns', ''].join('\n'));
    const top = write('top.yaml', ['extends: mid', 'name: top', ''].join('\n'));
    const p = loadPreset('devices', top, schema);
    expect(p.chain).toHaveLength(3);
    expect(p.value.read).toEqual({ voltage: 0.2, pulse: 2e-8 });
  });

  it('detects cycles', () => {
    write('cycA.yaml', ['extends: cycB', 'name: a', ''].join('\n'));
    write('cycB.yaml', ['extends: cycA', 'name: b', ''].join('\n'));
    const err = caught(() => loadPreset('devices', join(dir, 'cycA.yaml'), schema));
    expect(err.message).toContain('cycle');
    expect(err.location.field).toBe('extends');
    const self = write('self.yaml', ['extends: self', 'name: s', ''].join('\n'));
    expect(caught(() => loadPreset('devices', self, schema)).message).toContain('cycle');
  });

  it('names the override file when the bad field is in the override', () => {
    const over = write('badOver.yaml', ['extends: base', 'name: x', 'read:', '  voltage: 2 A', ''].join('\n'));
    const err = caught(() => loadPreset('devices', over, schema));
    expect(err.location).toMatchObject({ file: over, line: 4, field: 'read.voltage' });
    const unknown = write('unknownOver.yaml', ['extends: base', 'name: x', 'colour: red', ''].join('\n'));
    expect(caught(() => loadPreset('devices', unknown, schema)).location).toMatchObject({ file: unknown, line: 3 });
  });

  it('names the base file when the bad field is in the base', () => {
    const base = write('badBase.yaml', ['name: b', 'source: the base paper', 'read:', '  voltage: 0.2 V', '  pulse: -5 ns', ''].join('\n'));
    const over = write('okOver.yaml', ['extends: badBase', 'name: x', 'read:', '  voltage: 0.1 V', ''].join('\n'));
    const err = caught(() => loadPreset('devices', over, schema));
    expect(err.location).toMatchObject({ file: base, line: 5, field: 'read.pulse' });
    expect(err.message).toContain('positive time');
  });

  it('refuses a non-string extends and an unknown base', () => {
    const f = write('extNum.yaml', ['extends: 3', 'name: x', ''].join('\n'));
    expect(caught(() => loadPreset('devices', f, schema)).location).toMatchObject({ file: f, line: 1, field: 'extends' });
    const g = write('extMissing.yaml', ['extends: no-such-preset-anywhere', ''].join('\n'));
    expect(caught(() => loadPreset('devices', g, schema)).message).toContain("unknown devices preset 'no-such-preset-anywhere'");
    expect(caught(() => loadPreset('devices', join(dir, 'nope.yaml'), schema)).message).toContain('no such devices preset file');
  });
});
