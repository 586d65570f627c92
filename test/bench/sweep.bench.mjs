// Sweep runner and report figures. Prints: runner throughput with a trivial (test
// double) evaluator — the runner's own overhead, not co-simulation speed — in this
// thread and on 2 worker threads; report rendering time; and, when the co-simulation
// evaluator and the paper checkpoints exist, the paper-mnist sweep time (target ≤ 60 s)
// and, with XSNN_BENCH_VARIATION=1, the paper-mnist-variation sweep time.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runSweep } from '../../dist/sweep/runSweep.js';
import { DEFAULT_EVALUATOR } from '../../dist/sweep/defaultEvaluator.js';
import { writeReport } from '../../dist/report/writeReport.js';
import { packageRoot } from '../../dist/config/presets.js';

const double = resolve(packageRoot, 'test/sweep/_support/testEvaluator.mjs');

function fixture(sizes, devices, levels) {
  const dir = mkdtempSync(join(tmpdir(), 'xsnn-bench-sweep-'));
  for (const ck of ['dense', 'sparse']) {
    mkdirSync(join(dir, ck));
    writeFileSync(join(dir, ck, 'w.bin'), ck);
  }
  const devs = [];
  for (let i = 0; i < devices; i++) {
    writeFileSync(join(dir, `d${i}.yaml`), `name: d${i}\nsource: bench\n`);
    devs.push(join(dir, `d${i}.yaml`));
  }
  writeFileSync(join(dir, 'p.yaml'), 'name: p\nsource: bench\n');
  const spec = join(dir, 's.yaml');
  writeFileSync(
    spec,
    [
      'name: bench',
      'seed: 1',
      'networks:',
      `  - { name: dense, role: dense, checkpoint: ${join(dir, 'dense')} }`,
      `  - { name: sparse, role: compressed, checkpoint: ${join(dir, 'sparse')} }`,
      `crossbars: [${sizes.join(', ')}]`,
      `devices: [${devs.join(', ')}]`,
      `periphery: [${join(dir, 'p.yaml')}]`,
      `variation: [${levels.join(', ')}]`,
      'samples: 2',
      'images: { label: 10, test: 10 }',
      '',
    ].join('\n'),
  );
  return { dir, spec };
}

export default async function () {
  const { dir, spec } = fixture([16, 32, 64, 128, 256, '64x128', '128x256', 512], 8, [0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5]);
  for (const [label, opts] of [
    ['in this thread', { workers: 0, evaluator: { module: double, export: 'evaluatePoint' } }],
    ['2 worker threads', { workers: 2, evaluator: { module: double, export: 'evaluatePoint' } }],
  ]) {
    const out = join(dir, `out-${opts.workers}`);
    const t0 = performance.now();
    const s = await runSweep({ spec, outDir: out, progress: false, ...opts });
    const secs = (performance.now() - t0) / 1000;
    console.log(`runner overhead (${label}): ${s.evaluated} points in ${secs.toFixed(2)} s = ${(s.evaluated / secs).toFixed(0)} points/s (each line fsync'd)`);
    const t1 = performance.now();
    const again = await runSweep({ spec, outDir: out, progress: false, ...opts });
    console.log(`  resume check of a finished sweep: ${again.alreadyDone} done, ${again.evaluated} run, ${((performance.now() - t1) / 1000).toFixed(2)} s`);
  }
  const t2 = performance.now();
  const r = await writeReport({ resultsDir: join(dir, 'out-0'), out: join(dir, 'report.pdf') });
  console.log(`report from ${r.data.sweep.points} points: ${((performance.now() - t2) / 1000).toFixed(2)} s, ${r.figures.length} figures`);
  rmSync(dir, { recursive: true, force: true });

  const evaluator = join(packageRoot, DEFAULT_EVALUATOR.module);
  const ckpts = ['dc2015-400', 'rathi-400'].map((n) => join(packageRoot, 'out', 'ckpt', n));
  if (!existsSync(evaluator) || !ckpts.every(existsSync)) {
    console.log(`paper-mnist sweep: skipped (needs ${DEFAULT_EVALUATOR.module} and checkpoints ${ckpts.join(', ')})`);
    return;
  }
  const out = mkdtempSync(join(tmpdir(), 'xsnn-bench-paper-'));
  const t3 = performance.now();
  const s = await runSweep({
    spec: 'paper-mnist',
    outDir: out,
    evaluator: { module: evaluator, export: DEFAULT_EVALUATOR.export },
    checkpointRoot: join(packageRoot, 'out', 'ckpt'),
    progress: false,
  });
  console.log(`paper-mnist sweep from checkpoints: ${s.evaluated} points in ${((performance.now() - t3) / 1000).toFixed(1)} s (target ≤ 60 s)`);
  rmSync(out, { recursive: true, force: true });
  if (process.env.XSNN_BENCH_VARIATION !== '1') {
    console.log('paper-mnist-variation sweep: skipped (XSNN_BENCH_VARIATION=1 times it; a few minutes)');
    return;
  }
  const outV = mkdtempSync(join(tmpdir(), 'xsnn-bench-paper-var-'));
  const t4 = performance.now();
  const v = await runSweep({
    spec: 'paper-mnist-variation',
    outDir: outV,
    evaluator: { module: evaluator, export: DEFAULT_EVALUATOR.export },
    checkpointRoot: join(packageRoot, 'out', 'ckpt'),
    progress: false,
  });
  console.log(`paper-mnist-variation sweep from checkpoints: ${v.evaluated} points in ${((performance.now() - t4) / 1000).toFixed(1)} s`);
  rmSync(outV, { recursive: true, force: true });
}
