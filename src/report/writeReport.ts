import { basename, join } from 'node:path';
import { checkOutputPath } from '../core/checkOutputPath.js';
import { writeFileSetAtomic } from '../core/writeFileSetAtomic.js';
import { UNDATED_REPORT } from './undatedReport.js';
import { XsnnError } from '../config/XsnnError.js';
import { readResultsLog } from '../sweep/ResultsLog.js';
import { readSweepManifest } from '../sweep/SweepManifest.js';
import { buildReportData } from './buildReportData.js';
import { readFigureInputs, type TileOccupancyInput } from './FigureInputs.js';
import { buildReportCharts, type ReportFigure } from './reportCharts.js';
import type { ReferencePoint, ReportData } from './ReportData.js';
import { renderReceptiveFields } from './renderReceptiveFields.js';
import { renderReportPdf } from './renderReportPdf.js';
import { occupancyStats, renderTileOccupancy } from './renderTileOccupancy.js';
import { resultsCsv } from './resultsCsv.js';

/** Options of {@link writeReport}. */
export interface WriteReportOptions {
  /** A sweep results folder (`sweep.json`, `results.jsonl`, optional `figures/`). */
  readonly resultsDir: string;
  /** PDF path; the CSV and JSON go next to it with the same name (`report.csv`, `report.json`). */
  readonly out: string;
  /**
   * Date printed on the title page and used as the PDF's creation date (ISO 8601).
   * Default: none ({@link UNDATED_REPORT}, shown as undated), so equal records give
   * byte-identical files whenever and however long their points ran.
   */
  readonly date?: string;
  /** Overrides of the summary's reference point. */
  readonly reference?: Partial<ReferencePoint>;
  /** Compress PDF streams (default true). */
  readonly compress?: boolean;
}

/** The PDF, CSV and JSON paths of `--out` and the name of their set. */
function reportPaths(out: string): { pdf: string; csv: string; json: string; set: string } {
  const base = out.replace(/\.pdf$/i, '');
  return { pdf: /\.pdf$/i.test(out) ? out : `${out}.pdf`, csv: `${base}.csv`, json: `${base}.json`, set: basename(base) };
}

/** Files {@link writeReport} wrote, and the data they show. */
export interface WrittenReport {
  readonly pdf: string;
  readonly csv: string;
  readonly json: string;
  readonly data: ReportData;
  readonly figures: ReadonlyArray<ReportFigure>;
}

/**
 * Writes a sweep's report: `<out>.pdf` (title page with provenance, summary,
 * charts, receptive fields, tile occupancy, methods), and the same data as
 * `<out>.csv` (one row per point) and `<out>.json` ({@link ReportData}). The three
 * are written as one set (`writeFileSetAtomic`): a kill leaves the complete old set
 * or the complete new one. The output paths are checked before any work (a folder
 * where a file goes fails with nothing written). The same records give the same bytes.
 */
export async function writeReport(options: WriteReportOptions): Promise<WrittenReport> {
  const { pdf, csv, json, set } = reportPaths(options.out);
  for (const path of [pdf, csv, json]) checkOutputPath(path, 'file', 'report --out');
  const manifest = readSweepManifest(options.resultsDir);
  if (manifest === null)
    throw new XsnnError('writeReport: not a sweep results folder (no sweep.json)', { file: options.resultsDir, expected: 'the --out folder of `xsnn sweep`' });
  if (options.date !== undefined && Number.isNaN(Date.parse(options.date)))
    throw new XsnnError(`writeReport: date ${JSON.stringify(options.date)} is not an ISO 8601 date`);
  const log = readResultsLog(join(options.resultsDir, 'results.jsonl'));
  const data = buildReportData({
    manifest,
    lines: log.lines,
    date: options.date !== undefined ? new Date(options.date).toISOString() : UNDATED_REPORT,
    ...(options.reference !== undefined ? { reference: options.reference } : {}),
  });
  const inputs = readFigureInputs(options.resultsDir);
  const charts = await buildReportCharts(data);
  const order = (name: string): number => {
    const i = manifest.networks.findIndex((n) => n.name === name);
    return i < 0 ? manifest.networks.length : i;
  };
  const receptiveFields: ReportFigure[] = [];
  for (const rf of [...inputs.receptiveFields].sort((a, b) => order(a.network) - order(b.network)))
    receptiveFields.push({
      id: `receptive-fields-${rf.network}`,
      title: `Receptive fields: ${rf.network}`,
      caption: `Input weights of the first ${Math.min(rf.neurons, 100)} of ${rf.totalNeurons} neurons of ${rf.network} (checkpoint sha256 ${rf.checkpointHash.slice(0, 16)}…), each drawn as a ${rf.imageWidth}×${rf.imageHeight} image on its own scale, colour map 'hot': black = 0 or pruned, dark red ≈ 1/6, red = 1/3, orange ≈ 1/2, yellow = 2/3, white = the neuron's largest weight (linear in the weight).`,
      png: await renderReceptiveFields(rf),
      note: null,
    });
  const occupancy: ReportFigure[] = [];
  for (const o of inputs.occupancy) {
    const s = occupancyStats(o);
    occupancy.push({
      id: `occupancy-${o.network}-${o.rows}x${o.cols}`,
      title: `Tile occupancy: ${o.network} on ${o.rows}×${o.cols} crossbars`,
      caption: `Each box is one ${o.rows}×${o.cols} tile of the mapping of ${o.network} (${occupancyMatrixText(o)}); dark cells hold a synapse; labels give each tile's fill. ${o.tiles.length} tiles${o.tiles.length > 48 ? ' (first 48 shown)' : ''}, ${(s.utilisation * 100).toFixed(1)} % of their cells used.`,
      png: await renderTileOccupancy(o),
      note: null,
    });
  }
  const pdfBytes = await renderReportPdf(data, { charts, receptiveFields, occupancy }, { compress: options.compress ?? true });
  writeFileSetAtomic(set, [
    [csv, resultsCsv(log.lines, manifest)],
    [json, `${JSON.stringify(data, null, 2)}\n`],
    [pdf, pdfBytes],
  ]);
  return { pdf, csv, json, data, figures: [...charts, ...receptiveFields, ...occupancy] };
}

/** The mapped matrix of an occupancy picture in words: inputs × neurons, or the delay-expanded rows. */
function occupancyMatrixText(o: TileOccupancyInput): string {
  if (o.delayGroups === undefined) return `${o.matrixRows} inputs × ${o.matrixCols} neurons`;
  const inputs = o.matrixRows / o.delayGroups;
  return `${o.matrixRows} rows = ${inputs} inputs × ${o.delayGroups} delay groups, a physical row per input and delay group, × ${o.matrixCols} neurons`;
}
