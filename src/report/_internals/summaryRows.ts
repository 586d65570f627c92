import { displayUnit, formatAccuracy, formatPointDifference, groupFromDigitsAlike } from '../../core/formatFigure.js';
import type { ResultRecord, TimingFigures } from '../../core/ResultRecord.js';
import { formatFixedDigits, formatFixedRatio, pickScale } from '../format.js';
import type { AccuracyInterval, ReferencePoint, ReportData, SummaryRow } from '../ReportData.js';
import { binomialHalfWidthPoints, differenceHalfWidthPoints } from './confidence.js';
import type { ReportRecords } from './ReportRecords.js';

type Rec = ResultRecord;

/** Missing value. */
const NONE = '\u2013';

/** The accuracy row: compressed − dense in points. */
function accuracyRow(d: Rec, c: Rec): SummaryRow {
  const pct = (r: Rec): string => formatAccuracy(r.accuracy.mean, r.accuracy.std, r.samples).replace(/ %$/, '');
  return {
    metric: 'Accuracy',
    unit: '%',
    dense: d.accuracy.mean * 100,
    compressed: c.accuracy.mean * 100,
    denseStd: d.accuracy.std * 100,
    compressedStd: c.accuracy.std * 100,
    factor: (c.accuracy.mean - d.accuracy.mean) * 100,
    factorKind: 'difference',
    text: { dense: pct(d), compressed: pct(c), factor: formatPointDifference(c.accuracy.mean - d.accuracy.mean) },
  };
}

/** Options of one ratio row. */
interface RowSpec {
  readonly metric: string;
  readonly unit: string;
  readonly dense: number | null;
  readonly compressed: number | null;
  /** Display factor (multiply SI values by it). */
  readonly scale?: number;
  /** Counts print whole; other figures with 4 significant digits, trailing zeros kept. */
  readonly count?: boolean;
  /** More is better (throughput): the factor is compressed / dense. */
  readonly higherIsBetter?: boolean;
  /** The two records are in different operating modes: no factor. */
  readonly modesDiffer?: boolean;
}

/** A row whose factor is dense / compressed (compressed / dense when more is better), with `–` for a missing value. */
function ratioRow(s: RowSpec): SummaryRow {
  const scale = s.scale ?? 1;
  const dv = s.dense === null ? null : s.dense * scale;
  const cv = s.compressed === null ? null : s.compressed * scale;
  const [num, den] = s.higherIsBetter === true ? [cv, dv] : [dv, cv];
  const factor = num === null || den === null || s.modesDiffer === true ? null : den === 0 ? Number.POSITIVE_INFINITY : num / den;
  // the two values of a row are grouped alike: 3,895 beside 11,827
  const groupFrom = groupFromDigitsAlike([dv, cv]);
  const text = (v: number | null): string => (v === null ? NONE : formatFixedDigits(v, s.count === true && Number.isInteger(v) ? 1 : 4, groupFrom));
  return {
    metric: s.metric,
    unit: s.unit,
    dense: dv,
    compressed: cv,
    factor,
    factorKind: s.higherIsBetter === true ? 'inverse-ratio' : 'ratio',
    text: { dense: text(dv), compressed: text(cv), factor: factor === null ? NONE : formatFixedRatio(factor) },
  };
}

/** The time rows (latency, throughput, EDP, SOPs, pJ/SOP) from the records' timing blocks, `–` where a record has none. */
function timeRows(d: Rec, c: Rec): SummaryRow[] {
  const dt = d.timing;
  const ct = c.timing;
  const modesDiffer = dt !== undefined && ct !== undefined && dt.mode !== ct.mode;
  const get = (t: TimingFigures | undefined, k: 'latencyPerInferenceS' | 'throughputPerS' | 'edpJs' | 'sopsPerInference' | 'energyPerSopJ'): number | null =>
    t === undefined ? null : t[k];
  const both = (k: Parameters<typeof get>[1]): { dense: number | null; compressed: number | null; modesDiffer: boolean } => ({
    dense: get(dt, k),
    compressed: get(ct, k),
    modesDiffer,
  });
  const known = (k: Parameters<typeof get>[1]): number[] => [get(dt, k), get(ct, k)].filter((v): v is number => v !== null);
  const lat = displayUnit('s', known('latencyPerInferenceS'));
  const edp = displayUnit('J', known('edpJs'));
  return [
    ratioRow({ metric: 'Latency per inference', unit: lat.unit, scale: lat.factor, ...both('latencyPerInferenceS') }),
    ratioRow({ metric: 'Throughput', unit: 'inferences/s', higherIsBetter: true, ...both('throughputPerS') }),
    ratioRow({ metric: 'Energy-delay product', unit: `${edp.unit}·s`, scale: edp.factor, ...both('edpJs') }),
    ratioRow({ metric: 'SOPs per inference', unit: 'count', count: true, ...both('sopsPerInference') }),
    ratioRow({ metric: 'Energy per SOP', unit: 'pJ/SOP', scale: 1e12, ...both('energyPerSopJ') }),
  ];
}

/** The rows of the summary table for dense record `d` and compressed record `c`. */
function summaryRows(d: Rec, c: Rec): SummaryRow[] {
  const eScale = pickScale('energy', [d.energyPerInferenceJ, c.energyPerInferenceJ]);
  const aScale = pickScale('area', [d.areaM2, c.areaM2]);
  return [
    accuracyRow(d, c),
    ratioRow({ metric: 'Synapses', unit: 'count', count: true, dense: d.network.synapses, compressed: c.network.synapses }),
    ratioRow({ metric: 'Tiles', unit: 'count', count: true, dense: d.tiles, compressed: c.tiles }),
    ratioRow({ metric: 'Area', unit: aScale.unit, scale: aScale.factor, dense: d.areaM2, compressed: c.areaM2 }),
    ratioRow({ metric: 'Energy per inference', unit: eScale.unit, scale: eScale.factor, dense: d.energyPerInferenceJ, compressed: c.energyPerInferenceJ }),
    ...timeRows(d, c),
  ];
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
  if (d === undefined || c === undefined) return null;
  return {
    dense,
    compressed,
    rows: summaryRows(d, c),
    accuracyInterval: accuracyInterval(d, c),
    timing: { dense: d.timing?.mode ?? null, compressed: c.timing?.mode ?? null },
  };
}
