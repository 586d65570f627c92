import type { ReportData } from '../ReportData.js';
import { GRAY, MARGIN, type PdfLayout } from './PdfLayout.js';

/** Writes `xsnn <version> · <sweep> · page i of n` at the foot of every buffered page. */
export function pageFooters(out: PdfLayout, data: ReportData): void {
  const doc = out.doc;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const oldBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('body')
      .fontSize(7.5)
      .fillColor(GRAY)
      .text(`xsnn ${data.xsnnVersion} · ${data.sweep.name} · page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - 32, {
        width: out.width,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = oldBottom;
  }
}
