import { formatFigure, formatRange } from '../../core/formatFigure.js';
import type { MethodTerm, ReportData } from '../ReportData.js';
import { modeList } from './modeText.js';
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

/**
 * How the hardware-time figures of the summary and the time charts are computed
 * (docs/timing.md), and under which assumptions: the records' modes and
 * pipelining, the gating of idle tiles, the realtime gated fraction.
 */
function timeMethods(out: PdfLayout, data: ReportData): void {
  const groups = data.timing.all;
  out.heading('Hardware time figures', 13);
  out.para(
    'Latency per inference, accelerated mode: the sum over the steps of an image of the step latency, c_s · t_cycle + p_s · t_pkt + t_LIF + t_inh, where c_s and p_s are the read cycles and partial-sum packets of the busiest tile in step s (tiles work in parallel), counted per step and per tile by the co-simulation, not averaged; t_cycle = t_row + t_sense is one read cycle (row decode and drive, then column sensing: m · β · t_conv for an ADC shared by m columns, m · (t_read + 1/f_clk) for integrate-and-fire columns), t_pkt = hops · cycles per hop / f_clk with hops = max(1, ⅔·√T) on a √T×√T mesh of T tiles, t_LIF = ⌈2N / U⌉ · cycles per update / f_LIF for the E and I neurons, t_inh = ⌈N / 16⌉ / f_clk for the inhibition broadcast. Pipelined: the crossbar stage a of step s+1 overlaps the neuron stage b of step s, a₀ + Σ max(b, a_(s+1)) + b per image. Realtime mode: steps · dt. ' +
      "Throughput = 1 / latency per inference (one image after another). Energy-delay product = energy per inference × latency per inference. Synaptic operations (SOPs) per inference = the programmed synapses reached by input spikes (cell reads ÷ cells per weight); energy per SOP = energy per inference ÷ SOPs. Leakage energy = leakage power × latency in accelerated mode; in realtime mode leakage power × ((1 − g) · steps · dt + g · busy latency), g the preset's power-gated fraction of the idle time. The summary's factors are dense / compressed (compressed / dense for throughput); a record without a timing block (written before the timing model) shows – and no factor.",
    9,
  );
  out.para(
    `Assumptions: operating mode and pipelining as each record states them, from its periphery preset's timing section: ${modeList(groups)}. A tile with no input spike in a step is gated: it does no read cycle and does not set that step's latency; its leakage is still charged (the chip's leakage power × the latency). Latency is that of the steps the co-simulation runs for each image, images one after another (no overlap between images). The programming time and energy (writing the network onto the chip) are reported apart, in the CSV. For context only, not a like-for-like comparison (other technologies, networks and definitions of an event): TrueNorth ≈ 26 pJ per synaptic event, Loihi ≈ 24 pJ per synaptic operation, as their papers report.`,
    9,
  );
}

/** The methods section: what a sweep point is, the terms table, the preset values and the list of sources, each once. */
export function methodsSection(out: PdfLayout, data: ReportData): void {
  out.doc.addPage();
  out.heading('Methods');
  out.para(
    "Each sweep point co-simulates one checkpoint on tiles of one crossbar size, with one device preset, one periphery preset and one device-to-device variation level, over the stated Monte Carlo samples. The terms below are every quantity the results report as an input or intermediate of their accuracy, energy, area and tile numbers: the formula that produced it, its source and inputs (values at the summary reference point), and the range of values it took across the sweep. Values are rounded to 4 significant digits, in the summary's units (µm², nJ, …); sources are numbered and listed once at the end. The model is documented in docs/method.md, docs/mapping.md, docs/hardware.md and docs/timing.md.",
    9.5,
  );
  timeMethods(out, data);
  const cites = new CitationList();
  termsTable(out, data, cites);
  presetTables(out, data, cites);
  out.heading('Sources', 13);
  for (const e of cites.entries()) out.para(e, 7.5);
}
