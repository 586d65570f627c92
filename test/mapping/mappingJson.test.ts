import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMapping, mappingToJson, parseMapping, saveMapping, mapWeights, verifyMapping } from '../../src/mapping/index.js';
import { digitReceptiveFieldsSmall } from './fixtures.js';

describe('mapping files', () => {
  const w = digitReceptiveFieldsSmall();
  const m = mapWeights(w, { tileRows: 16, tileCols: 8, seed: 3 });

  it('round-trip: a saved mapping loads back equal and still verifies', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xsnn-map-'));
    const file = join(dir, 'm.json');
    saveMapping(file, m);
    expect(readdirSync(dir)).toEqual(['m.json']);
    const back = loadMapping(file);
    expect(back).toEqual(m);
    expect(verifyMapping(back, w)).toEqual([]);
  });

  it('records format, version, options, metrics and candidates', () => {
    const j = JSON.parse(mappingToJson(m)) as Record<string, unknown>;
    expect(j['format']).toBe('xsnn-mapping');
    expect(j['version']).toBe(1);
    expect(j['options']).toMatchObject({ tileRows: 16, tileCols: 8, splitColumns: true, algorithm: 'packer', seed: 3 });
    expect(Object.keys(j['metrics'] as object)).toEqual(
      expect.arrayContaining(['tiles', 'naiveTiles', 'lowerBound', 'utilisation', 'sumLambda', 'sumMu', 'rowReadEnergy']),
    );
    expect((j['candidates'] as unknown[]).length).toBeGreaterThan(5);
  });

  it('is byte-identical for the same seed once timing is left out', () => {
    const again = mapWeights(w, { tileRows: 16, tileCols: 8, seed: 3 });
    expect(mappingToJson(again, { timing: false })).toBe(mappingToJson(m, { timing: false }));
  });

  it('rejects broken files with the file and field named', () => {
    expect(() => parseMapping('{', 'x.json')).toThrow(/x\.json: not valid JSON/);
    const j = JSON.parse(mappingToJson(m)) as { options: Record<string, unknown> };
    j.options['tileRows'] = 0;
    expect(() => parseMapping(JSON.stringify(j), 'x.json')).toThrow(/x\.json: field 'options\.tileRows'/);
    const k = JSON.parse(mappingToJson(m)) as Record<string, unknown>;
    k['extra'] = 1;
    expect(() => parseMapping(JSON.stringify(k), 'x.json')).toThrow(/not an xsnn mapping/);
    const dir = mkdtempSync(join(tmpdir(), 'xsnn-map-'));
    writeFileSync(join(dir, 'v2.json'), JSON.stringify({ ...JSON.parse(mappingToJson(m)), version: 2 }));
    expect(() => loadMapping(join(dir, 'v2.json'))).toThrow(/field 'version'/);
  });
});
