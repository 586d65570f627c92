import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPreset } from '../../src/config/presets.js';
import { loadCrossbar } from '../../src/crossbar/loadCrossbar.js';
import { resolveRecipe } from '../../src/snn/train.js';
import { saveCheckpoint } from '../../src/snn/Checkpoint.js';
import { train } from '../../src/snn/train.js';
import { evaluatePoint } from '../../src/sweep/cosimEvaluator.js';
import { expandSweep } from '../../src/sweep/expandSweep.js';
import { AnyPresetSchema, loadSweepSpec } from '../../src/sweep/loadSweepSpec.js';
import { resolveSweep } from '../../src/sweep/resolveSweep.js';
import { runSweep } from '../../src/sweep/runSweep.js';
import { readResultsLog } from '../../src/sweep/ResultsLog.js';

const tmp = mkdtempSync(join(tmpdir(), 'xsnn-preset-paths-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(rel: string, lines: string[]): string {
  const file = join(tmp, rel);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

// a device preset given as a path: the shipped RRAM at 16 levels, and one with its own σ
write('devices/taox-16.yaml', ['extends: rram-hfox-32nm', 'name: TaOx at 16 levels', 'source: unit test', 'levels: 16']);
write('devices/taox-sigma.yaml', [
  'extends: rram-hfox-32nm',
  'name: TaOx with 5 % variation',
  'source: unit test',
  'variation:',
  '  deviceToDevice: { distribution: gaussian, sigma: 0.05 }',
]);

describe('presets that compose: paths in a sweep', () => {
  it('a device given as a YAML path (relative to the sweep file) is co-simulated, its record named by the file base name', async () => {
    const ck = join(tmp, 'ckpt', 'sparse');
    const t = train({
      recipe: {
        source: 'unit test',
        network: { neurons: 12 },
        pruning: { criterion: 'per-neuron-percentile', every: 10, fraction: 0.6 },
        quantization: { levels: 4 },
      },
      trainImages: 20,
    });
    saveCheckpoint(ck, t.checkpoint);
    const spec = write('sweeps/device-path.yaml', [
      'name: device-path',
      'seed: 1',
      'networks:',
      '  - { name: sparse, role: compressed, checkpoint: ../ckpt/sparse }',
      'crossbars: [32]',
      'devices: [../devices/taox-16.yaml, rram-hfox-32nm]',
      'periphery: [base]',
      'samples: 1',
      'images: { label: 10, test: 10 }',
    ]);
    const out = join(tmp, 'results', 'device-path');
    const summary = await runSweep({ spec, outDir: out, evaluator: evaluatePoint, workers: 0, progress: false });
    expect(summary.failures).toEqual([]);
    expect(summary.evaluated).toBe(2);
    const recs = readResultsLog(join(out, 'results.jsonl')).lines.map((l) => l.record);
    expect(recs.map((r) => r.device.name).sort()).toEqual(['rram-hfox-32nm', 'taox-16']);
    // 'variation' left out: each device at its own σ (0 for both)
    expect(recs.map((r) => r.variationSigma)).toEqual([0, 0]);
  }, 120_000);

  it('relative paths resolve against the file that names them: devices, periphery, checkpoints, recipes (also through extends), and a crossbar preset’s device', () => {
    mkdirSync(join(tmp, 'ckpt', 'dense'), { recursive: true });
    writeFileSync(join(tmp, 'ckpt', 'dense', 'weights.bin'), 'dense');
    write('periphery/tile.yaml', ['extends: base', 'name: a tile whose device is a path', 'source: unit test', 'device: ../devices/taox-16.yaml']);
    // the base definition names networks, devices and periphery from its own folder ...
    write('a/base.yaml', [
      'name: base',
      'seed: 1',
      'networks:',
      '  - { name: dense, role: dense, checkpoint: ../ckpt/dense }',
      '  - { name: sparse, role: compressed, recipe: ../recipes/r.yaml, checkpoint: ../ckpt/sparse }',
      'crossbars: [32]',
      'devices: [../devices/taox-16.yaml]',
      'periphery: [../periphery/tile.yaml]',
      'variation: [0]',
      'samples: 1',
      'images: { label: 10, test: 10 }',
    ]);
    // ... and a definition in another folder extends it, replacing only its devices (from its own folder)
    write('b/devices/local.yaml', ['extends: ../../devices/taox-16.yaml', 'name: local copy', 'source: unit test']);
    const child = write('b/child.yaml', ['extends: ../a/base.yaml', 'name: child', 'devices: [devices/local.yaml, ideal]']);
    const loaded = loadSweepSpec(child);
    const sweep = resolveSweep(loaded, { checkpointRoot: join(tmp, 'nowhere') });
    expect(sweep.networks.map((n) => n.checkpoint)).toEqual([join(tmp, 'ckpt', 'dense'), join(tmp, 'ckpt', 'sparse')]);
    expect(sweep.devices.map((d) => [d.name, d.file])).toEqual([
      ['local', join(tmp, 'b', 'devices', 'local.yaml')],
      ['ideal', loadPreset('devices', 'ideal', AnyPresetSchema).file],
    ]);
    expect(sweep.periphery.map((p) => p.file)).toEqual([join(tmp, 'periphery', 'tile.yaml')]);
    // a crossbar preset's device path: relative to the crossbar file
    expect(loadCrossbar(join(tmp, 'periphery', 'tile.yaml')).device.levelCount).toBe(16);
    // a recipe's extends: relative to the recipe file
    write('recipes/base.yaml', ['source: unit test', 'network: { neurons: 7 }']);
    write('recipes/r.yaml', ['extends: base.yaml', 'description: extends a recipe next to it']);
    expect(resolveRecipe(join(tmp, 'recipes', 'r.yaml')).recipe.network.neurons).toBe(7);
  });

  it("variation 'own' is each device's own σ (the default), a number overrides it, and a level equal to the own σ is not evaluated twice", () => {
    mkdirSync(join(tmp, 'ckpt', 'dense'), { recursive: true });
    writeFileSync(join(tmp, 'ckpt', 'dense', 'weights.bin'), 'dense');
    const spec = (variation: string | null) =>
      write(`sweeps/var-${variation === null ? 'none' : variation.replace(/\W/g, '')}.yaml`, [
        'name: var',
        'seed: 1',
        'networks:',
        '  - { name: dense, role: dense, checkpoint: ../ckpt/dense }',
        'crossbars: [32]',
        'devices: [../devices/taox-sigma.yaml, ../devices/taox-16.yaml]',
        'periphery: [base]',
        ...(variation === null ? [] : [`variation: ${variation}`]),
        'samples: 1',
        'images: { label: 10, test: 10 }',
      ]);
    const sigmas = (v: string | null) => expandSweep(resolveSweep(loadSweepSpec(spec(v)))).map((p) => `${p.device.name} ${p.variationSigma}`);
    expect(sigmas(null)).toEqual(['taox-sigma 0.05', 'taox-16 0']);
    expect(sigmas('[own, "5%"]')).toEqual(['taox-sigma 0.05', 'taox-16 0', 'taox-16 0.05']);
    expect(sigmas('[0]')).toEqual(['taox-sigma 0', 'taox-16 0']);
    expect(() => loadSweepSpec(spec('[mine]'))).toThrow(/or own \(the device preset's own σ\)/);
  });

  it('two device paths with the same base name are an error naming both', () => {
    write('other/taox-16.yaml', ['extends: rram-hfox-32nm', 'name: another', 'source: unit test']);
    const spec = write('sweeps/dup.yaml', [
      'name: dup',
      'seed: 1',
      'networks:',
      '  - { name: dense, role: dense, checkpoint: ../ckpt/dense }',
      'crossbars: [32]',
      'devices: [../devices/taox-16.yaml, ../other/taox-16.yaml]',
      'periphery: [base]',
      'samples: 1',
      'images: { label: 10, test: 10 }',
    ]);
    expect(() => resolveSweep(loadSweepSpec(spec))).toThrow(
      /devices\.1: '\.\.\/devices\/taox-16\.yaml' and '\.\.\/other\/taox-16\.yaml'|devices\.1: '\.\.\/other\/taox-16\.yaml' and '\.\.\/devices\/taox-16\.yaml'/,
    );
  });

  it('a preset that extends another does not inherit its notes', () => {
    const own = loadPreset('devices', join(tmp, 'devices', 'taox-16.yaml'), AnyPresetSchema);
    expect(loadPreset('devices', 'rram-hfox-32nm', AnyPresetSchema).raw['notes']).toBeTypeOf('string');
    expect(own.raw['notes']).toBeUndefined();
    expect(own.raw['levels']).toBe(16);
  });
});
