import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary folder with two checkpoints, device and periphery presets, and a sweep definition using them. */
export function makeSweepFixture(overrides: { sizes?: string; devices?: number; variation?: string; name?: string } = {}): { dir: string; spec: string } {
  const dir = mkdtempSync(join(tmpdir(), 'xsnn-sweep-'));
  for (const ck of ['dense', 'sparse']) {
    mkdirSync(join(dir, 'ckpt', ck), { recursive: true });
    writeFileSync(join(dir, 'ckpt', ck, 'weights.bin'), `weights of ${ck}`);
  }
  const nDev = overrides.devices ?? 2;
  const devices: string[] = [];
  for (let i = 0; i < nDev; i++) {
    writeFileSync(join(dir, `dev${i}.yaml`), `name: dev${i}\nron: "${100 + i} kohm"\nsource: test fixture\n`);
    devices.push(`${join(dir, `dev${i}.yaml`)}`);
  }
  writeFileSync(join(dir, 'periph.yaml'), 'name: periph\nsource: test fixture\n');
  const spec = join(dir, 'sweep.yaml');
  writeFileSync(
    spec,
    [
      `name: ${overrides.name ?? 'test-sweep'}`,
      'seed: 7',
      'networks:',
      `  - { name: dense, role: dense, checkpoint: ${join(dir, 'ckpt', 'dense')} }`,
      `  - { name: sparse, role: compressed, checkpoint: ${join(dir, 'ckpt', 'sparse')} }`,
      `crossbars: ${overrides.sizes ?? '[16, 32, "16x32"]'}`,
      `devices: [${devices.join(', ')}]`,
      `periphery: [${join(dir, 'periph.yaml')}]`,
      `variation: ${overrides.variation ?? '[0, "10%"]'}`,
      'samples: 2',
      'images: { label: 10, test: 20 }',
      '',
    ].join('\n'),
  );
  return { dir, spec };
}
