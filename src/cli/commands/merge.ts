import type { Command } from 'commander';
import { mergeSweeps } from '../../sweep/mergeSweeps.js';
import { printJson } from '../output.js';

/** `xsnn merge`: combines shard results folders of one sweep. */
export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('combine sweep results folders (shards) of the same sweep definition')
    .argument('<dirs...>', 'results folders to combine')
    .requiredOption('--out <dir>', 'merged results folder')
    .option('--json', 'print the summary as JSON')
    .action((dirs: string[], opts: { out: string; json?: boolean }) => {
      const s = mergeSweeps({ inputs: dirs, outDir: opts.out });
      for (const w of s.warnings) process.stderr.write(`xsnn merge: warning: ${w}\n`);
      if (opts.json === true) printJson(s);
      else process.stdout.write(`merged ${dirs.length} folders: ${s.points} of ${s.pointCount} points (${s.duplicates} duplicates dropped) → ${opts.out}\n`);
    });
}
