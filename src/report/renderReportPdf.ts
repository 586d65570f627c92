import { version } from '../core/version.js';
import { FONT_FILES } from './fonts.js';
import type { ReportData } from './ReportData.js';
import type { ReportFigures } from './ReportFigures.js';
import { figureSections } from './_internals/figureSections.js';
import { methodsSection } from './_internals/methodsSection.js';
import { pageFooters } from './_internals/pageFooters.js';
import { MARGIN, PdfLayout } from './_internals/PdfLayout.js';
import { summarySection } from './_internals/summarySection.js';
import { titlePage } from './_internals/titlePage.js';

/** Options of {@link renderReportPdf}. */
export interface RenderReportPdfOptions {
  /** Compress PDF streams (default true; false keeps page text readable for tests). */
  readonly compress?: boolean;
}

export type { ReportFigures } from './ReportFigures.js';

/**
 * Lays out a report as a PDF (pdfkit, loaded on first use; bundled DejaVu Sans):
 * title page with provenance, summary table, charts, receptive fields, tile
 * occupancy, methods, page footers. The document date is `data.date`, so the
 * same data gives the same bytes.
 */
export async function renderReportPdf(data: ReportData, figures: ReportFigures, options: RenderReportPdfOptions = {}): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const date = new Date(data.date);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    compress: options.compress ?? true,
    bufferPages: true,
    info: {
      Title: data.title,
      Subject: `Sweep ${data.sweep.name} (${data.sweep.definitionHash})`,
      Creator: `xsnn ${version}`,
      Producer: `xsnn ${version} (pdfkit)`,
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', FONT_FILES.regular);
  doc.registerFont('bold', FONT_FILES.bold);
  const out = new PdfLayout(doc);
  titlePage(out, data);
  summarySection(out, data);
  figureSections(out, figures);
  methodsSection(out, data);
  pageFooters(out, data);
  doc.end();
  return done;
}
