import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { packageRoot } from '../../config/presets.js';
import { XsnnError } from '../../config/XsnnError.js';
import { DEFAULT_EVALUATOR } from '../../sweep/defaultEvaluator.js';
import { parseEvaluatorRef, type EvaluatorRef } from '../../sweep/PointEvaluator.js';
import { runSweep } from '../../sweep/runSweep.js';
import { parseIntOption, printJson, usageParser } from '../output.js';
import { parseShard, type Shard } from '../../sweep/Shard.js';

/** The evaluator named by `--evaluator`, or the built-in co-simulation (an error if it is not built). */
export function evaluatorFromOption(text: string | undefined): EvaluatorRef {
  if (text !== undefined) return parseEvaluatorRef(text);
  const file = join(packageRoot, DEFAULT_EVALUATOR.module);
  if (!existsSync(file)) {
    throw new XsnnError('the co-simulation point evaluator is not available in this build', {
      file,
      expected: `a built evaluator, or --evaluator <module>#<export> naming one`,
    });
  }
  return { module: file, export: DEFAULT_EVALUATOR.export };
}

/** `xsnn sweep`: evaluates every point of a sweep definition (resumable, shardable). */
export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('evaluate every point of a sweep definition; rerun to finish an interrupted sweep')
    .requiredOption('--spec <name|file>', 'sweep definition (reports/ name or YAML path)')
    .requiredOption('--out <dir>', 'results folder (sweep.json, results.jsonl, cache/)')
    .option('--workers <n>', 'worker threads (default: cores)', parseIntOption('--workers', 0))
    .option('--shard <k/n>', 'run shard k of n (k 1-based; 0 is read as n, so 0-based indices work too)', usageParser('--shard', parseShard))
    .option('--evaluator <module#export>', 'point evaluator module (default: the crossbar co-simulation)')
    .option('--ckpt-dir <dir>', 'folder of checkpoints trained from recipes', 'out/ckpt')
    .option('--json', 'print the run summary as JSON')
    .action(async (opts: { spec: string; out: string; workers?: number; shard?: Shard; evaluator?: string; ckptDir: string; json?: boolean }) => {
      const summary = await runSweep({
        spec: opts.spec,
        outDir: opts.out,
        evaluator: evaluatorFromOption(opts.evaluator),
        ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
        ...(opts.shard !== undefined ? { shard: opts.shard } : {}),
        checkpointRoot: opts.ckptDir,
      });
      if (opts.json === true) printJson(summary);
      else {
        process.stdout.write(
          `${summary.inShard} of ${summary.total} points in this shard: ${summary.alreadyDone} already done, ${summary.evaluated} evaluated in ${summary.elapsedS.toFixed(1)} s → ${join(opts.out, 'results.jsonl')}\n`,
        );
      }
    });
}
