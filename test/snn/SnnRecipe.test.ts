import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listPresetNames, XsnnError } from '../../src/config/index.js';
import { loadRecipe, parseRecipe } from '../../src/snn/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'xsnn-recipe-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('SNN recipes', () => {
  it('defaults are method.md’s values, in ms and mV', () => {
    const r = parseRecipe({ source: 'test' });
    expect(r.network.neurons).toBe(400);
    expect(r.network.dt).toBeCloseTo(0.5, 12);
    expect(r.network.exc).toEqual({ vRest: -65, vReset: -65, vThresh: -52, refractory: 5, tauMembrane: 100, eExc: 0, eInh: -100, vInit: -105 });
    expect(r.network.inh).toEqual({ vRest: -60, vReset: -45, vThresh: -40, refractory: 2, tauMembrane: 10, eExc: 0, vInit: -100 });
    expect(r.network.synapses).toEqual({ tauGe: 1, tauGi: 2, wExcInh: 10.4, wInhExc: 17 });
    expect(r.network.threshold).toEqual({ thetaInit: 20, thetaOffset: 20, thetaPlus: 0.05, tauTheta: 1e7, timer: 0 });
    expect(r.network.input.pixelRate).toBe(0.125);
    expect(r.protocol).toMatchObject({ presentation: 350, rest: 150, intensityStart: 2, intensityStep: 1, minSpikes: 5, normalizeSum: 78, epochs: 1 });
    expect(r.learning).toMatchObject({ rule: 'dc2015', tauPre: 20, tauPost1: 20, tauPost2: 40, etaPre: 1e-4, etaPost: 1e-2, powerLaw: { xTar: 0.4, mu: 0.2 } });
    expect(r.pruning.criterion).toBe('none');
    expect(r.quantization.levels).toBeNull();
    expect(r.evaluation.labelImages).toBe(10000);
  });

  it('converts units once at load time', () => {
    const r = parseRecipe({ source: 'test', network: { dt: '500 us', exc: { vRest: '-0.07 V' } }, protocol: { presentation: '0.2 s' } });
    expect(r.network.dt).toBeCloseTo(0.5, 12);
    expect(r.network.exc.vRest).toBeCloseTo(-70, 10);
    expect(r.protocol.presentation).toBeCloseTo(200, 10);
  });

  it('every shipped recipe loads; rathi-400 extends dc2015-400 with the power-law rule, pruning and 4 levels', () => {
    const names = listPresetNames('snn');
    expect(names).toEqual(expect.arrayContaining(['dc2015-100', 'dc2015-400', 'rathi-400', 'tiny']));
    for (const n of names) expect(loadRecipe(n).value.source.length).toBeGreaterThan(3);
    const r = loadRecipe('rathi-400').value;
    expect(r.network.neurons).toBe(400);
    expect(r.learning.rule).toBe('power-law');
    expect(r.pruning.criterion).not.toBe('none');
    expect(r.quantization.levels).toBe(4);
    expect(loadRecipe('dc2015-100').value.network.neurons).toBe(100);
  });

  it('a wrong unit names the file, line and field', () => {
    const f = join(tmp, 'bad.yaml');
    writeFileSync(f, 'source: test\nnetwork:\n  exc:\n    vRest: "-65 ms"\n');
    expect(() => loadRecipe(f)).toThrow(XsnnError);
    expect(() => loadRecipe(f)).toThrow(/bad\.yaml:4: field 'network\.exc\.vRest'.*not a voltage/);
  });

  it('a bare number where a unit is needed, an unknown key, and an inconsistent rest are errors', () => {
    expect(() => parseRecipe({ source: 'test', network: { dt: 0.5 } })).toThrow(/network\.dt.*with a unit/);
    expect(() => parseRecipe({ source: 'test', pruning: { critrion: 'absolute' } })).toThrow(/unknown key 'critrion'/);
    expect(() => parseRecipe({ source: 'test', protocol: { rest: '5 ms' } })).toThrow(/protocol\.rest.*maximum input delay/);
    expect(() => parseRecipe({ source: 'test', data: { kind: 'folder' } })).toThrow(/data\.dir/);
  });
});
