import { formatFigure, formatSignificant } from '../../core/formatFigure.js';
import { displayName } from '../format.js';
import type { ReportData } from '../ReportData.js';
import { WARN, type PdfLayout } from './PdfLayout.js';
import { modeSentence } from './modeText.js';
import { referenceText } from './referenceText.js';

/** Whether the accuracy difference is an effect or within the test set's sampling error, in words. */
function intervalText(s: NonNullable<ReportData['summary']>): string {
  const i = s.accuracyInterval;
  const diff = Math.abs(s.rows[0]!.factor ?? 0);
  return `With ${formatSignificant(i.testImages)} test images an accuracy is known to ±${i.halfWidthPoints.toFixed(1)} points and a difference of two to ±${i.differenceHalfWidthPoints.toFixed(1)} points (95 % binomial intervals, normal approximation): the difference here (${diff.toFixed(2)} points) is ${i.differenceWithin ? 'within that interval, not a measured effect' : 'outside that interval'}. The ± after an accuracy is one standard deviation over the Monte Carlo device samples, shown only with two samples or more.`;
}

/** Why time figures are missing or have no factor, in words ('' when all are there). */
function timingText(s: NonNullable<ReportData['summary']>): string {
  const t = s.timing;
  const missing = [t.dense === null ? `${s.dense}` : '', t.compressed === null ? `${s.compressed}` : ''].filter((x) => x !== '');
  if (missing.length > 0)
    return `– : the record of ${missing.join(' and ')} at the reference point has no timing block (it was written before the timing model, docs/timing.md), so its latency, throughput, energy-delay product and pJ/SOP are not known; re-running the sweep's points gives them. No number is put in their place.`;
  if (t.dense !== t.compressed)
    return `The dense record is in ${t.dense} mode and the compressed one in ${t.compressed} mode: their time figures are not comparable, so no factor is given (–).`;
  return '';
}

/** At which size each network is best, in words. */
function bestSizesText(data: ReportData): string {
  if (data.bestSizes.length === 0) return '';
  const parts = data.bestSizes.map(
    (b) =>
      `${b.network}: smallest area at ${b.area.size} (${formatFigure(b.area.valueSI, 'm^2')}), lowest energy per inference at ${b.energy.size} (${formatFigure(b.energy.valueSI, 'J')})`,
  );
  return `Best crossbar size on device ${displayName(data.reference.device)} (of the sizes swept): ${parts.join('; ')}.`;
}

/** The summary page: compressed versus dense at the reference point (or why there is no summary), the accuracy interval and the best sizes. */
export function summarySection(out: PdfLayout, data: ReportData): void {
  const ref = data.reference;
  const p = data.provenance;
  out.doc.addPage();
  out.heading('Summary: compressed versus dense');
  if (data.summary === null) {
    out.para(`No summary: the results need a dense and a compressed network evaluated at the reference point (${referenceText(ref)}).`, 10, WARN);
    return;
  }
  const s = data.summary;
  out.para(
    `At ${referenceText(ref)}. Improvement = dense / compressed (how many times smaller); for throughput, compressed / dense (how many times higher); for accuracy, the difference compressed − dense in percentage points. SOP: synaptic operation, a programmed synapse reached by an input spike. Accuracy here is measured on ${p.testImages.join(', ')} test images with neuron labels from ${p.labelImages ?? "the definition's"} training images, the sweep's image budget; \`xsnn eval\` (10,000 label and 10,000 test images by default) gives each network's own accuracy.${modeSentence(data.timing.shown)}`,
    9.5,
  );
  out.table(
    [
      'metric',
      'unit',
      s.dense === 'dense' ? 'dense' : `dense (${s.dense})`,
      s.compressed === 'compressed' ? 'compressed' : `compressed (${s.compressed})`,
      'improvement',
    ],
    s.rows.map((r) => [r.metric, r.unit, r.text.dense, r.text.compressed, r.text.factor]),
    [0.3, 0.14, 0.2, 0.2, 0.16],
    9.5,
    ['left', 'left', 'right', 'right', 'right'],
  );
  const missing = timingText(s);
  if (missing !== '') out.para(missing, 9, WARN);
  else
    out.para(
      'For context only (other technologies, networks and definitions of an event): TrueNorth ≈ 26 pJ per synaptic event, Loihi ≈ 24 pJ per synaptic operation, as their papers report. The methods section says how each time figure is computed.',
      9,
    );
  out.para(intervalText(s), 9);
  const best = bestSizesText(data);
  if (best !== '') out.para(best, 9);
}
