import type { Command } from 'commander';
import { usageError, XsnnError } from '../../config/XsnnError.js';
import { writeFileAtomic } from '../../core/atomicWrite.js';
import { checkOutputPath } from '../../core/checkOutputPath.js';
import type { Mapping } from '../../mapping/Mapping.js';
import { loadCrossbar } from '../../crossbar/index.js';
import { loadWeights } from '../../mapping/loadWeights.js';
import { loadMapping, mappingToJson } from '../../mapping/mappingJson.js';
import { mapWeights } from '../../mapping/mapWeights.js';
import { mappingAlgorithmNames } from '../../mapping/mappingAlgorithms.js';
import { verifyMapping } from '../../mapping/verifyMapping.js';
import { parseChoice, parseCrossbarRef, parseIntOption, printJson } from '../output.js';
import { createProgress } from '../../core/progress.js';

interface MapCliOptions {
  weights: string;
  crossbar?: string;
  algorithm: string;
  split: boolean;
  seed: number;
  out?: string;
  json?: boolean;
  verify?: string;
}

const SHORTHAND = /^\s*([+-]?\d+)\s*[x×]\s*([+-]?\d+)\s*$/;

/** Tile size and split rule from `--crossbar`: `RxC` (R inputs × C neurons) or a crossbar preset. */
function tileOf(ref: string): { tileRows: number; tileCols: number; splitColumns: boolean; name: string } {
  const m = SHORTHAND.exec(ref);
  if (m !== null) {
    const R = Number(m[1]);
    const C = Number(m[2]);
    if (!(R >= 1 && C >= 1))
      throw usageError('--crossbar: tile rows and columns must be whole numbers >= 1', {
        field: 'crossbar',
        expected: 'RxC with R, C >= 1, e.g. 128x128',
        received: ref,
      });
    return { tileRows: R, tileCols: C, splitColumns: true, name: `${R}x${C}` };
  }
  const spec = loadCrossbar(ref);
  return { tileRows: spec.rows, tileCols: spec.logicalCols, splitColumns: spec.splitColumns, name: spec.name };
}

/** `--verify`: checks a mapping file against the weights (violations on stderr, an error if any). */
function verifyCommand(opts: MapCliOptions & { verify: string }): void {
  const mapping = loadMapping(opts.verify);
  const w = loadWeights(opts.weights);
  const violations = verifyMapping(mapping, w);
  if (opts.json === true) printJson({ file: opts.verify, valid: violations.length === 0, tiles: mapping.metrics.tiles, violations });
  else if (violations.length === 0) process.stdout.write(`${opts.verify}: valid (${mapping.metrics.tiles} tiles, every check passed)\n`);
  if (violations.length === 0) return;
  if (opts.json !== true) for (const v of violations) process.stderr.write(`  ${v.code}: ${v.message}\n`);
  throw new XsnnError(`mapping fails verification against ${opts.weights}: ${violations.length} violation(s), first: ${violations[0]!.message}`, {
    file: opts.verify,
  });
}

/** Maps the weights with a progress bar over the candidate algorithms. */
function runMapping(opts: MapCliOptions, tile: ReturnType<typeof tileOf>): Mapping {
  const w = loadWeights(opts.weights);
  const bar = createProgress(mappingAlgorithmNames.length - 1, '{bar} {value}/{total} candidates | {algorithm}', { algorithm: '' });
  try {
    return mapWeights(w, {
      tileRows: tile.tileRows,
      tileCols: tile.tileCols,
      splitColumns: tile.splitColumns && opts.split,
      algorithm: opts.algorithm,
      seed: opts.seed,
      onProgress: (done, _total, algorithm) => bar.update(done, { algorithm }),
    });
  } finally {
    bar.stop();
  }
}

/** The `--json` object of `xsnn map` (run times included: they are printed, not written to `--out`). */
function mapJson(opts: MapCliOptions, tile: ReturnType<typeof tileOf>, mapping: Mapping): Record<string, unknown> {
  const mt = mapping.metrics;
  return {
    weights: opts.weights,
    crossbar: tile.name,
    tileRows: tile.tileRows,
    tileCols: tile.tileCols,
    splitColumns: mapping.options.splitColumns,
    algorithm: mapping.options.algorithm,
    seed: mapping.options.seed,
    rows: mapping.rows,
    cols: mapping.cols,
    nnz: mapping.nnz,
    tiles: mt.tiles,
    naiveTiles: mt.naiveTiles,
    lowerBound: mt.lowerBound.max,
    lowerBounds: mt.lowerBound,
    tilesPerLowerBound: mt.tilesPerLowerBound,
    tilesPerNaive: mt.tilesPerNaive,
    utilisation: mt.utilisation,
    sumLambda: mt.sumLambda,
    sumMu: mt.sumMu,
    rowReadEnergy: mt.rowReadEnergy,
    traffic: mt.traffic,
    seconds: mapping.timing.seconds,
    candidates: mapping.candidates.map((c, i) => ({ ...c, seconds: mapping.timing.candidates[i] ?? 0 })),
    ...(opts.out !== undefined ? { out: opts.out } : {}),
  };
}

/** The text summary of `xsnn map`. */
function mapText(opts: MapCliOptions, tile: ReturnType<typeof tileOf>, mapping: Mapping): string {
  const mt = mapping.metrics;
  const lines = [
    `${opts.weights}: ${mapping.rows} inputs x ${mapping.cols} neurons, ${mapping.nnz} synapses on ${tile.tileRows}x${tile.tileCols} tiles (${tile.name}${mapping.options.splitColumns ? '' : ', no column split'})`,
    `tiles K = ${mt.tiles}   naive blocking ${mt.naiveTiles} tiles (K/naive ${mt.tilesPerNaive.toFixed(3)})   lower bound ${mt.lowerBound.max} tiles (from synapses ${mt.lowerBound.nnz}, rows ${mt.lowerBound.row}, columns ${mt.lowerBound.col}; K/LB ${mt.tilesPerLowerBound.toFixed(3)})`,
    `utilisation ${(100 * mt.utilisation).toFixed(1)} % of the tiles' cells hold a synapse   (${mapping.options.algorithm}, ${mapping.timing.seconds.toFixed(3)} s)`,
    `input broadcast Σλ = ${mt.sumLambda} input rows driven (each input counted once per tile holding it)`,
    `partial sums    Σμ = ${mt.sumMu} tile columns summed (each neuron counted once per tile holding it)`,
    `row-read energy proxy = ${mt.rowReadEnergy} cell reads per time step with every input spiking (Σ over inputs of the columns of the tiles holding it; a count, not joules: \`xsnn simulate\` gives energy)`,
  ];
  if (mapping.candidates.length > 1) {
    lines.push('candidates:');
    mapping.candidates.forEach((c, i) => {
      lines.push(
        `  ${c.algorithm.padEnd(22)} ${c.skipped !== undefined ? `skipped (${c.skipped})` : `${String(c.tiles).padStart(6)} tiles   ${(mapping.timing.candidates[i] ?? 0).toFixed(3)} s`}`,
      );
    });
  }
  if (opts.out !== undefined) lines.push(`mapping written to ${opts.out}`);
  return `${lines.join('\n')}\n`;
}

/** Maps, writes `--out` (without run times, so equal mappings give equal bytes) and prints the result. */
function mapCommand(opts: MapCliOptions): void {
  if (opts.crossbar === undefined)
    throw usageError('xsnn map: --crossbar <preset|RxC> is required unless --verify is given', {
      field: 'crossbar',
      expected: 'RxC (e.g. 128x128) or a crossbar preset',
    });
  if (opts.out !== undefined) checkOutputPath(opts.out, 'file', 'map --out');
  const tile = tileOf(opts.crossbar);
  const mapping = runMapping(opts, tile);
  if (opts.out !== undefined) writeFileAtomic(opts.out, mappingToJson(mapping, { timing: false }));
  if (opts.json === true) printJson(mapJson(opts, tile, mapping));
  else process.stdout.write(mapText(opts, tile, mapping));
}

/** `xsnn map`: places a pruned weight matrix onto crossbar tiles, or verifies a mapping file. */
export function registerMap(program: Command): void {
  program
    .command('map')
    .description('map a pruned weight matrix onto crossbar tiles (or --verify a mapping file against its weights)')
    .requiredOption('--weights <path>', 'weights: a Matrix Market .mtx file (rows = inputs, cols = neurons) or a checkpoint directory of `xsnn train`')
    .option(
      '--crossbar <preset|RxC>',
      'tile: RxC (R inputs x C neurons per tile, e.g. 128x128) or a crossbar preset (its rows and weights per row; its split rule)',
      parseCrossbarRef,
    )
    .option('--algorithm <name>', `one of ${mappingAlgorithmNames.join(', ')}`, parseChoice('--algorithm', mappingAlgorithmNames), 'packer')
    .option('--no-split', 'keep every neuron in one tile (no partial sums)')
    .option('--seed <n>', 'seed for tie-breaking and refinement', parseIntOption('--seed', 0), 0)
    .option('--out <file>', 'write the mapping as JSON (atomically; no run times, so the same inputs give the same bytes)')
    .option('--verify <mapping.json>', 'check a mapping file against --weights instead of mapping')
    .option('--json', 'print the result as JSON')
    .action((opts: MapCliOptions) => (opts.verify !== undefined ? verifyCommand({ ...opts, verify: opts.verify }) : mapCommand(opts)));
}
