import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { join } from 'node:path';
import { usageError } from '../../config/XsnnError.js';
import { parseIntOption, printJson } from '../output.js';
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
      '--retrain',
      'with --spec: train every network that names a recipe from scratch into --ckpt-dir (<ckpt-dir>/<recipe>, reused when already there) instead of using the checkpoint folder the definition names (e.g. the shipped checkpoints/); results go to out/sweeps/<name>-retrain unless --results-dir',
    )
    .option('--json', 'print {pdf, csv, json, resultsDir, trained, sweep} as JSON instead of the PDF path')
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
        retrain?: boolean;
        json?: boolean;
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
          if (opts.retrain === true) throw usageError('report: --retrain needs --spec (it trains the definition’s networks)');
          const r = await writeReport({ resultsDir: opts.results, out: opts.out, ...dateOpt });
          if (opts.json === true) printJson({ pdf: r.pdf, csv: r.csv, json: r.json, resultsDir: opts.results });
          else process.stdout.write(`${r.pdf}\n`);
          return;
        }
        const { runReportSpec } = await import('../../report/runReportSpec.js');
        const { checkpointFigureSources, trainRecipe } = await import('../../report/defaultPipeline.js');
        const { loadSweepSpec } = await import('../../sweep/loadSweepSpec.js');
        const { retrainSpec } = await import('../../sweep/retrainSpec.js');
        const loaded = loadSweepSpec(opts.spec!);
        const retrain = opts.retrain === true;
        const resultsDir = opts.resultsDir ?? (retrain ? join('out', 'sweeps', `${loaded.spec.name}-retrain`) : undefined);
        const run = await runReportSpec({
          spec: retrain ? retrainSpec(loaded) : loaded,
          out: opts.out,
          ...(resultsDir !== undefined ? { resultsDir } : {}),
          checkpointRoot: opts.ckptDir,
          evaluator: evaluatorFromOption(opts.evaluator),
          ...(opts.train ? { trainer: trainRecipe } : {}),
          figures: checkpointFigureSources,
          ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
          ...dateOpt,
          log: (m) => process.stderr.write(`xsnn report: ${m}\n`),
        });
        if (opts.json === true) {
          const { pdf, csv, json } = run.report;
          printJson({ pdf, csv, json, resultsDir: run.resultsDir, trained: run.trained, sweep: run.sweep });
        } else process.stdout.write(`${run.report.pdf}\n`);
      },
    );
}
