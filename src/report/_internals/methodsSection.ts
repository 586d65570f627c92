import { formatFigure, formatRange } from '../../core/formatFigure.js';
import type { MethodTerm, ReportData } from '../ReportData.js';
import { CitationList, parseSource, roundNumbersInText } from './methodsSources.js';
import { GRAY, MARGIN, WARN, type PdfLayout } from './PdfLayout.js';

/** The source column of a term: its model citation number, then each input `name = value [n]` in display units. */
function sourceCell(t: MethodTerm, cites: CitationList): string {
  const p = parseSource(t.source);
  const inputs = p.inputs.map((i) => ('raw' in i ? roundNumbersInText(i.raw) : `${i.name} = ${formatFigure(i.value, i.unit)} ${cites.cite(i.source)}`.trim()));
  return [cites.cite(p.model), ...inputs].filter((x) => x !== '').join('; ');
}

/** The methods terms: formula, sources (numbered, listed once below) and the value range of every explain term. */
function termsTable(out: PdfLayout, data: ReportData, cites: CitationList): void {
  if (data.methods.terms.length === 0) {
    out.para('The results carry no explain terms.', 10, WARN);
    return;
  }
  out.table(
    ['term', 'value (min … max)', 'formula', 'source; inputs at the reference point'],
    data.methods.terms.map((t) => [t.name, formatRange(t.min, t.max, t.unit), t.formula, sourceCell(t, cites)]),
    [0.17, 0.17, 0.3, 0.36],
    7.5,
  );
}

/** Every preset's values as written, with its citation and hash. */
function presetTables(out: PdfLayout, data: ReportData, cites: CitationList): void {
  out.heading('Preset values', 13);
  for (const pr of data.methods.presets) {
    out.ensure(60);
    out.doc.font('bold').fontSize(10).fillColor('#000000').text(`${pr.kind} ${pr.name}`, MARGIN, out.doc.y, { width: out.width });
    out.para(`source: ${cites.cite(pr.source)}; contents sha256 ${pr.hash}`, 7.5, GRAY);
    out.table(
      ['field', 'value as written'],
      pr.fields.map(([k, v]) => [k, roundNumbersInText(v)]),
      [0.4, 0.6],
      7.5,
    );
  }
}

/** The methods section: what a sweep point is, the terms table, the preset values and the list of sources, each once. */
export function methodsSection(out: PdfLayout, data: ReportData): void {
  out.doc.addPage();
  out.heading('Methods');
  out.para(
    "Each sweep point co-simulates one checkpoint on tiles of one crossbar size, with one device preset, one periphery preset and one device-to-device variation level, over the stated Monte Carlo samples. The terms below are every quantity the results report as an input or intermediate of their accuracy, energy, area and tile numbers: the formula that produced it, its source and inputs (values at the summary reference point), and the range of values it took across the sweep. Values are rounded to 4 significant digits, in the summary's units (µm², nJ, …); sources are numbered and listed once at the end. The model is documented in docs/method.md, docs/mapping.md, docs/hardware.md and docs/timing.md.",
    9.5,
  );
  const cites = new CitationList();
  termsTable(out, data, cites);
  presetTables(out, data, cites);
  out.heading('Sources', 13);
  for (const e of cites.entries()) out.para(e, 7.5);
}
