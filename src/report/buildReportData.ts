import { XsnnError } from '../config/XsnnError.js';
import { version } from '../core/version.js';
import type { ResultLine } from '../sweep/ResultLine.js';
import type { SweepManifest } from '../sweep/SweepManifest.js';
import type { ReferencePoint, ReportData } from './ReportData.js';
import { accuracySeries, breakdowns, perDeviceSeries, tileSeries } from './_internals/chartSeries.js';
import { chooseReference } from './_internals/chooseReference.js';
import { methodsOf } from './_internals/methodsOf.js';
import { provenanceOf } from './_internals/provenanceOf.js';
import { ReportRecords } from './_internals/ReportRecords.js';
import { bestSizes, componentNotes, deviceCrossings, sizeUpturns } from './_internals/sizeTurns.js';
import { summaryAt } from './_internals/summaryRows.js';
import { modeGroups } from './_internals/modeGroups.js';
import { latencyBreakdowns, timeVsSize } from './_internals/timeSeries.js';

/** The rises with size and the device crossings of one metric, then what the components they name follow. */
function turnsOf(rr: ReportRecords, ref: ReferencePoint, kind: 'energy' | 'area'): string[] {
  const t = [...sizeUpturns(rr, ref, kind), ...deviceCrossings(rr, ref, kind)];
  return [...t, ...componentNotes(t)];
}

/** Options of {@link buildReportData}. */
export interface BuildReportDataOptions {
  readonly manifest: SweepManifest;
  readonly lines: ReadonlyArray<ResultLine>;
  /** Date shown and stored (ISO 8601). Default: the latest `finishedAt` of the lines. */
  readonly date?: string;
  /** Overrides of the reference point (default: the definition's `report:` section, then built-in choices). */
  readonly reference?: Partial<ReferencePoint>;
}

/**
 * Turns a sweep's results into everything a report shows (see {@link ReportData}):
 * the sparse-vs-dense summary at the reference point, tiles per size, energy and
 * area breakdowns per size, energy and area per device over sizes, the operating
 * modes, latency breakdowns and time figures over sizes (from the records' `timing`
 * blocks), accuracy over variation, provenance and the methods terms. Deterministic: the same lines (in
 * any order) give the same data.
 */
export function buildReportData(options: BuildReportDataOptions): ReportData {
  const { manifest } = options;
  if (options.lines.length === 0)
    throw new XsnnError('buildReportData: the results folder holds no finished points', {
      expected: 'at least one line in results.jsonl (run `xsnn sweep` first)',
    });
  const rr = new ReportRecords(manifest, options.lines);
  const ref = chooseReference(manifest, rr, options.reference ?? {});
  const date =
    options.date ??
    rr.lines
      .map((l) => l.finishedAt)
      .sort()
      .pop()!;
  return {
    format: 'xsnn-report/1',
    title: `xsnn report: ${manifest.name}`,
    description: typeof manifest.definition['description'] === 'string' ? manifest.definition['description'] : null,
    sweep: {
      name: manifest.name,
      definitionHash: manifest.definitionHash,
      xsnnVersion: manifest.xsnnVersion,
      points: rr.lines.length,
      pointCount: manifest.pointCount,
    },
    xsnnVersion: version,
    date,
    provenance: provenanceOf(rr),
    reference: ref,
    summary: summaryAt(rr, ref),
    bestSizes: bestSizes(rr, ref),
    turns: { energy: turnsOf(rr, ref, 'energy'), area: turnsOf(rr, ref, 'area') },
    tiles: tileSeries(rr, ref),
    energyBreakdown: breakdowns(rr, ref, 'energy'),
    areaBreakdown: breakdowns(rr, ref, 'area'),
    energyVsSize: perDeviceSeries(rr, ref, (r) => r.energyPerInferenceJ),
    areaVsSize: perDeviceSeries(rr, ref, (r) => r.areaM2),
    timing: modeGroups(rr, ref),
    latencyBreakdown: latencyBreakdowns(rr, ref),
    timeVsSize: timeVsSize(rr, ref),
    accuracyVsVariation: accuracySeries(rr, ref),
    methods: methodsOf(rr, ref),
  };
}
