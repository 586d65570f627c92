import type { Chart, ChartConfiguration, ChartDataset, Plugin } from 'chart.js';
import type { Canvas2d } from './_internals/Canvas2d.js';
import { formatSignificant } from '../core/formatFigure.js';
import { coincidenceNote, coincidentSeries } from './_internals/coincidentSeries.js';
import { binomialHalfWidthPoints } from './_internals/confidence.js';
import { displayName, formatNumber, pickScale } from './format.js';
import type { Breakdown, ReportData, Series, SizeSeries } from './ReportData.js';
import type { ReportFigure } from './ReportFigure.js';
import { renderChartPng } from './renderChart.js';
import { energyLatencyFigure, latencyBreakdownFigure } from './_internals/timeCharts.js';
import { modeSentence } from './_internals/modeText.js';
import { allPositive, axisTitle, DASHES, dashLegend, hasData, legend, logAxis, note, PALETTE, sizeAxis } from './_internals/chartStyle.js';

export type { ReportFigure } from './ReportFigure.js';

/** Display names of breakdown components (record field → legend). */
const COMPONENT_LABELS: Record<'energy' | 'area', Record<string, string>> = {
  energy: {
    array: 'array reads',
    periphery: 'column sensing (ADC / neuron)',
    drivers: 'row drivers',
    accumulation: 'accumulation',
    routing: 'routing',
    leakage: 'leakage',
    writes: 'writes',
  },
  area: { array: 'array', adcOrNeuron: 'ADC or neuron', drivers: 'drivers', accumulation: 'accumulation', interconnect: 'interconnect', other: 'other' },
};

/**
 * Makes coincident series visible: a series that lies on an earlier one at some
 * point is drawn with larger hollow markers, so the earlier one shows inside.
 */
function showCoincident(datasets: ChartDataset<'line'>[], series: ReadonlyArray<Series>): void {
  const hidden = new Set(coincidentSeries(series).map((c) => c.b));
  series.forEach((s, i) => {
    if (!hidden.has(s.label)) return;
    const ds = datasets[i]!;
    ds.pointRadius = 11;
    ds.pointBorderWidth = 3;
    ds.pointBorderColor = String(ds.borderColor);
    ds.pointBackgroundColor = 'rgba(0,0,0,0)';
  });
}

async function tilesFigure(t: SizeSeries, ref: ReportData['reference']): Promise<ReportFigure> {
  const id = 'tiles-vs-size';
  const title = `Tiles versus crossbar size (device ${displayName(ref.device)})`;
  const series = t.series.filter(hasData);
  const caption = `Tiles the mapper uses for each network, against naive blocking (every R×C block of the weight matrix holding a synapse) and the lower bound, per crossbar size, on device ${displayName(ref.device)} (the summary's): the device sets the cells per weight (a weight whose precision the device's levels cannot hold is bit-sliced over several cells), so another device can need another tile count.${coincidenceNote(series, t.sizes)}`;
  if (series.length === 0) return note(id, title, caption, 'No tile counts in the results.');
  const nets = [...new Set(series.map((s) => s.network))];
  const datasets: ChartDataset<'line'>[] = series.map((s) => {
    const color = PALETTE[nets.indexOf(s.network) % PALETTE.length]!;
    const kind = s.label.endsWith('naive blocking') ? 1 : s.label.endsWith('lower bound') ? 2 : 0;
    return {
      label: s.label,
      data: [...s.values],
      borderColor: kind === 2 ? '#555555' : color,
      backgroundColor: 'rgba(0,0,0,0)',
      pointBackgroundColor: kind === 2 ? '#555555' : color,
      borderDash: DASHES[kind]!,
      borderWidth: 3,
      pointRadius: 5,
      spanGaps: true,
    };
  });
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: { labels: [...t.sizes], datasets },
    options: { plugins: { legend: legend() }, scales: { x: sizeAxis(), y: logAxis('Tiles (count)', allPositive(series)) } },
  };
  showCoincident(datasets, series);
  return { id, title, caption, png: await renderChartPng(config), note: null };
}

async function breakdownFigure(
  kind: 'energy' | 'area',
  b: Breakdown,
  maxTotal: number,
  ref: ReportData['reference'],
  turns: ReadonlyArray<string>,
  mode: string,
): Promise<ReportFigure> {
  const id = `${kind}-breakdown-${b.network}`;
  const what = kind === 'energy' ? 'Energy per inference' : 'Area';
  const title = `${what} breakdown: ${b.network}`;
  const nonZero = b.components.filter((c) => c.values.some((v) => v !== null && v > 0));
  const zero = b.components.filter((c) => !nonZero.includes(c)).map((c) => c.label);
  const plain = `${what} of network ${b.network} split by component, per crossbar size (stacked), on device ${displayName(ref.device)}, σ = ${formatNumber(ref.variationSigma * 100, 3)} %.${zero.length > 0 ? ` Components that are zero at every size are omitted: ${zero.map((z) => COMPONENT_LABELS[kind][z] ?? z).join(', ')}.` : ''}${kind === 'energy' ? mode : ''}`;
  const mine = turns.filter((t) => t.startsWith(`${b.network} on ${displayName(ref.device)}:`));
  const caption = mine.length === 0 ? plain : `${plain} Where it rises with a larger crossbar: ${mine.join(' ')}`;
  if (nonZero.length === 0) return note(id, title, caption, `No ${kind} data for ${b.network} at the reference device and variation.`);
  const scale = pickScale(kind, [maxTotal]);
  const datasets: ChartDataset<'bar'>[] = nonZero.map((c, i) => ({
    label: COMPONENT_LABELS[kind][c.label] ?? c.label,
    data: c.values.map((v) => (v === null ? null : v * scale.factor)),
    backgroundColor: PALETTE[i % PALETTE.length]!,
    stack: 'total',
  }));
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: { labels: [...b.sizes], datasets },
    options: {
      plugins: { legend: legend(false) },
      scales: { x: { ...sizeAxis(), stacked: true }, y: { stacked: true, beginAtZero: true, grace: '4%', title: axisTitle(`${what} (${scale.unit})`) } },
    },
  };
  return { id, title, caption, png: await renderChartPng(config), note: null };
}

async function perDeviceFigure(kind: 'energy' | 'area', s: SizeSeries, turns: ReadonlyArray<string>, mode: string): Promise<ReportFigure> {
  const id = `${kind}-vs-size`;
  const what = kind === 'energy' ? 'Energy per inference' : 'Area';
  const title = `${what} versus crossbar size, per device`;
  const series = s.series.filter(hasData);
  const turnText =
    turns.length === 0 ? ' It never rises with a larger crossbar.' : ` Where it rises with a larger crossbar or two devices change places: ${turns.join(' ')}`;
  const caption = `${what} of each network on each device preset, per crossbar size (${dashLegend(series)}; colour: device).${allPositive(series) ? ' Log scale.' : ''}${coincidenceNote(series, s.sizes)}${turnText}${kind === 'energy' ? mode : ''}`;
  if (series.length === 0) return note(id, title, caption, `No ${kind} data at the reference periphery and variation.`);
  const all = series.flatMap((x) => x.values);
  const scale = pickScale(kind, all);
  const devs = [...new Set(series.map((x) => x.device))];
  const nets = [...new Set(series.map((x) => x.network))];
  const datasets: ChartDataset<'line'>[] = series.map((x) => {
    const color = PALETTE[devs.indexOf(x.device) % PALETTE.length]!;
    return {
      label: x.label,
      data: x.values.map((v) => (v === null ? null : v * scale.factor)),
      borderColor: color,
      backgroundColor: 'rgba(0,0,0,0)',
      pointBackgroundColor: color,
      borderDash: DASHES[nets.indexOf(x.network) % DASHES.length]!,
      borderWidth: 3,
      pointRadius: 5,
      spanGaps: true,
    };
  });
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: { labels: [...s.sizes], datasets },
    options: { plugins: { legend: legend() }, scales: { x: sizeAxis(), y: logAxis(`${what} (${scale.unit})`, allPositive(series)) } },
  };
  showCoincident(datasets, series);
  return { id, title, caption, png: await renderChartPng(config), note: null };
}

/**
 * Calls `draw` for every point of every shown dataset that carries a half-width
 * in its `key` array (skipping null, zero and non-finite ones), with the pixel
 * rows of value ± half-width; `begin` runs once per such dataset, inside
 * `ctx.save()` / `ctx.restore()`.
 */
function eachExtent(
  chart: Chart<'line'>,
  key: 'xsnnStd' | 'xsnnCi',
  begin: (ctx: Canvas2d, color: string, i: number) => void,
  draw: (ctx: Canvas2d, x: number, top: number, bottom: number, i: number) => void,
): void {
  const ctx = chart.ctx as unknown as Canvas2d;
  chart.data.datasets.forEach((ds, i) => {
    const half = (ds as unknown as Partial<Record<typeof key, Array<number | null>>>)[key];
    const meta = chart.getDatasetMeta(i);
    if (half === undefined || meta.hidden) return;
    const y = chart.scales['y']!;
    ctx.save();
    begin(ctx, String(ds.borderColor), i);
    meta.data.forEach((pt, j) => {
      const v = ds.data[j] as number | null;
      const h = half[j];
      if (v === null || h === null || h === undefined || h === 0 || !Number.isFinite(h)) return;
      draw(ctx, pt.x, y.getPixelForValue(v + h), y.getPixelForValue(v - h), i);
    });
    ctx.restore();
  });
}

/** Draws ±1 std error bars from each dataset's `xsnnStd` array. */
const errorBars: Plugin<'line'> = {
  id: 'xsnnErrorBars',
  afterDatasetsDraw(chart) {
    eachExtent(
      chart,
      'xsnnStd',
      (ctx, color) => {
        ctx.strokeStyle = color;
        ctx.lineWidth = 2.5;
      },
      (ctx, x, top, bottom) => {
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, bottom);
        ctx.moveTo(x - 8, top);
        ctx.lineTo(x + 8, top);
        ctx.moveTo(x - 8, bottom);
        ctx.lineTo(x + 8, bottom);
        ctx.stroke();
      },
    );
  },
};

/** Draws each dataset's `xsnnCi` (95 % test-set half-widths) as a translucent box behind its points. */
const ciBands: Plugin<'line'> = {
  id: 'xsnnCiBands',
  beforeDatasetsDraw(chart) {
    const n = chart.data.datasets.length;
    // side by side, so the intervals of different series do not stack
    const dx = (i: number): number => (i - (n - 1) / 2) * 9;
    eachExtent(
      chart,
      'xsnnCi',
      (ctx, color) => {
        ctx.fillStyle = color;
        ctx.globalAlpha = 0.3;
      },
      (ctx, x, top, bottom, i) => ctx.fillRect(x + dx(i) - 3.5, top, 7, bottom - top),
    );
  },
};

/** 95 % test-set half-widths (points) of a series' accuracies (%). */
function ciOf(values: ReadonlyArray<number | null>, testImages: number): Array<number | null> {
  return values.map((v) => (v === null ? null : binomialHalfWidthPoints(v / 100, testImages)));
}

/**
 * The caption's account of sampling error: the 95 % test-set interval, how each
 * series changes from the lowest to the highest σ against it, and how many of the
 * differences between two series at one σ are within the interval of a difference.
 */
function samplingText(series: ReadonlyArray<Series>, sigmas: ReadonlyArray<number>, testImages: number, samples: ReadonlyArray<number>): string {
  const all = series.flatMap((x) => x.values.filter((v): v is number => v !== null));
  const worst = all.length === 0 ? 50 : all.reduce((m, v) => (Math.abs(v - 50) < Math.abs(m - 50) ? v : m));
  const hw = binomialHalfWidthPoints(worst / 100, testImages);
  let pairs = 0;
  let within = 0;
  for (let k = 0; k < sigmas.length; k++)
    for (let i = 0; i < series.length; i++)
      for (let j = i + 1; j < series.length; j++) {
        const a = series[i]!.values[k];
        const b = series[j]!.values[k];
        if (a === null || a === undefined || b === null || b === undefined) continue;
        pairs++;
        const h = Math.hypot(binomialHalfWidthPoints(a / 100, testImages), binomialHalfWidthPoints(b / 100, testImages));
        if (Math.abs(a - b) <= h) within++;
      }
  const last = sigmas.length - 1;
  const changes =
    last > 0
      ? series
          .map((x) => {
            const a = x.values[0];
            const b = x.values[last];
            if (a === null || a === undefined || b === null || b === undefined) return null;
            const h = Math.hypot(binomialHalfWidthPoints(a / 100, testImages), binomialHalfWidthPoints(b / 100, testImages));
            const d = b - a;
            return `${x.label} ${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(2)} (${Math.abs(d) <= h ? 'within' : 'outside'} ±${h.toFixed(1)})`;
          })
          .filter((t): t is string => t !== null)
      : [];
  const n = samples.join(', ');
  return ` Shaded bars beside each point: the 95 % binomial interval of each accuracy from its ${formatSignificant(testImages)} test images (±${hw.toFixed(1)} points near ${worst.toFixed(0)} %). ${within} of ${pairs} differences between two series at the same σ are within the 95 % interval of a difference, i.e. not measured effects.${changes.length > 0 ? ` Change from σ = ${formatNumber(sigmas[0]! * 100, 3)} % to ${formatNumber(sigmas[last]! * 100, 3)} %, in points: ${changes.join('; ')}.` : ''} Error bars: ±1 std over ${n} device sample(s) per point${samples.every((x) => x < 2) ? ' (one sample: no error bars)' : samples.some((x) => x < 5) ? ', a rough spread from so few samples' : ''}.`;
}

async function accuracyFigure(a: ReportData['accuracyVsVariation'], ref: ReportData['reference'], prov: ReportData['provenance']): Promise<ReportFigure> {
  const id = 'accuracy-vs-variation';
  const title = 'Accuracy versus device variation';
  const series = a.series.filter(hasData);
  const testImages = Math.min(...prov.testImages);
  const caption = `Test accuracy (mean over Monte Carlo device samples) against device-to-device conductance variation σ (fraction of the conductance range), on ${ref.rows}×${ref.cols} crossbars (${dashLegend(series)}; colour: device).${samplingText(series, a.sigmas, testImages, prov.samples)}${coincidenceNote(
    series,
    a.sigmas.map((x) => `σ = ${formatNumber(x * 100, 3)} %`),
    'σ',
  )}`;
  if (series.length === 0 || a.sigmas.length === 0) return note(id, title, caption, `No accuracy data at crossbar size ${ref.rows}×${ref.cols}.`);
  const devs = [...new Set(series.map((x) => x.device))];
  const nets = [...new Set(series.map((x) => x.network))];
  if (a.sigmas.length === 1) return await accuracyPerDevice(a.sigmas[0]!, series, devs, nets, caption, testImages);
  const datasets = series.map((x) => {
    const color = PALETTE[devs.indexOf(x.device) % PALETTE.length]!;
    return {
      label: x.label,
      data: [...x.values],
      xsnnStd: x.std ?? null,
      xsnnCi: ciOf(x.values, testImages),
      borderColor: color,
      backgroundColor: 'rgba(0,0,0,0)',
      pointBackgroundColor: color,
      borderDash: DASHES[nets.indexOf(x.network) % DASHES.length]!,
      borderWidth: 3,
      pointRadius: 5,
      spanGaps: true,
    };
  });
  const ends = series.flatMap((x) =>
    x.values.flatMap((v) => (v === null ? [] : [v - binomialHalfWidthPoints(v / 100, testImages), v + binomialHalfWidthPoints(v / 100, testImages)])),
  );
  const ciLow = Math.max(0, Math.floor(Math.min(...ends)));
  const ciHigh = Math.min(100, Math.ceil(Math.max(...ends)));
  showCoincident(datasets, series);
  const config = {
    type: 'line',
    data: { labels: a.sigmas.map((s) => `${formatNumber(s * 100, 3)} %`), datasets },
    options: {
      plugins: { legend: legend() },
      scales: {
        x: { type: 'category', offset: true, title: axisTitle('Device-to-device variation σ (% of conductance range)') },
        y: { suggestedMin: ciLow, suggestedMax: ciHigh, title: axisTitle('Test accuracy (%)') },
      },
    },
    plugins: [ciBands, errorBars],
  } as unknown as ChartConfiguration;
  return { id, title, caption, png: await renderChartPng(config), note: null };
}

/** A sweep with one variation level: accuracy per device (bars, one per network), with the Monte Carlo spread when there is one. */
async function accuracyPerDevice(
  sigma: number,
  series: ReadonlyArray<Series>,
  devs: ReadonlyArray<string | undefined>,
  nets: ReadonlyArray<string | undefined>,
  lineCaption: string,
  testImages: number,
): Promise<ReportFigure> {
  const id = 'accuracy-vs-variation';
  const title = `Accuracy per device (σ = ${formatNumber(sigma * 100, 3)} %)`;
  const caption = `${lineCaption.replace(/ \([^()]*colour: device\)\./, '.').replace('against device-to-device conductance variation σ (fraction of the conductance range), ', `of each network on each device at σ = ${formatNumber(sigma * 100, 3)} %, `)} This sweep has one variation level; a sweep with several (e.g. reports/paper-mnist-variation.yaml) draws accuracy against σ here.`;
  const datasets = nets.map((net, n) => {
    const at = devs.map((d) => series.find((x) => x.device === d && x.network === net));
    const color = PALETTE[n % PALETTE.length]!;
    // borderColor strokes the error bars (bars have no border)
    return {
      label: net ?? '',
      data: at.map((x) => x?.values[0] ?? null),
      xsnnStd: at.map((x) => x?.std?.[0] ?? null),
      xsnnCi: ciOf(
        at.map((x) => x?.values[0] ?? null),
        testImages,
      ),
      backgroundColor: color,
      borderColor: '#222222',
    };
  });
  const config = {
    type: 'bar',
    data: { labels: devs.map((d) => (d === undefined ? '' : displayName(d))), datasets },
    options: {
      plugins: { legend: legend(false) },
      scales: { x: { title: axisTitle('Device') }, y: { min: 0, max: 100, title: axisTitle('Test accuracy (%)') } },
    },
    plugins: [ciBands, errorBars],
  } as unknown as ChartConfiguration;
  return { id, title, caption, png: await renderChartPng(config), note: null };
}

/** Renders every chart of a report from its data (no I/O; loads chart.js and the canvas on first use). */
export async function buildReportCharts(data: ReportData): Promise<ReportFigure[]> {
  const maxTotal = (b: Breakdown): number => {
    let m = 0;
    for (let i = 0; i < b.sizes.length; i++)
      m = Math.max(
        m,
        b.components.reduce((acc, c) => acc + (c.values[i] ?? 0), 0),
      );
    return m;
  };
  const mode = modeSentence(data.timing.shown);
  const figures: ReportFigure[] = [await tilesFigure(data.tiles, data.reference)];
  for (const b of data.energyBreakdown) figures.push(await breakdownFigure('energy', b, maxTotal(b), data.reference, data.turns.energy, mode));
  for (const b of data.areaBreakdown) figures.push(await breakdownFigure('area', b, maxTotal(b), data.reference, data.turns.area, mode));
  figures.push(await perDeviceFigure('energy', data.energyVsSize, data.turns.energy, mode));
  figures.push(await perDeviceFigure('area', data.areaVsSize, data.turns.area, mode));
  figures.push(await latencyBreakdownFigure(data));
  figures.push(await energyLatencyFigure(data));
  figures.push(await accuracyFigure(data.accuracyVsVariation, data.reference, data.provenance));
  return figures;
}
