import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashValue } from '../../src/core/hash.js';
import { version } from '../../src/core/version.js';
import { loadCheckpoint } from '../../src/snn/Checkpoint.js';
import { quantizationLevels } from '../../src/snn/quantize.js';
import { resolveRecipe } from '../../src/snn/train.js';
import { loadSweepSpec } from '../../src/sweep/loadSweepSpec.js';
import { resolveSweep } from '../../src/sweep/resolveSweep.js';
import { retrainSpec } from '../../src/sweep/retrainSpec.js';

const shipped = ['dc2015-400', 'rathi-400'] as const;

describe('the shipped checkpoints (checkpoints/, what npm start reports on)', () => {
  for (const name of shipped) {
    it(`${name} loads and was trained from the shipped recipe snn/${name}.yaml (same resolved-recipe hash), seed 1, on the 60,000 training images for the recipe's epochs`, () => {
      const dir = resolve('checkpoints', name);
      const ck = loadCheckpoint(dir); // verifies format, recipe and every array's SHA-256
      const recipe = resolveRecipe(name);
      expect(hashValue(ck.recipe)).toBe(hashValue(recipe.recipe));
      expect(hashValue(ck.recipeRaw)).toBe(hashValue(recipe.raw));
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      expect(manifest['recipeName']).toBe(name);
      expect(manifest['seed']).toBe(1);
      expect(manifest['xsnnVersion']).toBe(version);
      expect(ck.counts.trainImages).toBe(60_000);
      expect(ck.counts.epochs).toBe(recipe.recipe.protocol.epochs);
      expect(ck.neurons).toBe(400);
    });
  }

  it("the rathi-400 checkpoint is pruned and its weights sit on the recipe's 4 levels; dc2015-400 is dense", () => {
    const sparse = loadCheckpoint(resolve('checkpoints', 'rathi-400'));
    const dense = loadCheckpoint(resolve('checkpoints', 'dc2015-400'));
    expect(sparse.counts.prunedFraction).toBeGreaterThan(0.79);
    const levels = new Set(quantizationLevels(sparse.recipe.quantization, sparse.recipe.network.input.wMax)!.map(Math.fround));
    expect(levels.size).toBe(4);
    const used = new Set(sparse.weights);
    expect([...used].filter((w) => !levels.has(w))).toEqual([]);
    expect(sparse.counts.levels).toBe(used.size); // 0 (pruned), w_max and 1/3 of it: the power-law rule leaves few between
    expect(dense.counts.prunedFraction).toBe(0);
  });

  it('reports/paper-start.yaml (npm start) uses them, with their training budgets and levels used for the report; --retrain turns to <ckpt-dir>/<recipe> instead', () => {
    const loaded = loadSweepSpec('paper-start');
    const sweep = resolveSweep(loaded);
    expect(sweep.networks.map((n) => [n.role, n.checkpoint])).toEqual([
      ['dense', resolve('checkpoints', 'dc2015-400')],
      ['compressed', resolve('checkpoints', 'rathi-400')],
    ]);
    expect(sweep.networks.map((n) => n.training)).toEqual([
      { trainImages: 60_000, epochs: 1 },
      { trainImages: 60_000, epochs: 2 },
    ]);
    expect(sweep.networks.map((n) => n.levelsUsed)).toEqual([null, loadCheckpoint(resolve('checkpoints', 'rathi-400')).counts.levels]);
    const retrain = retrainSpec(loaded).spec.networks;
    expect(retrain.map((n) => [n.recipe, n.checkpoint])).toEqual([
      ['dc2015-400', undefined],
      ['rathi-400', undefined],
    ]);
  });

  it('npm start runs the paper comparison on the shipped checkpoints and ends with the PDF path', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string>; files: string[] };
    expect(pkg.scripts['start']).toMatch(/report --spec paper-start --out \S+\.pdf/);
    expect(pkg.files).toContain('checkpoints');
  });
});
