import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { usageError } from '../../config/XsnnError.js';
import { parseIntOption } from '../output.js';
import { evaluatorFromOption } from './sweep.js';

/** `xsnn report`: a PDF (plus CSV and JSON) from sweep results, or the whole pipeline from a sweep definition. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write a PDF report (and CSV + JSON next to it) from sweep results, or train + sweep + report from a definition')
    .option('--results <dir>', 'sweep results folder (from `xsnn sweep --out`)')
    .option('--spec <name|file>', 'sweep definition: train missing checkpoints, sweep, then report')
    .requiredOption('--out <file.pdf>', 'PDF to write; <name>.csv and <name>.json are written next to it')
    .option('--results-dir <dir>', 'with --spec: sweep results folder (default out/sweeps/<name>)')
    .option('--ckpt-dir <dir>', 'with --spec: folder of checkpoints trained from recipes', 'out/ckpt')
    .option('--workers <n>', 'with --spec: worker threads (default: cores)', parseIntOption('--workers', 0))
    .option('--evaluator <module#export>', 'with --spec: point evaluator module (default: the crossbar co-simulation)')
    .option('--no-train', 'with --spec: fail instead of training missing checkpoints')
    .option(
      '--date <iso>',
      "date printed on the report's title page and used as the PDF's creation date (default: undated, so equal results give byte-identical files)",
      (v: string) => {
        if (Number.isNaN(Date.parse(v))) throw new InvalidArgumentError(`--date expects an ISO 8601 date, got "${v}"`);
        return v;
      },
    )
    .action(
      async (opts: {
        results?: string;
        spec?: string;
        out: string;
        resultsDir?: string;
        ckptDir: string;
        workers?: number;
        evaluator?: string;
        train: boolean;
        date?: string;
      }) => {
        if ((opts.results === undefined) === (opts.spec === undefined))
          throw usageError('report: give exactly one of --results <dir> or --spec <definition>', {
            expected: 'either --results <dir> or --spec <definition>',
            received: opts.results === undefined ? 'neither' : 'both',
          });
        const dateOpt = opts.date !== undefined ? { date: opts.date } : {};
        // loaded on use: pdfkit, the SNN core and the mapper are not needed by other subcommands
        const { writeReport } = await import('../../report/writeReport.js');
        if (opts.results !== undefined) {
          const r = await writeReport({ resultsDir: opts.results, out: opts.out, ...dateOpt });
          process.stdout.write(`${r.pdf}\n`);
          return;
        }
        const { runReportSpec } = await import('../../report/runReportSpec.js');
        const { checkpointFigureSources, trainRecipe } = await import('../../report/defaultPipeline.js');
        const run = await runReportSpec({
          spec: opts.spec!,
          out: opts.out,
          ...(opts.resultsDir !== undefined ? { resultsDir: opts.resultsDir } : {}),
          checkpointRoot: opts.ckptDir,
          evaluator: evaluatorFromOption(opts.evaluator),
          ...(opts.train ? { trainer: trainRecipe } : {}),
          figures: checkpointFigureSources,
          ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
          ...dateOpt,
          log: (m) => process.stderr.write(`xsnn report: ${m}\n`),
        });
        process.stdout.write(`${run.report.pdf}\n`);
      },
    );
}
