import type { ResultRecord } from '../../core/ResultRecord.js';
import { formatNumber, pickScale } from '../format.js';
import type { ReferencePoint, ReportData, SummaryRow } from '../ReportData.js';
import type { ReportRecords } from './ReportRecords.js';

type Rec = ResultRecord;

/** The rows of the summary table for dense record `d` and compressed record `c`. */
function summaryRows(d: Rec, c: Rec): SummaryRow[] {
  const ratio = (a: number, b: number): number => (b === 0 ? Number.POSITIVE_INFINITY : a / b);
  const ratioText = (f: number): string => (Number.isFinite(f) ? `${formatNumber(f, 3)}×` : '—');
  const eScale = pickScale('energy', [d.energyPerInferenceJ, c.energyPerInferenceJ]);
  const aScale = pickScale('area', [d.areaM2, c.areaM2]);
  const accDiff = (c.accuracy.mean - d.accuracy.mean) * 100;
  const pct = (r: Rec): string => `${(r.accuracy.mean * 100).toFixed(2)} ± ${(r.accuracy.std * 100).toFixed(2)}`;
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
      text: { dense: pct(d), compressed: pct(c), factor: `${accDiff >= 0 ? '+' : '−'}${Math.abs(accDiff).toFixed(2)} pp` },
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
      text: { dense: formatNumber(dv * scale), compressed: formatNumber(cv * scale), factor: ratioText(f) },
    });
  };
  add('Synapses', 'count', d.network.synapses, c.network.synapses);
  add('Tiles', 'count', d.tiles, c.tiles);
  add('Area', aScale.unit, d.areaM2, c.areaM2, aScale.factor);
  add('Energy per inference', eScale.unit, d.energyPerInferenceJ, c.energyPerInferenceJ, eScale.factor);
  return rows;
}

/** The compressed-versus-dense summary at the reference point; null without a dense and a compressed record there. */
export function summaryAt(rr: ReportRecords, ref: ReferencePoint): ReportData['summary'] {
  const dense = rr.networks.find((n) => rr.roleOf(n) === 'dense');
  const compressed = rr.networks.find((n) => rr.roleOf(n) === 'compressed');
  if (dense === undefined || compressed === undefined) return null;
  const d = rr.find(ref, dense, ref.rows, ref.cols, ref.device, ref.variationSigma);
  const c = rr.find(ref, compressed, ref.rows, ref.cols, ref.device, ref.variationSigma);
  return d !== undefined && c !== undefined ? { dense, compressed, rows: summaryRows(d, c) } : null;
}
