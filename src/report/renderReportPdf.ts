import { UNDATED_REPORT } from './undatedReport.js';
import PDFDocument from 'pdfkit';
import { version } from '../core/version.js';
import { FONT_FILES } from './fonts.js';
import { displayName, formatNumber } from './format.js';
import type { ReportData } from './ReportData.js';
import type { ReportFigure } from './reportCharts.js';

/** Options of {@link renderReportPdf}. */
export interface RenderReportPdfOptions {
  /** Compress PDF streams (default true; false keeps page text readable for tests). */
  readonly compress?: boolean;
}

/** Figures of a report, by section. */
export interface ReportFigures {
  readonly charts: ReadonlyArray<ReportFigure>;
  readonly receptiveFields: ReadonlyArray<ReportFigure>;
  readonly occupancy: ReadonlyArray<ReportFigure>;
}

const MARGIN = 50;
const GRAY = '#555555';

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Lays out a report as a PDF (pdfkit, bundled DejaVu Sans): title page with
 * provenance, summary table, charts, receptive fields, tile occupancy, methods.
 * The document date is `data.date`, so the same data gives the same bytes.
 */
export function renderReportPdf(data: ReportData, figures: ReportFigures, options: RenderReportPdfOptions = {}): Promise<Buffer> {
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
  const W = doc.page.width - 2 * MARGIN;
  const bottom = (): number => doc.page.height - MARGIN;
  const ensure = (h: number): void => {
    if (doc.y + h > bottom()) doc.addPage();
  };
  /** A heading kept on the same page as the next `keep` points of content. */
  const heading = (text: string, size = 16, keep = 0): void => {
    ensure(size * 3 + keep);
    doc.font('bold').fontSize(size).fillColor('#000000').text(text, MARGIN, doc.y, { width: W });
    doc.moveDown(0.4);
  };
  const para = (text: string, size = 10, color = '#000000'): void => {
    doc.font('body').fontSize(size).fillColor(color).text(text, MARGIN, doc.y, { width: W });
    doc.moveDown(0.5);
  };
  /** A table with wrapped cells; `widths` are fractions of the text width. */
  const table = (header: string[], rows: string[][], widths: number[], size = 8.5, align: Array<'left' | 'right'> = []): void => {
    const cols = widths.map((f) => f * W);
    const pad = 3;
    const rowHeight = (cells: string[], font: string): number => {
      doc.font(font).fontSize(size);
      return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: cols[i]! - 2 * pad }))) + 2 * pad;
    };
    const drawRow = (cells: string[], font: string, shade: boolean): void => {
      const h = rowHeight(cells, font);
      if (doc.y + h > bottom()) {
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
  };
  /** Height (pt) a figure takes: title, image (or note box) and caption. */
  const figureHeight = (f: ReportFigure | undefined, maxHeight = 290): number => {
    if (f === undefined) return 60;
    doc.font('body').fontSize(8.5);
    const capH = doc.heightOfString(f.caption, { width: W });
    if (f.png === null) return 80 + capH;
    const { width, height } = pngSize(f.png);
    return 24 + Math.min(maxHeight, (height / width) * W) + capH + 16;
  };
  const figure = (f: ReportFigure, maxHeight = 290): void => {
    if (f.png === null) {
      ensure(80);
      doc.font('bold').fontSize(12).fillColor('#000000').text(f.title, MARGIN, doc.y, { width: W });
      const y = doc.y + 4;
      const text = `Chart omitted: ${f.note ?? 'no data'}`;
      doc.font('body').fontSize(9.5);
      const h = doc.heightOfString(text, { width: W - 20 }) + 16;
      doc.rect(MARGIN, y, W, h).lineWidth(0.8).strokeColor('#b04040').stroke();
      doc.fillColor('#803030').text(text, MARGIN + 10, y + 8, { width: W - 20 });
      doc.y = y + h + 6;
      para(f.caption, 8.5, GRAY);
      return;
    }
    const { width, height } = pngSize(f.png);
    let w = W;
    let h = (height / width) * w;
    if (h > maxHeight) {
      h = maxHeight;
      w = (width / height) * h;
    }
    doc.font('body').fontSize(8.5);
    const capH = doc.heightOfString(f.caption, { width: W });
    ensure(20 + h + capH + 10);
    doc.font('bold').fontSize(12).fillColor('#000000').text(f.title, MARGIN, doc.y, { width: W });
    doc.moveDown(0.3);
    const y = doc.y;
    doc.image(f.png, MARGIN + (W - w) / 2, y, { width: w, height: h });
    doc.y = y + h + 4;
    para(f.caption, 8.5, GRAY);
    doc.moveDown(0.4);
  };

  // ---- title page
  doc.font('bold').fontSize(24).fillColor('#000000').text(data.title, MARGIN, 90, { width: W });
  doc.moveDown(0.5);
  if (data.description !== null) para(data.description, 11);
  para(
    `Sparse (pruned and quantized) versus dense spiking networks on in-memory crossbar hardware: tiles, area, energy per inference and accuracy across crossbar sizes, device presets and device variation. Every number below is computed by xsnn from the sweep results listed here; the methods section lists the formulas and preset values they came from.`,
    10,
  );
  heading('Provenance', 13);
  const p = data.provenance;
  table(
    ['item', 'value'],
    [
      ['report written by', `xsnn ${data.xsnnVersion}`],
      ['sweep run by', `xsnn ${data.sweep.xsnnVersion}`],
      ['results date (UTC)', data.date === UNDATED_REPORT ? 'not given (xsnn report --date <iso>)' : data.date.replace('T', ' ').replace(/\.\d+Z$/, 'Z')],
      ['sweep definition', data.sweep.name],
      ['definition sha256', data.sweep.definitionHash],
      [
        'points',
        `${data.sweep.points} of ${data.sweep.pointCount} evaluated${data.sweep.points < data.sweep.pointCount ? ' (incomplete sweep: missing points are absent from charts)' : ''}`,
      ],
      ['seeds', p.seeds.join(', ')],
      ['Monte Carlo samples per point', p.samples.join(', ')],
      ['test images per sample', p.testImages.join(', ')],
      ['label images', p.labelImages === null ? 'not stated' : String(p.labelImages)],
      [
        'neuron labels',
        p.labels
          .map((l) =>
            l === 'network'
              ? "the trained network's own (label pass without hardware, deployed with the weights)"
              : 'a label pass through each programmed chip',
          )
          .join('; '),
      ],
      ['energy: events counted on the first', `${p.energyImages.join(', ')} test images per sample (energy per inference is their mean)`],
      [
        'reference point of the summary',
        `${data.reference.rows}×${data.reference.cols} crossbar, device ${displayName(data.reference.device)}, periphery ${displayName(data.reference.periphery)}, σ = ${formatNumber(data.reference.variationSigma * 100, 3)} %`,
      ],
    ],
    [0.27, 0.73],
    8,
  );
  heading('Checkpoints', 13);
  table(
    ['network', 'role', 'recipe', 'synapses', 'weight levels'],
    p.networks.map((n) => [
      n.name,
      n.role,
      n.recipe ?? '—',
      n.synapses === null ? '—' : String(n.synapses),
      n.levels === null ? '—' : n.levels === 0 ? 'not quantized' : String(n.levels),
    ]),
    [0.2, 0.18, 0.32, 0.15, 0.15],
    8,
  );
  table(
    ['checkpoint', 'sha256 of its files'],
    p.networks.map((n) => [n.name, n.checkpointHash]),
    [0.27, 0.73],
    8,
  );
  heading('Presets', 13);
  table(
    ['preset', 'sha256 of its merged contents'],
    [...p.devices.map((d) => [`device ${d.name}`, d.hash]), ...p.periphery.map((d) => [`periphery ${d.name}`, d.hash])],
    [0.27, 0.73],
    8,
  );

  // ---- summary
  doc.addPage();
  heading('Summary: compressed versus dense');
  if (data.summary === null) {
    para(
      `No summary: the results need a dense and a compressed network evaluated at the reference point (${data.reference.rows}×${data.reference.cols}, ${displayName(data.reference.device)}, ${displayName(data.reference.periphery)}, σ = ${formatNumber(data.reference.variationSigma * 100, 3)} %).`,
      10,
      '#803030',
    );
  } else {
    const s = data.summary;
    para(
      `At ${data.reference.rows}×${data.reference.cols} crossbars, device ${displayName(data.reference.device)}, periphery ${displayName(data.reference.periphery)}, σ = ${formatNumber(data.reference.variationSigma * 100, 3)} %. Improvement = dense / compressed (how many times smaller); for accuracy, the difference compressed − dense in percentage points. Accuracy here is measured on ${p.testImages.join(', ')} test images with neuron labels from ${p.labelImages ?? "the definition's"} training images, the sweep's image budget; \`xsnn eval\` (10,000 label and 10,000 test images by default) gives each network's own accuracy.`,
      9.5,
    );
    table(
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
  const charts = figures.charts;
  const byId = (prefix: string): ReportFigure[] => charts.filter((c) => c.id.startsWith(prefix));
  /** A section: heading kept with its first figure, then its figures (or a note when it has none). */
  const section = (title: string, figs: ReadonlyArray<ReportFigure>, maxHeight = 290, none = ''): void => {
    heading(title, 16, figureHeight(figs[0], maxHeight));
    if (figs.length === 0 && none !== '') para(none, 10, '#803030');
    for (const f of figs) figure(f, maxHeight);
  };
  for (const f of byId('tiles-vs-size')) figure(f);
  section('Energy per inference breakdown', byId('energy-breakdown-'));
  section('Area breakdown', byId('area-breakdown-'));
  section('Energy and area per device', [...byId('energy-vs-size'), ...byId('area-vs-size')]);
  section('Accuracy and device variation', byId('accuracy-vs-variation'));
  section(
    'Learned receptive fields',
    figures.receptiveFields,
    290,
    'No receptive-field figure: the results folder has no figures/receptive-fields-*.json (written by `xsnn report --spec` from the checkpoints).',
  );
  section(
    'Tile occupancy of one mapping',
    figures.occupancy,
    400,
    'No tile-occupancy figure: the results folder has no figures/occupancy-*.json (written by `xsnn report --spec` from the mapper).',
  );

  // ---- methods
  doc.addPage();
  heading('Methods');
  para(
    'Each sweep point co-simulates one checkpoint on tiles of one crossbar size, with one device preset, one periphery preset and one device-to-device variation level, over the stated Monte Carlo samples. The terms below are every quantity the results report as an input or intermediate of their accuracy, energy, area and tile numbers: the formula that produced it, its source (with the input values of the summary reference point), and the range of values it took across the sweep.',
    9.5,
  );
  if (data.methods.terms.length === 0) para('The results carry no explain terms.', 10, '#803030');
  else {
    table(
      ['term', 'value (min … max)', 'unit', 'formula', 'source'],
      data.methods.terms.map((t) => [
        t.name,
        t.min === t.max ? formatNumber(t.min) : `${formatNumber(t.min)} … ${formatNumber(t.max)}`,
        t.unit,
        t.formula,
        t.source,
      ]),
      [0.15, 0.17, 0.08, 0.33, 0.27],
      7.5,
    );
  }
  heading('Preset values', 13);
  for (const pr of data.methods.presets) {
    ensure(60);
    doc.font('bold').fontSize(10).fillColor('#000000').text(`${pr.kind} ${pr.name}`, MARGIN, doc.y, { width: W });
    para(`source: ${pr.source}; contents sha256 ${pr.hash}`, 7.5, GRAY);
    table(
      ['field', 'value as written'],
      pr.fields.map(([k, v]) => [k, v]),
      [0.4, 0.6],
      7.5,
    );
  }

  // ---- footers
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
        width: W,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = oldBottom;
  }
  doc.end();
  return done;
}
