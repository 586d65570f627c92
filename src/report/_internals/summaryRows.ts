import type { ResultRecord } from '../../core/ResultRecord.js';
import { formatAccuracy, formatPointDifference, formatRatio, formatSignificant } from '../../core/formatFigure.js';
import { pickScale } from '../format.js';
import type { AccuracyInterval, ReferencePoint, ReportData, SummaryRow } from '../ReportData.js';
import { binomialHalfWidthPoints, differenceHalfWidthPoints } from './confidence.js';
import type { ReportRecords } from './ReportRecords.js';

type Rec = ResultRecord;

/** The rows of the summary table for dense record `d` and compressed record `c`. */
function summaryRows(d: Rec, c: Rec): SummaryRow[] {
  const ratio = (a: number, b: number): number => (b === 0 ? Number.POSITIVE_INFINITY : a / b);
  const ratioText = (f: number): string => formatRatio(f);
  const eScale = pickScale('energy', [d.energyPerInferenceJ, c.energyPerInferenceJ]);
  const aScale = pickScale('area', [d.areaM2, c.areaM2]);
  const accDiff = (c.accuracy.mean - d.accuracy.mean) * 100;
  const pct = (r: Rec): string => formatAccuracy(r.accuracy.mean, r.accuracy.std, r.samples).replace(/ %$/, '');
  const rows: SummaryRow[] = [
    {
      metric: 'Accuracy',
      unit: '%',
      dense: d.accuracy.mean * 100,
      compressed: c.accuracy.mean * 100,
      denseStd: d.accuracy.std * 100,
      compressedStd: c.accuracy.std * 100,
      factor: accDiff,
      factorKind: 'difference',
      text: { dense: pct(d), compressed: pct(c), factor: formatPointDifference(c.accuracy.mean - d.accuracy.mean) },
    },
  ];
  const add = (metric: string, unit: string, dv: number, cv: number, scale = 1): void => {
    const f = ratio(dv, cv);
    rows.push({
      metric,
      unit,
      dense: dv * scale,
      compressed: cv * scale,
      factor: f,
      factorKind: 'ratio',
      text: { dense: formatSignificant(dv * scale), compressed: formatSignificant(cv * scale), factor: ratioText(f) },
    });
  };
  add('Synapses', 'count', d.network.synapses, c.network.synapses);
  add('Tiles', 'count', d.tiles, c.tiles);
  add('Area', aScale.unit, d.areaM2, c.areaM2, aScale.factor);
  add('Energy per inference', eScale.unit, d.energyPerInferenceJ, c.energyPerInferenceJ, eScale.factor);
  return rows;
}

/** The 95 % test-set interval of the accuracies and of their difference (binomial, normal approximation). */
function accuracyInterval(d: Rec, c: Rec): AccuracyInterval {
  const n = Math.min(d.testImages, c.testImages);
  const diff = differenceHalfWidthPoints(d.accuracy.mean, c.accuracy.mean, n);
  return {
    testImages: n,
    halfWidthPoints: binomialHalfWidthPoints(d.accuracy.mean, n),
    differenceHalfWidthPoints: diff,
    differenceWithin: Math.abs(c.accuracy.mean - d.accuracy.mean) * 100 <= diff,
  };
}

/** The compressed-versus-dense summary at the reference point; null without a dense and a compressed record there. */
export function summaryAt(rr: ReportRecords, ref: ReferencePoint): ReportData['summary'] {
  const dense = rr.networks.find((n) => rr.roleOf(n) === 'dense');
  const compressed = rr.networks.find((n) => rr.roleOf(n) === 'compressed');
  if (dense === undefined || compressed === undefined) return null;
  const d = rr.find(ref, dense, ref.rows, ref.cols, ref.device, ref.variationSigma);
  const c = rr.find(ref, compressed, ref.rows, ref.cols, ref.device, ref.variationSigma);
  return d !== undefined && c !== undefined ? { dense, compressed, rows: summaryRows(d, c), accuracyInterval: accuracyInterval(d, c) } : null;
}
