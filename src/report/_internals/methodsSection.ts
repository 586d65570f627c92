import { formatNumber } from '../format.js';
import type { ReportData } from '../ReportData.js';
import { GRAY, MARGIN, WARN, type PdfLayout } from './PdfLayout.js';

/** The methods terms: formula, source and value range of every explain term of the results. */
function termsTable(out: PdfLayout, data: ReportData): void {
  if (data.methods.terms.length === 0) {
    out.para('The results carry no explain terms.', 10, WARN);
    return;
  }
  out.table(
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

/** Every preset's values as written, with its citation and hash. */
function presetTables(out: PdfLayout, data: ReportData): void {
  out.heading('Preset values', 13);
  for (const pr of data.methods.presets) {
    out.ensure(60);
    out.doc.font('bold').fontSize(10).fillColor('#000000').text(`${pr.kind} ${pr.name}`, MARGIN, out.doc.y, { width: out.width });
    out.para(`source: ${pr.source}; contents sha256 ${pr.hash}`, 7.5, GRAY);
    out.table(
      ['field', 'value as written'],
      pr.fields.map(([k, v]) => [k, v]),
      [0.4, 0.6],
      7.5,
    );
  }
}

/** The methods section: what a sweep point is, the terms table and the preset values. */
export function methodsSection(out: PdfLayout, data: ReportData): void {
  out.doc.addPage();
  out.heading('Methods');
  out.para(
    'Each sweep point co-simulates one checkpoint on tiles of one crossbar size, with one device preset, one periphery preset and one device-to-device variation level, over the stated Monte Carlo samples. The terms below are every quantity the results report as an input or intermediate of their accuracy, energy, area and tile numbers: the formula that produced it, its source (with the input values of the summary reference point), and the range of values it took across the sweep.',
    9.5,
  );
  termsTable(out, data);
  presetTables(out, data);
}
