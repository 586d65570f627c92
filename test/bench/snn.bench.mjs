// SNN core benchmark: training and inference images/s of the Diehl & Cook network
// at N = 100 and N = 400 on 1000 MNIST images, and, when Brian2 is installed,
// the same network and protocol run by the Brian2 peer
// (../shared/peers/brian2/diehl_cook.py, C++ standalone, one thread) with ratios.
// Figures are printed, nothing timing-related is asserted. Imports the compiled dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMnist, train } from '../../dist/index.js';
import { mnistDataDir } from '../../dist/data/index.js';
import { computeResponses } from '../../dist/snn/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const IMAGES = Number(process.env.XSNN_BENCH_SNN_IMAGES ?? 1000);
const PEER = process.env.XSNN_BRIAN2_PEER ?? resolve(root, '..', 'shared', 'peers', 'brian2', 'diehl_cook.py');
const PYTHON = '/usr/bin/python3';

function brian2Available() {
  if (!existsSync(PYTHON) || !existsSync(PEER)) return false;
  const r = spawnSync(PYTHON, ['-c', 'import brian2'], { encoding: 'utf8' });
  return r.status === 0;
}

function runBrian2(neurons) {
  const dir = mkdtempSync(join(tmpdir(), 'xsnn-bench-brian2-'));
  try {
    const out = join(dir, 'result.json');
    const args = [
      PEER,
      '--neurons',
      String(neurons),
      '--train-images',
      String(IMAGES),
      '--test-images',
      String(IMAGES),
      '--device',
      'cpp_standalone',
      '--build-dir',
      join(dir, 'build'),
      '--seed',
      '1',
      '--mnist-dir',
      mnistDataDir(),
      '--out',
      out,
      '--quiet',
    ];
    const r = spawnSync(PYTHON, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) {
      console.log(`  brian2 N=${neurons}: failed (exit ${r.status}): ${(r.stderr ?? '').split('\n').slice(-3).join(' ')}`);
      return null;
    }
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (x, d = 1) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));

export default async function snnBench() {
  const trainSet = loadMnist({ split: 'train', limit: IMAGES });
  const testSet = loadMnist({ split: 'test', limit: IMAGES });
  const cores = availableParallelism();
  const haveBrian = brian2Available();
  console.log(
    `Diehl & Cook network, ${IMAGES} MNIST training images (one pass, plastic), then test mode: label pass over the same ${IMAGES} + ${IMAGES} test images`,
  );
  console.log(
    'xsnn training: single thread. xsnn inference: 1 thread and all cores (' + cores + '). img/s include re-presentations and (training) the 150 ms rests.',
  );
  const rows = [];
  for (const neurons of [100, 400]) {
    globalThis.gc?.();
    const t = train({ recipe: `dc2015-${neurons}`, dataset: trainSet, trainImages: IMAGES });
    const trainRate = IMAGES / t.seconds;
    const inf = {};
    for (const threads of [1, cores]) {
      const a = await computeResponses({ network: t.checkpoint, dataset: trainSet, phase: 'label', seed: 1, threads });
      const b = await computeResponses({ network: t.checkpoint, dataset: testSet, phase: 'test', seed: 1, threads });
      const pres = a.presentations.reduce((x, y) => x + y, 0) + b.presentations.reduce((x, y) => x + y, 0);
      inf[threads] = { rate: (2 * IMAGES) / (a.seconds + b.seconds), pres, threads: Math.max(a.threads, b.threads) };
    }
    const row = {
      neurons,
      train: trainRate,
      trainPres: t.presentations / t.seconds,
      inf1: inf[1].rate,
      infAll: inf[cores].rate,
      threadsAll: inf[cores].threads,
      spikes: t.meanSpikesPerImage,
    };
    console.log(
      `  xsnn   N=${neurons}: train ${fmt(row.train)} img/s (${t.presentations} presentations, ${fmt(row.trainPres)} pres/s, ${fmt(t.meanSpikesPerImage)} spikes/img) | inference ${fmt(row.inf1)} img/s on 1 thread, ${fmt(row.infAll)} img/s on ${row.threadsAll} threads (${inf[1].pres} presentations)`,
    );
    if (haveBrian) {
      const b = runBrian2(neurons);
      if (b !== null) {
        row.brianTrain = b.train_images_per_s;
        row.brianInf = b.inference_images_per_s;
        console.log(
          `  brian2 N=${neurons}: train ${fmt(b.train_images_per_s)} img/s (${b.train_presentations} presentations) | inference ${fmt(b.inference_images_per_s)} img/s (1 thread, ${b.label_presentations + b.test_presentations} presentations) | accuracy ${fmt(100 * b.accuracy)} % | make ${fmt(b.make_s)} s (excluded)`,
        );
        console.log(
          `  ratio  N=${neurons}: training ${fmt(row.train / b.train_images_per_s, 2)}x (single thread each) | inference ${fmt(row.infAll / b.inference_images_per_s, 2)}x (xsnn ${row.threadsAll} threads vs Brian2 1 thread), ${fmt(row.inf1 / b.inference_images_per_s, 2)}x thread for thread`,
        );
      }
    }
    rows.push(row);
  }
  if (!haveBrian) console.log(`  brian2: skipped (${PYTHON} cannot import brian2, or ${PEER} is missing; see the peer README to install it)`);
  console.log(
    '  note: the random streams differ between simulators, so retry counts differ (compare presentations/s too); xsnn test mode resets each image to rest and skips the rest period (README).',
  );
  return rows;
}
