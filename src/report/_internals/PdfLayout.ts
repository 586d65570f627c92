import type { ReportFigure } from '../reportCharts.js';

/** Page margin (pt) on every side. */
export const MARGIN = 50;
/** Colour of captions and footers. */
export const GRAY = '#555555';
/** Colour of notes about missing data. */
export const WARN = '#803030';

/** The part of a pdfkit document the layout uses (pdfkit is loaded lazily, so only its type is named here). */
export type PdfDoc = PDFKit.PDFDocument;

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Layout primitives of the report PDF on one pdfkit document: headings kept with
 * what follows, paragraphs, wrapped tables that repeat their header on a new page,
 * and figures (image, or a note box when the chart is absent) with captions.
 */
export class PdfLayout {
  /** Text width (pt). */
  readonly width: number;

  constructor(readonly doc: PdfDoc) {
    this.width = doc.page.width - 2 * MARGIN;
  }

  /** Lowest y (pt) content may reach on the page. */
  bottom(): number {
    return this.doc.page.height - MARGIN;
  }

  /** Starts a new page unless `h` points still fit on this one. */
  ensure(h: number): void {
    if (this.doc.y + h > this.bottom()) this.doc.addPage();
  }

  /** A heading kept on the same page as the next `keep` points of content. */
  heading(text: string, size = 16, keep = 0): void {
    this.ensure(size * 3 + keep);
    this.doc.font('bold').fontSize(size).fillColor('#000000').text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.4);
  }

  /** A paragraph of body text. */
  para(text: string, size = 10, color = '#000000'): void {
    this.doc.font('body').fontSize(size).fillColor(color).text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.5);
  }

  /** A table with wrapped cells; `widths` are fractions of the text width. */
  table(header: string[], rows: string[][], widths: number[], size = 8.5, align: Array<'left' | 'right'> = []): void {
    const doc = this.doc;
    const W = this.width;
    const cols = widths.map((f) => f * W);
    const pad = 3;
    const rowHeight = (cells: string[], font: string): number => {
      doc.font(font).fontSize(size);
      return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: cols[i]! - 2 * pad }))) + 2 * pad;
    };
    const drawRow = (cells: string[], font: string, shade: boolean): void => {
      const h = rowHeight(cells, font);
      if (doc.y + h > this.bottom()) {
        doc.addPage();
        if (font !== 'bold') drawRow(header, 'bold', true);
      }
      const y = doc.y;
      if (shade) doc.rect(MARGIN, y, W, h).fill('#eef1f5');
      let x = MARGIN;
      doc.font(font).fontSize(size).fillColor('#000000');
      cells.forEach((c, i) => {
        doc.text(c, x + pad, y + pad, { width: cols[i]! - 2 * pad, align: align[i] ?? 'left' });
        x += cols[i]!;
      });
      doc
        .moveTo(MARGIN, y + h)
        .lineTo(MARGIN + W, y + h)
        .lineWidth(0.4)
        .strokeColor('#aaaaaa')
        .stroke();
      doc.y = y + h;
    };
    drawRow(header, 'bold', true);
    for (const r of rows) drawRow(r, 'body', false);
    doc.x = MARGIN;
    doc.moveDown(0.8);
  }

  /** Height (pt) a figure takes: title, image (or note box) and caption. */
  figureHeight(f: ReportFigure | undefined, maxHeight = 290): number {
    if (f === undefined) return 60;
    this.doc.font('body').fontSize(8.5);
    const capH = this.doc.heightOfString(f.caption, { width: this.width });
    if (f.png === null) return 80 + capH;
    const { width, height } = pngSize(f.png);
    return 24 + Math.min(maxHeight, (height / width) * this.width) + capH + 16;
  }

  /** A figure: title, image scaled to the text width (at most `maxHeight` tall) and caption; a red note box when it has no image. */
  figure(f: ReportFigure, maxHeight = 290): void {
    if (f.png === null) this.omittedFigure(f);
    else this.imageFigure(f, f.png, maxHeight);
  }

  private omittedFigure(f: ReportFigure): void {
    const doc = this.doc;
    const W = this.width;
    this.ensure(80);
    doc.font('bold').fontSize(12).fillColor('#000000').text(f.title, MARGIN, doc.y, { width: W });
    const y = doc.y + 4;
    const text = `Chart omitted: ${f.note ?? 'no data'}`;
    doc.font('body').fontSize(9.5);
    const h = doc.heightOfString(text, { width: W - 20 }) + 16;
    doc.rect(MARGIN, y, W, h).lineWidth(0.8).strokeColor('#b04040').stroke();
    doc.fillColor(WARN).text(text, MARGIN + 10, y + 8, { width: W - 20 });
    doc.y = y + h + 6;
    this.para(f.caption, 8.5, GRAY);
  }

  private imageFigure(f: ReportFigure, png: Buffer, maxHeight: number): void {
    const doc = this.doc;
    const W = this.width;
    const { width, height } = pngSize(png);
    let w = W;
    let h = (height / width) * w;
    if (h > maxHeight) {
      h = maxHeight;
      w = (width / height) * h;
    }
    doc.font('body').fontSize(8.5);
    const capH = doc.heightOfString(f.caption, { width: W });
    this.ensure(20 + h + capH + 10);
    doc.font('bold').fontSize(12).fillColor('#000000').text(f.title, MARGIN, doc.y, { width: W });
    doc.moveDown(0.3);
    const y = doc.y;
    doc.image(png, MARGIN + (W - w) / 2, y, { width: w, height: h });
    doc.y = y + h + 4;
    this.para(f.caption, 8.5, GRAY);
    doc.moveDown(0.4);
  }

  /** A section: heading kept with its first figure, then its figures (or a note when it has none). */
  section(title: string, figs: ReadonlyArray<ReportFigure>, maxHeight = 290, none = ''): void {
    this.heading(title, 16, this.figureHeight(figs[0], maxHeight));
    if (figs.length === 0 && none !== '') this.para(none, 10, WARN);
    for (const f of figs) this.figure(f, maxHeight);
  }
}
