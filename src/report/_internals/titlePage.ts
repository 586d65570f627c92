import { displayName } from '../format.js';
import type { ReportData } from '../ReportData.js';
import { MARGIN, type PdfLayout } from './PdfLayout.js';
import { modeList, modeName } from './modeText.js';
import { referenceText } from './referenceText.js';
import { UNDATED_REPORT } from '../undatedReport.js';

/** How the neuron labels of a record were assigned, in words. */
function labelsText(labels: ReadonlyArray<string>): string {
  return labels
    .map((l) =>
      l === 'network' ? "the trained network's own (label pass without hardware, deployed with the weights)" : 'a label pass through each programmed chip',
    )
    .join('; ');
}

/** The operating mode(s) of the points, grouped, and (when other peripheries are in other modes) which the summary and the charts show. */
function modeText(data: ReportData): string {
  const { all, shown } = data.timing;
  if (all.length === 1) return modeList(all);
  const others = shown.length !== all.length || shown.some((g, i) => g.points !== all[i]!.points);
  return `mixed, by mode: ${modeList(all)}${others ? `. The summary and the charts show periphery ${displayName(data.reference.periphery)}: ${modeList(shown)}` : ''}`;
}

/** The bold line under the title: the one mode, or the modes of a mixed report. */
function modeLine(data: ReportData): string {
  const all = data.timing.all;
  if (all.length === 1) return `Operating mode: ${modeName(all[0]!)}`;
  return `Operating modes: mixed (${all.map(modeName).join('; ')}), grouped by mode in the provenance table`;
}

/** The provenance table: versions, date, sweep definition, image budgets and the reference point. */
function provenanceTable(out: PdfLayout, data: ReportData): void {
  const p = data.provenance;
  const ref = data.reference;
  out.table(
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
      ['neuron labels', labelsText(p.labels)],
      ['energy: events counted on the first', `${p.energyImages.join(', ')} test images per sample (energy per inference is their mean)`],
      ['reference point of the summary', referenceText(ref)],
      ['operating mode', `${modeText(data)} (docs/timing.md)`],
    ],
    [0.27, 0.73],
    8,
  );
}

/** The quantization grid's levels, and how many of them the weights take when that is fewer ("4 (3 used)"). */
function levelsCell(n: ReportData['provenance']['networks'][number]): string {
  if (n.levels === null) return '—';
  if (n.levels === 0) return 'not quantized';
  return n.levelsUsed !== null && n.levelsUsed < n.levels ? `${n.levels} (${n.levelsUsed} used)` : String(n.levels);
}

/** Checkpoints (role, recipe, training budget, synapses, levels, hashes) and presets (hashes). */
function inputsTables(out: PdfLayout, data: ReportData): void {
  const p = data.provenance;
  out.heading('Checkpoints', 13);
  out.table(
    ['network', 'role', 'recipe', 'trained on', 'synapses', 'weight levels'],
    p.networks.map((n) => [
      n.name,
      n.role,
      n.recipe ?? '—',
      n.trainImages === null || n.epochs === null ? '—' : `${n.trainImages.toLocaleString('en-US')} images × ${n.epochs} epoch${n.epochs === 1 ? '' : 's'}`,
      n.synapses === null ? '—' : String(n.synapses),
      levelsCell(n),
    ]),
    [0.15, 0.12, 0.2, 0.27, 0.12, 0.14],
    8,
  );
  out.table(
    ['checkpoint', 'sha256 of its files'],
    p.networks.map((n) => [n.name, n.checkpointHash]),
    [0.27, 0.73],
    8,
  );
  out.heading('Presets', 13);
  out.table(
    ['preset', 'sha256 of its merged contents'],
    [...p.devices.map((d) => [`device ${d.name}`, d.hash]), ...p.periphery.map((d) => [`periphery ${d.name}`, d.hash])],
    [0.27, 0.73],
    8,
  );
}

/** `accelerated mode (not pipelined)`, or `mixed operating modes (…)`, for the title page's first paragraph. */
function modeHeadline(data: ReportData): string {
  const timed = data.timing.all.filter((g) => g.mode !== null);
  const modes = [...new Set(timed.map((g) => g.mode))];
  const untimed = data.timing.all.some((g) => g.mode === null) ? '; some points have no timing block (older results), shown as –' : '';
  if (modes.length === 0) return 'no operating mode: the results have no timing block (older results), so their time figures are shown as –';
  if (modes.length === 1) return `${modes[0]} mode${untimed}`;
  return `mixed operating modes (${modes.join(' and ')}; grouped by mode below)${untimed}`;
}

/** The title page: title, description, what the report is, provenance, checkpoints and presets. */
export function titlePage(out: PdfLayout, data: ReportData): void {
  out.doc.font('bold').fontSize(24).fillColor('#000000').text(data.title, MARGIN, 90, { width: out.width });
  out.doc.moveDown(0.3);
  out.doc.font('bold').fontSize(12).fillColor('#000000').text(modeLine(data), MARGIN, out.doc.y, { width: out.width });
  out.doc.moveDown(0.5);
  if (data.description !== null) out.para(data.description, 11);
  out.para(
    `Sparse (pruned and quantized) versus dense spiking networks on in-memory crossbar hardware: tiles, area, energy per inference, latency, throughput, energy-delay product, energy per synaptic operation and accuracy across crossbar sizes, device presets and device variation, in ${modeHeadline(data)}. Every number below is computed by xsnn from the sweep results listed here; the methods section lists the formulas and preset values they came from.`,
    10,
  );
  out.heading('Provenance', 13);
  provenanceTable(out, data);
  inputsTables(out, data);
}
