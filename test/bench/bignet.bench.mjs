// 6400-neuron benchmark (issue 11, item 4): every stage a user runs after training,
// at N = 6400 (784 x 6400 = 5,017,600 input synapses dense, about a fifth of that
// compressed), each in its own child process running the CLI (dist/cli/main.js), so
// that one stage's peak memory does not hide another's: `map` on 64x64 and 128x128,
// `simulate` on rram-hfox-32nm 64x64 and on the rram-128x128-adc5 crossbar, `compare`,
// a small `sweep` (2 sizes x 2 devices x both networks) and `report --spec` from it.
// Prints wall time and peak RSS (getrusage maxRSS of the child: every worker thread
// counts) against the machine's memory (os.totalmem()). Figures are printed, nothing
// is asserted. Imports nothing from src/: the CLI is the compiled dist/.
//
// Networks: out/ckpt/dc2015-6400 and out/ckpt/rathi-6400 when both exist (or the
// folders in XSNN_BENCH_BIGNET_DENSE / XSNN_BENCH_BIGNET_SPARSE); otherwise both are
// trained here for a few images (shape-only networks: their memory and time are those
// of a trained one of the same shape, their accuracy is not): dc2015-6400 for 10
// images, rathi-6400 for 20 images with its pruning ramp shortened to end at image 15
// (pruning every 5 images), so that it is 80 % pruned and 4-level quantized.
// XSNN_BENCH_BIGNET_IMAGES: test images of the linear co-simulations and of compare
// (default 64, the fewest that go to the worker threads); XSNN_BENCH_BIGNET_ADC_IMAGES:
// those of the ADC crossbar and of each sweep point (default 32): a tiled drive draws
// read noise and converts every touched column every step, about 20x the time of plain
// inference per image at 400 neurons as at 6400.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const CLI = join(root, 'dist', 'cli', 'main.js');
const IMAGES = Number(process.env.XSNN_BENCH_BIGNET_IMAGES ?? 64);
const ADC_IMAGES = Number(process.env.XSNN_BENCH_BIGNET_ADC_IMAGES ?? 32);
const LABEL_IMAGES = 100;
// prints the process's peak resident set (KiB, all threads) on stderr as it exits
const RSS_HOOK = 'data:text/javascript,process.on("exit",()=>process.stderr.write(`\\nXSNN_BENCH_MAXRSS_KIB ${process.resourceUsage().maxRSS}\\n`))';

/** Runs `xsnn <args>` in a child process: wall seconds, peak RSS (KiB), stdout. Fails on a non-zero exit. */
function cli(args) {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', RSS_HOOK, CLI, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      const stderr = Buffer.concat(err).toString('utf8');
      const m = /XSNN_BENCH_MAXRSS_KIB (\d+)/.exec(stderr);
      if (code !== 0) {
        reject(new Error(`xsnn ${args.join(' ')}: exit ${code}\n${stderr}`));
        return;
      }
      process.stderr.write(`bignet: xsnn ${args[0]} done in ${seconds.toFixed(1)} s\n`);
      resolvePromise({ seconds, maxRssKiB: m === null ? NaN : Number(m[1]), stdout: Buffer.concat(out).toString('utf8') });
    });
  });
}

const json = (r) => JSON.parse(r.stdout);

/** The rathi-6400 recipe shortened to `images` training images (the ramp ends at 3/4 of them). */
function shortRathiYaml(images) {
  const every = Math.max(1, Math.floor(images / 4));
  return [
    'extends: rathi-6400',
    `source: "rathi-6400 with its pruning ramp shortened to ${images} training images: a shape-only network for test/bench/bignet.bench.mjs"`,
    'protocol:',
    '  epochs: 1',
    `  trainImages: ${images}`,
    'pruning:',
    `  every: ${every}`,
    `  ramp: { from: 0, to: ${3 * every} }`,
    '',
  ].join('\n');
}

function sweepYaml(dense, sparse, images) {
  return [
    'name: bignet',
    'description: 6400-neuron networks on two crossbar sizes and two devices (test/bench/bignet.bench.mjs).',
    'source: "xsnn benchmark configuration (not a published configuration)"',
    'seed: 1',
    'networks:',
    `  - { name: dense, role: dense, checkpoint: ${JSON.stringify(dense)} }`,
    `  - { name: compressed, role: compressed, checkpoint: ${JSON.stringify(sparse)} }`,
    'crossbars: [64, 128]',
    'devices: [rram-hfox-32nm, ideal]',
    'periphery: [base]',
    'variation: [0]',
    'samples: 1',
    `images: { label: ${LABEL_IMAGES}, test: ${images}, energy: ${Math.min(images, 32)} }`,
    'labels: network',
    'report:',
    '  crossbar: 128',
    '  device: rram-hfox-32nm',
    '',
  ].join('\n');
}

/** The two networks: given or shipped-trained checkpoints, else short-trained ones (their training is a row of the table). */
async function networks(dir, rows) {
  const given = [process.env.XSNN_BENCH_BIGNET_DENSE, process.env.XSNN_BENCH_BIGNET_SPARSE];
  const trained = [join(root, 'out', 'ckpt', 'dc2015-6400'), join(root, 'out', 'ckpt', 'rathi-6400')];
  for (const pair of [given, trained]) {
    if (pair.every((p) => p !== undefined && existsSync(join(p, 'manifest.json')))) {
      return { dense: resolve(pair[0]), sparse: resolve(pair[1]), note: `trained checkpoints ${pair[0]} and ${pair[1]}` };
    }
  }
  const dense = join(dir, 'dc2015-6400-short');
  const sparse = join(dir, 'rathi-6400-short');
  const recipe = join(dir, 'rathi-6400-short.yaml');
  writeFileSync(recipe, shortRathiYaml(20));
  const common = ['--snapshot-every', '0', '--json'];
  const d = await cli(['train', '--recipe', 'dc2015-6400', '--epochs', '1', '--train-images', '10', '--out', dense, ...common]);
  rows.push(['train (10 images)', 'dense', json(d).synapses, null, d]);
  const s = await cli(['train', '--recipe', recipe, '--out', sparse, ...common]);
  const sj = json(s);
  rows.push([`train (20 images; ${(sj.prunedFraction * 100).toFixed(1)} % pruned, ${sj.levels} levels)`, 'compressed', sj.synapses, null, s]);
  return {
    dense,
    sparse,
    note: 'SHORT-TRAINED (shape-only) networks: dc2015-6400 after 10 images, rathi-6400 after 20 with its pruning ramp ending at image 15 (no trained 6400-neuron checkpoint at out/ckpt/); times and memory are those of the shape, accuracies mean nothing',
  };
}

export default async function bignetBench() {
  const dir = mkdtempSync(join(tmpdir(), 'xsnn-bignet-'));
  const rows = [];
  try {
    const nets = await networks(dir, rows);
    console.log(`networks: ${nets.note}`);
    console.log(
      `co-simulations: test images as given per stage, neuron labels from ${LABEL_IMAGES} training images without hardware (--labels network); ${availableParallelism()} cores; each stage one child process`,
    );
    const byName = { dense: nets.dense, compressed: nets.sparse };
    for (const [name, ck] of Object.entries(byName)) {
      for (const xb of ['64x64', '128x128']) {
        const r = await cli(['map', '--weights', ck, '--crossbar', xb, '--json']);
        const j = json(r);
        rows.push([`map ${xb} (packer, ${j.rows}x${j.cols})`, name, j.nnz, j.tiles, r]);
      }
    }
    const cosim = (n) => ['--label-images', String(LABEL_IMAGES), '--labels', 'network', '--test-images', String(n), '--json'];
    for (const [name, ck] of Object.entries(byName)) {
      for (const [label, hw, n] of [
        ['simulate rram-hfox-32nm 64x64', ['--crossbar', '64x64', '--device', 'rram-hfox-32nm'], IMAGES],
        ['simulate rram-128x128-adc5', ['--crossbar', 'rram-128x128-adc5'], ADC_IMAGES],
      ]) {
        const r = await cli(['simulate', '--checkpoint', ck, ...hw, ...cosim(n)]);
        const j = json(r);
        rows.push([`${label} (${n} images)`, name, j.network.synapses, j.tiles, r]);
      }
    }
    const c = await cli(['compare', '--dense', nets.dense, '--sparse', nets.sparse, '--crossbar', '64x64', '--device', 'rram-hfox-32nm', ...cosim(IMAGES)]);
    const cj = json(c);
    const n = (x) => x.toLocaleString('en-US');
    rows.push([
      `compare rram-hfox-32nm 64x64 (${IMAGES} images)`,
      'both',
      `${n(cj.dense.synapses)} + ${n(cj.sparse.synapses)}`,
      `${n(cj.dense.tiles)} + ${n(cj.sparse.tiles)}`,
      c,
    ]);
    const spec = join(dir, 'bignet.yaml');
    writeFileSync(spec, sweepYaml(nets.dense, nets.sparse, ADC_IMAGES));
    const results = join(dir, 'sweep');
    const sw = await cli(['sweep', '--spec', spec, '--out', results, '--json']);
    const points = readFileSync(join(results, 'results.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l).record ?? JSON.parse(l));
    const tiles = points.map((p) => p.tiles).filter((t) => typeof t === 'number');
    rows.push([
      `sweep (${points.length} points: 64, 128 x rram-hfox-32nm, ideal; ${ADC_IMAGES} images)`,
      'both',
      null,
      tiles.length ? `${Math.min(...tiles)}..${Math.max(...tiles)}` : null,
      sw,
    ]);
    const rep = await cli(['report', '--spec', spec, '--results-dir', results, '--no-train', '--out', join(dir, 'bignet.pdf')]);
    rows.push(['report --spec (PDF, figures from the checkpoints)', 'both', null, null, rep]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const budget = totalmem();
  const cell = (x) => (x === null || x === undefined ? '—' : typeof x === 'number' ? x.toLocaleString('en-US') : x);
  console.log(`| stage | network | synapses | tiles | wall s | peak RSS MiB | of ${(budget / 2 ** 30).toFixed(1)} GiB |`);
  console.log('|---|---|---:|---:|---:|---:|---:|');
  let peak = 0;
  for (const [stage, net, syn, tl, r] of rows) {
    const mib = r.maxRssKiB / 1024;
    peak = Math.max(peak, mib);
    console.log(
      `| ${stage} | ${net} | ${cell(syn)} | ${cell(tl)} | ${r.seconds.toFixed(1)} | ${mib.toFixed(0)} | ${((mib * 2 ** 20 * 100) / budget).toFixed(1)} % |`,
    );
  }
  console.log(`largest peak: ${peak.toFixed(0)} MiB, ${((peak * 2 ** 20 * 100) / budget).toFixed(1)} % of the machine's memory`);
}
