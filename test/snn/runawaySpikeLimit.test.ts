import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePatternDataset } from '../../src/data/index.js';
import { parseRecipe, runawaySpikeLimit, train } from '../../src/snn/index.js';
import { errorOf } from '../_support/errorOf.js';

const data = makePatternDataset({ classes: 3, count: 20, seed: 4 });
// I→E inhibition 30× the default: a few I spikes push dt·(1 + g_e + g_i)/τ_m past 2, where forward Euler diverges
const diverging = { source: 'unit test', network: { neurons: 20, synapses: { wInhExc: 500 } } };

describe('runawaySpikeLimit', () => {
  it('is half of what the refractory period lets the E layer fire in one presentation', () => {
    const recipe = parseRecipe({ source: 'unit test', network: { neurons: 400 } });
    // 350 ms / 0.5 ms = 700 steps; 5 ms refractory = 10 steps, so at most one spike per 11 steps
    expect(runawaySpikeLimit(recipe)).toBeCloseTo((0.5 * 400 * 700) / 11, 9);
  });
});

describe('a training run whose membrane integration diverges', () => {
  it('stops at the first runaway image with an error naming network.integration and what to set', () => {
    const e = errorOf(() => train({ recipe: diverging, dataset: data, trainImages: 20, threads: 1 }));
    expect(e.location).toMatchObject({ field: 'network.integration', expected: 'euler-limited', received: 'euler' });
    expect(e.message).toMatch(/ran away at training image 1: \d+ E spikes in one presentation, more than 636/);
  });

  it('stops the same way on 2 threads: `xsnn train` exits 1 and writes no checkpoint', () => {
    // 2 training threads need the compiled worker: this runs the built CLI (npm test compiles first)
    const tmp = mkdtempSync(join(tmpdir(), 'xsnn-runaway-'));
    try {
      const path = join(tmp, 'diverging.yaml');
      writeFileSync(path, 'extends: tiny\nsource: test\nnetwork:\n  neurons: 20\n  synapses:\n    wInhExc: 500\n');
      const out = join(tmp, 'ck');
      const r = spawnSync(process.execPath, ['dist/cli/main.js', 'train', '--recipe', path, '--threads', '2', '--out', out], {
        encoding: 'utf8',
        env: { ...process.env, XSNN_NO_PROGRESS: '1' },
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/field 'network\.integration': train: recipe 'diverging' \(seed 1\) ran away at training image 1:/);
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('trains normally under euler-limited, far below the limit', () => {
    const recipe = { ...diverging, network: { ...diverging.network, integration: 'euler-limited' } };
    const r = train({ recipe, dataset: data, trainImages: 20, threads: 1 });
    expect(r.imagesTrained).toBe(20);
    expect(r.meanSpikesPerImage).toBeLessThan(runawaySpikeLimit(parseRecipe(recipe)) / 10);
  });
});
