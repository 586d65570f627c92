import { displayName, formatNumber } from '../format.js';
import type { ReportData } from '../ReportData.js';
import { WARN, type PdfLayout } from './PdfLayout.js';

/** The summary page: compressed versus dense at the reference point (or why there is no summary). */
export function summarySection(out: PdfLayout, data: ReportData): void {
  const ref = data.reference;
  const p = data.provenance;
  out.doc.addPage();
  out.heading('Summary: compressed versus dense');
  if (data.summary === null) {
    out.para(
      `No summary: the results need a dense and a compressed network evaluated at the reference point (${ref.rows}×${ref.cols}, ${displayName(ref.device)}, ${displayName(ref.periphery)}, σ = ${formatNumber(ref.variationSigma * 100, 3)} %).`,
      10,
      WARN,
    );
    return;
  }
  const s = data.summary;
  out.para(
    `At ${ref.rows}×${ref.cols} crossbars, device ${displayName(ref.device)}, periphery ${displayName(ref.periphery)}, σ = ${formatNumber(ref.variationSigma * 100, 3)} %. Improvement = dense / compressed (how many times smaller); for accuracy, the difference compressed − dense in percentage points. Accuracy here is measured on ${p.testImages.join(', ')} test images with neuron labels from ${p.labelImages ?? "the definition's"} training images, the sweep's image budget; \`xsnn eval\` (10,000 label and 10,000 test images by default) gives each network's own accuracy.`,
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
    [0.27, 0.1, 0.23, 0.23, 0.17],
    9.5,
    ['left', 'left', 'right', 'right', 'right'],
  );
}
