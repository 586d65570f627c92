import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReportSpec, type RecipeTrainer } from '../../src/report/index.js';
import { makeSweepFixture } from '../sweep/_support/sweepFixture.js';
import { evaluatePoint } from '../sweep/_support/testEvaluator.mjs';

describe('runReportSpec', () => {
  it('trains missing checkpoints from recipes, sweeps, and writes the report; a rerun does neither again', async () => {
    const { dir, spec } = makeSweepFixture({ sizes: '[16, 32]', devices: 1, variation: '[0]' });
    // the sparse network comes from a recipe (path relative to the definition) whose checkpoint is missing
    writeFileSync(join(dir, 'my-recipe.yaml'), 'name: test recipe\n');
    writeFileSync(
      spec,
      readFileSync(spec, 'utf8').replace(
        /\{ name: sparse, role: compressed, checkpoint: [^}]*\}/,
        '{ name: sparse, role: compressed, recipe: my-recipe.yaml }',
      ),
    );
    const trained: Array<{ recipe: string; dir: string }> = [];
    const trainer: RecipeTrainer = ({ recipe, checkpointDir }) => {
      trained.push({ recipe, dir: checkpointDir });
      mkdirSync(checkpointDir, { recursive: true });
      writeFileSync(join(checkpointDir, 'weights.bin'), `trained from ${recipe}`);
      return Promise.resolve();
    };
    const opts = {
      spec,
      out: join(dir, 'r', 'report.pdf'),
      resultsDir: join(dir, 'results'),
      checkpointRoot: join(dir, 'ckpts'),
      evaluator: evaluatePoint,
      workers: 0,
      trainer,
    };
    const first = await runReportSpec(opts);
    expect(trained).toEqual([{ recipe: join(dir, 'my-recipe.yaml'), dir: join(dir, 'ckpts', 'my-recipe') }]);
    expect(first.trained).toEqual(['sparse']);
    expect(first.sweep.evaluated).toBe(2 * 2);
    expect(existsSync(join(dir, 'r', 'report.pdf')) && existsSync(join(dir, 'r', 'report.csv')) && existsSync(join(dir, 'r', 'report.json'))).toBe(true);
    const second = await runReportSpec(opts);
    expect(trained).toHaveLength(1);
    expect(second.sweep).toMatchObject({ alreadyDone: 4, evaluated: 0 });
    expect(readFileSync(join(dir, 'r', 'report.pdf')).length).toBeGreaterThan(10_000);
  }, 60_000);

  it('says which checkpoint is missing when it cannot train', async () => {
    const { dir, spec } = makeSweepFixture({ sizes: '[16]', devices: 1, variation: '[0]' });
    writeFileSync(
      spec,
      readFileSync(spec, 'utf8').replace(/\{ name: sparse, role: compressed, checkpoint: [^}]*\}/, '{ name: sparse, role: compressed, recipe: tiny }'),
    );
    await expect(
      runReportSpec({ spec, out: join(dir, 'x.pdf'), resultsDir: join(dir, 'res'), checkpointRoot: join(dir, 'none'), evaluator: evaluatePoint, workers: 0 }),
    ).rejects.toThrow(/network 'sparse': no checkpoint at .*none\/tiny and no trainer available/);
    expect(existsSync(join(dir, 'res'))).toBe(false);
  });
});
