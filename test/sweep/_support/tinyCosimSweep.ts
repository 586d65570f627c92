import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveCheckpoint } from '../../../src/snn/Checkpoint.js';
import { train } from '../../../src/snn/train.js';

/** Points of the sweep {@link makeTinyCosimSweep} writes: 2 sizes × 2 devices × 2 variation levels. */
export const TINY_COSIM_POINTS = 8;

/**
 * A temporary folder with a real (tiny) checkpoint — 12 neurons trained on the first
 * 20 MNIST images — and a sweep definition of {@link TINY_COSIM_POINTS} points over
 * it that the built-in co-simulation evaluates in seconds (10 test images, 1 sample).
 * Paths in the definition are absolute, so it runs from any working directory.
 */
export function makeTinyCosimSweep(): { dir: string; spec: string } {
  const dir = mkdtempSync(join(tmpdir(), 'xsnn-tiny-sweep-'));
  const ck = join(dir, 'ckpt');
  saveCheckpoint(ck, train({ recipe: { source: 'test fixture', network: { neurons: 12 } }, trainImages: 20, seed: 5 }).checkpoint);
  const spec = join(dir, 'tiny-sweep.yaml');
  writeFileSync(
    spec,
    [
      'name: tiny-cosim',
      'source: test fixture',
      'seed: 3',
      'networks:',
      `  - { name: tiny, role: dense, checkpoint: ${JSON.stringify(ck)} }`,
      'crossbars: [32, 64]',
      'devices: [ideal, rram-hfox-32nm]',
      'periphery: [base]',
      'variation: [0, "10%"]',
      'samples: 1',
      'images: { label: 20, test: 10 }',
      '',
    ].join('\n'),
  );
  return { dir, spec };
}
