import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { displayUnit, formatFigure } from '../../core/formatFigure.js';
import { displayName, formatNumber } from '../format.js';
import type { ReportFigure } from '../ReportFigure.js';
import type { Breakdown, ReportData, Series } from '../ReportData.js';
import { renderChartPng } from '../renderChart.js';
import { allPositive, axisTitle, DASH_NAMES, DASHES, hasData, legend, logAxis, note, PALETTE, sizeAxis } from './chartStyle.js';
import { modeSentence } from './modeText.js';

/** Display names of the latency stages (record field → legend). */
const STAGE_LABELS: Readonly<Record<string, string>> = {
  rowDrive: 'row decode + drive (read cycles)',
  sensing: 'column sensing (read cycles)',
  partialSums: 'partial-sum packets',
  neurons: 'LIF updates',
  inhibition: 'lateral inhibition',
};

/**
 * The legend name of `overlapOrIdle` in the modes shown: the pipeline's overlap
 * (≤ 0), realtime idle time (≥ 0), or null when neither applies (accelerated
 * without pipelining: the term is zero up to rounding and not drawn).
 */
function overlapLabel(groups: ReportData['timing']['shown']): string | null {
  const idle = groups.some((g) => g.mode === 'realtime');
  const overlap = groups.some((g) => g.mode === 'accelerated' && g.pipelined === true);
  if (idle && overlap) return 'pipeline overlap (−) or idle until dt (+)';
  if (idle) return 'idle until dt (realtime)';
  return overlap ? 'pipeline overlap (subtracted)' : null;
}

const noTiming = (what: string): string =>
  `No ${what}: the records at the reference device and σ have no timing block (written before the timing model, docs/timing.md); re-run the sweep's points to get latency, throughput, EDP and pJ/SOP.`;

/** What the latency chart shows and where its stages come from. */
function captionStart(bs: ReadonlyArray<Breakdown>, ref: ReportData['reference']): string {
  return `Latency per inference of each network split by hardware stage, stacked, per crossbar size (at each size the bar of ${bs.map((b) => b.network).join(', then ')}), on device ${displayName(ref.device)}, σ = ${formatNumber(ref.variationSigma * 100, 3)} %. The crossbar stages (row drive and column sensing per read cycle, partial-sum packets) are the busiest tile's in each step, counted from the co-simulation; the LIF updates and the inhibition broadcast run every step (docs/timing.md).`;
}

/** How the last stage is drawn, and (realtime) how busy the hardware is: from the bars' own values. */
function overlapText(bs: ReadonlyArray<Breakdown>, overlap: string | null): string {
  if (overlap === null) return '';
  const shares: number[] = [];
  for (const b of bs)
    for (let i = 0; i < b.sizes.length; i++) {
      const vals = b.components.map((c) => c.values[i]);
      if (vals.some((v) => v === null || v === undefined)) continue;
      const total = (vals as number[]).reduce((a, v) => a + v, 0);
      const last = b.components.findIndex((c) => c.label === 'overlapOrIdle');
      if (total > 0 && last >= 0 && (vals[last] as number) > 0) shares.push(1 - (vals[last] as number) / total);
    }
  const busy =
    shares.length === 0
      ? ''
      : ` In realtime mode every step lasts dt; the hardware is busy for ${formatNumber(Math.min(...shares) * 100, 3)} … ${formatNumber(Math.max(...shares) * 100, 3)} % of the latency, idle for the rest.`;
  const below = bs.some((b) => b.components.some((c) => c.label === 'overlapOrIdle' && c.values.some((v) => v !== null && v < 0)))
    ? ' The pipeline overlap is drawn below zero: the latency is the stack above zero less it.'
    : '';
  return `${busy}${below}`;
}

/** The largest stacked total (s) of the breakdowns, over networks and sizes. */
function largestTotal(bs: ReadonlyArray<Breakdown>): number {
  let m = 0;
  for (const b of bs)
    for (let i = 0; i < b.sizes.length; i++)
      m = Math.max(
        m,
        b.components.reduce((a, c) => a + Math.max(0, c.values[i] ?? 0), 0),
      );
  return m;
}

/**
 * Latency per inference by stage, stacked, one bar per size and network (dense
 * then compressed at each size), at the reference device and σ. Stages below a
 * 10⁻⁹ share of the largest bar everywhere (rounding residues) are omitted.
 */
export async function latencyBreakdownFigure(data: ReportData): Promise<ReportFigure> {
  const id = 'latency-breakdown';
  const ref = data.reference;
  const title = `Latency per inference by stage (device ${displayName(ref.device)})`;
  const bs = data.latencyBreakdown.filter((b) => b.components.some(hasData));
  const max = largestTotal(bs);
  const shown = (c: Series): boolean => c.values.some((v) => v !== null && Math.abs(v) > 1e-9 * max);
  const overlap = overlapLabel(data.timing.shown);
  const stages = (bs[0]?.components ?? []).flatMap((c, k) =>
    c.label !== 'overlapOrIdle' ? [{ k, label: STAGE_LABELS[c.label] ?? c.label }] : overlap === null ? [] : [{ k, label: overlap }],
  );
  const visible = stages.filter((s) => bs.some((b) => shown(b.components[s.k]!)));
  const omitted = stages.filter((s) => !visible.includes(s)).map((s) => s.label);
  const caption = `${captionStart(bs, ref)}${omitted.length > 0 ? ` Stages that are zero at every size are omitted: ${omitted.join(', ')}.` : ''}${overlapText(bs, overlap)}${modeSentence(data.timing.shown)}`;
  if (bs.length === 0) return note(id, title, caption, noTiming('latency data'));
  const u = displayUnit('s', [max]);
  const labels = data.latencyBreakdown[0]!.sizes.flatMap((s) => bs.map((b) => [s, b.network]));
  const datasets: ChartDataset<'bar'>[] = visible.map((s, i) => ({
    label: s.label,
    data: data.latencyBreakdown[0]!.sizes.flatMap((_, j) =>
      bs.map((b) => (b.components[s.k]!.values[j] === null ? null : b.components[s.k]!.values[j]! * u.factor)),
    ),
    backgroundColor: PALETTE[i % PALETTE.length]!,
    stack: 'total',
  }));
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: { labels, datasets },
    options: {
      plugins: { legend: legend(false) },
      scales: {
        x: { ...sizeAxis(), stacked: true, ticks: { maxRotation: 0, autoSkip: false, font: { size: 15 } } },
        y: { stacked: true, beginAtZero: true, grace: '4%', title: axisTitle(`Latency per inference (${u.unit})`) },
      },
    },
  };
  return { id, title, caption, png: await renderChartPng(config, { height: 760 }), note: null };
}

/** `dense: lowest latency 741.4 µs at 512×512; …` from the series shown. */
function lowestText(s: ReadonlyArray<Series>, sizes: ReadonlyArray<string>, unit: string, what: string): string {
  const parts = s.flatMap((x) => {
    let best = -1;
    x.values.forEach((v, i) => {
      if (v !== null && (best < 0 || v < x.values[best]!)) best = i;
    });
    return best < 0 ? [] : [`${x.label} ${formatFigure(x.values[best]!, unit)} at ${sizes[best]}`];
  });
  return parts.length === 0 ? '' : ` Lowest ${what}: ${parts.join('; ')}.`;
}

/** One line dataset: colour by network, dash by quantity, on axis `axis`. */
function line(x: Series, color: string, dash: number[], factor: number, axis: string, label: string): ChartDataset<'line'> {
  return {
    label,
    data: x.values.map((v) => (v === null ? null : v * factor)),
    borderColor: color,
    backgroundColor: 'rgba(0,0,0,0)',
    pointBackgroundColor: color,
    borderDash: dash,
    borderWidth: 3,
    pointRadius: 5,
    spanGaps: true,
    yAxisID: axis,
  };
}

/** Energy per inference (left axis, solid) and latency per inference (right axis, dashed) of each network against crossbar size, at the reference device and σ. */
export async function energyLatencyFigure(data: ReportData): Promise<ReportFigure> {
  const id = 'energy-latency-vs-size';
  const ref = data.reference;
  const t = data.timeVsSize;
  const title = `Energy and latency per inference versus crossbar size (device ${displayName(ref.device)})`;
  const energy = t.energy.series.filter(hasData);
  const latency = t.latency.series.filter(hasData);
  const caption = `Energy per inference (${DASH_NAMES[0]} lines, left axis) and latency per inference (${DASH_NAMES[1]} lines, right axis) of each network (colour) per crossbar size, on device ${displayName(ref.device)}, σ = ${formatNumber(ref.variationSigma * 100, 3)} %. Energy-delay product = energy × latency; throughput = 1 / latency.${allPositive([...energy, ...latency]) ? ' Log scales.' : ''}${lowestText(energy, t.energy.sizes, 'J', 'energy')}${lowestText(latency, t.latency.sizes, 's', 'latency')}${modeSentence(data.timing.shown)}`;
  if (latency.length === 0) return note(id, title, caption, noTiming('latency data'));
  const eu = displayUnit(
    'J',
    energy.flatMap((x) => x.values),
  );
  const lu = displayUnit(
    's',
    latency.flatMap((x) => x.values),
  );
  const nets = [...new Set([...energy, ...latency].map((x) => x.label))];
  const color = (x: Series): string => PALETTE[nets.indexOf(x.label) % PALETTE.length]!;
  const datasets = [
    ...energy.map((x) => line(x, color(x), DASHES[0]!, eu.factor, 'y', `${x.label}: energy`)),
    ...latency.map((x) => line(x, color(x), DASHES[1]!, lu.factor, 'y1', `${x.label}: latency`)),
  ];
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: { labels: [...t.energy.sizes], datasets },
    options: {
      plugins: { legend: legend() },
      scales: {
        x: sizeAxis(),
        y: { ...logAxis(`Energy per inference (${eu.unit})`, allPositive(energy)), position: 'left' },
        y1: { ...logAxis(`Latency per inference (${lu.unit})`, allPositive(latency)), position: 'right', grid: { drawOnChartArea: false } },
      },
    },
  };
  return { id, title, caption, png: await renderChartPng(config), note: null };
}
