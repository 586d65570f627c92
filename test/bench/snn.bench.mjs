// SNN core benchmark: training and inference images/s of the Diehl & Cook
// network at N = 400, 1600 and 6400 on 1 and 2 threads, synaptic events/s
// beside a plain Float32Array multiply-add loop measured in the same run, the
// process's peak memory, and, when Brian2 is installed, the same network and
// protocol run by the Brian2 peer (../shared/peers/brian2/diehl_cook.py, C++
// standalone, 1 and 2 OpenMP threads, the better of the two) with ratios.
// Figures are printed, nothing timing-related is asserted. Imports the compiled dist/.
// XSNN_BENCH_SNN_IMAGES (default 200) images per size; XSNN_BENCH_SNN_SIZES (default 400,1600,6400).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMnist, train } from '../../dist/index.js';
import { mnistDataDir } from '../../dist/data/index.js';
import { computeResponses, networkFromCheckpoint } from '../../dist/snn/index.js';
import { Rng } from '../../dist/core/Rng.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const IMAGES = Number(process.env.XSNN_BENCH_SNN_IMAGES ?? 200);
const SIZES = (process.env.XSNN_BENCH_SNN_SIZES ?? '400,1600,6400').split(',').map(Number);
// the peer sits in ../shared beside the checkout (or two levels up from a worktree in wt/<name>)
const PEER =
  process.env.XSNN_BRIAN2_PEER ??
  [resolve(root, '..', 'shared'), resolve(root, '..', '..', 'shared')].map((d) => join(d, 'peers', 'brian2', 'diehl_cook.py')).find((p) => existsSync(p)) ??
  resolve(root, '..', 'shared', 'peers', 'brian2', 'diehl_cook.py');
const PYTHON = '/usr/bin/python3';

function brian2Available() {
  if (!existsSync(PYTHON) || !existsSync(PEER)) return false;
  const r = spawnSync(PYTHON, ['-c', 'import brian2'], { encoding: 'utf8' });
  return r.status === 0;
}

function runBrian2(neurons, threads) {
  const dir = mkdtempSync(join(tmpdir(), 'xsnn-bench-brian2-'));
  try {
    const out = join(dir, 'result.json');
    const args = [PEER, '--neurons', String(neurons), '--train-images', String(IMAGES), '--test-images', String(IMAGES), '--device', 'cpp_standalone'];
    args.push(
      '--threads',
      String(threads === 1 ? 0 : threads),
      '--build-dir',
      join(dir, 'build'),
      '--seed',
      '1',
      '--mnist-dir',
      mnistDataDir(),
      '--out',
      out,
      '--quiet',
    );
    const r = spawnSync(PYTHON, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) {
      console.log(`  brian2 N=${neurons} (${threads} thr): failed (exit ${r.status}): ${(r.stderr ?? '').split('\n').slice(-3).join(' ')}`);
      return null;
    }
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (x, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(d));
const peakMiB = () => process.resourceUsage().maxRSS / 1024;

/** Multiply-adds per second of y[i] += a·x[i] over Float32Arrays of `n` (the practical limit of this kind of loop). */
function multiplyAddRate(n = 1 << 20, seconds = 1) {
  const x = new Float32Array(n).map((_, i) => (i % 7) * 0.1);
  const y = new Float32Array(n);
  let ops = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    for (let i = 0; i < n; i++) y[i] += 0.5 * x[i];
    ops += n;
  }
  if (y[1] < 0) console.log('unreachable');
  return ops / ((performance.now() - t0) / 1000);
}

/**
 * Synaptic events (input spike arrivals at a surviving synapse) and seconds of a
 * 1-thread test-mode pass, counted by a drive that wraps the exact one.
 */
function countedInference(checkpoint, dataset) {
  const net = networkFromCheckpoint(checkpoint);
  const syn = net.synapses;
  const inner = net.drive;
  const D1 = syn.maxDelay + 1;
  let events = 0;
  net.drive = {
    deliver(spikes, step, ge) {
      for (let d = 0; d <= syn.maxDelay; d++) {
        const se = step - d;
        if (se < 0) break;
        if (se >= spikes.steps) continue;
        for (let q = spikes.stepPtr[se]; q < spikes.stepPtr[se + 1]; q++) {
          const k = spikes.inputs[q] * D1 + d;
          events += syn.grpPtr[k + 1] - syn.grpPtr[k];
        }
      }
      inner.deliver(spikes, step, ge);
    },
  };
  const size = dataset.width * dataset.height;
  const t0 = performance.now();
  for (let k = 0; k < dataset.count; k++) net.inferImage(dataset.pixels, k * size, new Rng(1, 4, k));
  return { events, seconds: (performance.now() - t0) / 1000 };
}

/** Sum of a typed array of counts. */
function sum(values) {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

export default async function snnBench() {
  const trainSet = loadMnist({ split: 'train', limit: IMAGES });
  const testSet = loadMnist({ split: 'test', limit: IMAGES });
  const haveBrian = brian2Available();
  const mad = multiplyAddRate();
  console.log(
    `Diehl & Cook network (dc2015 recipes, one pass), ${IMAGES} MNIST training images (plastic), then test mode: label pass over them + ${IMAGES} test images`,
  );
  console.log(`Float32Array multiply-add loop (y[i] += a*x[i], 2^20 floats), this run: ${fmt(mad / 1e6)} M multiply-adds/s on 1 thread`);
  console.log(
    'img/s include re-presentations (counted in brackets: label + test pass for inference) and (training) the 150 ms rests; synaptic events = input spike arrivals at a synapse (one add to g_e each; training also updates w).',
  );
  const rows = [];
  for (const neurons of SIZES) {
    globalThis.gc?.();
    const row = { neurons };
    let ck = null;
    for (const threads of [1, 2]) {
      const t = train({ recipe: `dc2015-${neurons}`, dataset: trainSet, trainImages: IMAGES, epochs: 1, threads });
      row[`train${threads}`] = IMAGES / t.seconds;
      row[`trainThreads${threads}`] = t.threads;
      row.trainPres = t.presentations;
      ck = t.checkpoint;
    }
    for (const threads of [1, 2]) {
      const a = await computeResponses({ network: ck, dataset: trainSet, phase: 'label', seed: 1, threads });
      const b = await computeResponses({ network: ck, dataset: testSet, phase: 'test', seed: 1, threads });
      row[`inf${threads}`] = (2 * IMAGES) / (a.seconds + b.seconds);
      row[`infThreads${threads}`] = Math.max(a.threads, b.threads);
      row.infPres = sum(a.presentations) + sum(b.presentations);
    }
    const c = countedInference(ck, testSet);
    row.eventsPerSecond = c.events / c.seconds;
    row.eventsPerImage = c.events / IMAGES;
    row.peakMiB = peakMiB();
    console.log(
      `  xsnn   N=${neurons}: train ${fmt(row.train1)} img/s on 1 thread, ${fmt(row.train2)} on ${row.trainThreads2} (${row.trainPres} presentations) | ` +
        `inference ${fmt(row.inf1)} img/s on 1 thread, ${fmt(row.inf2)} on ${row.infThreads2} (${row.infPres} presentations) | ` +
        `test mode ${fmt(row.eventsPerImage / 1e6, 2)} M synaptic events/img, ${fmt(row.eventsPerSecond / 1e6)} M events/s on 1 thread (${fmt((100 * row.eventsPerSecond) / mad)} % of the multiply-add loop) | peak RSS so far ${fmt(row.peakMiB, 0)} MiB`,
    );
    if (haveBrian) {
      const runs = [1, 2].map((th) => ({ th, r: runBrian2(neurons, th) })).filter((x) => x.r !== null);
      for (const { th, r } of runs) {
        console.log(
          `  brian2 N=${neurons} (${th} OpenMP thr): train ${fmt(r.train_images_per_s)} img/s (${r.train_presentations} presentations) | inference ${fmt(r.inference_images_per_s)} img/s (${r.label_presentations + r.test_presentations} presentations) | make ${fmt(r.make_s)} s (excluded)`,
        );
      }
      if (runs.length > 0) {
        row.brianTrain = Math.max(...runs.map((x) => x.r.train_images_per_s));
        row.brianInf = Math.max(...runs.map((x) => x.r.inference_images_per_s));
        const bestTrain = Math.max(row.train1, row.train2);
        const bestInf = Math.max(row.inf1, row.inf2);
        console.log(
          `  ratio  N=${neurons}: training ${fmt(bestTrain / row.brianTrain, 2)}x | inference ${fmt(bestInf / row.brianInf, 2)}x (better xsnn configuration vs better Brian2 configuration)`,
        );
      }
    }
    rows.push(row);
  }
  if (!haveBrian) console.log(`  brian2: skipped (${PYTHON} cannot import brian2, or ${PEER} is missing; see the peer README to install it)`);
  console.log(
    '  note: the random streams differ between simulators, so retry counts differ (compare presentations too); xsnn test mode resets each image to rest and skips the rest period (snn/README.md).',
  );
  return rows;
}
