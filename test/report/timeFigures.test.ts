import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../src/core/ResultRecord.js';
import { buildReportData } from '../../src/report/buildReportData.js';
import { formatFixedDigits, formatFixedRatio } from '../../src/report/format.js';
import type { ReportData, SizeSeries, SummaryRow } from '../../src/report/ReportData.js';
import { buildReportCharts } from '../../src/report/reportCharts.js';
import { writeReport, type WrittenReport } from '../../src/report/writeReport.js';
import { readResultsLog } from '../../src/sweep/ResultsLog.js';
import { readSweepManifest } from '../../src/sweep/SweepManifest.js';
import { pdfText } from './_support/pdfText.js';
import { makeTimedResults } from './_support/timedResults.js';

const TIME_ROWS = ['Latency per inference', 'Throughput', 'Energy-delay product', 'SOPs per inference', 'Energy per SOP'];
const MODE_CAPTIONS = ['energy-breakdown-dense', 'energy-breakdown-sparse', 'energy-vs-size', 'latency-breakdown', 'energy-latency-vs-size'];

let outDir = '';
let timed: WrittenReport;
let timedRecords: ResultRecord[];
let mixedResults = '';
let mixed: WrittenReport;
beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'xsnn-time-'));
  const a = await makeTimedResults(() => 'accelerated');
  timedRecords = a.records();
  timed = await writeReport({ resultsDir: a.results, out: join(outDir, 'timed.pdf'), compress: false });
  // 16×16: records written before the timing model; 32×32: accelerated; 64×64: dense realtime, sparse accelerated
  const b = await makeTimedResults((p) =>
    p.crossbar.rows === 16 ? 'none' : p.crossbar.rows === 32 ? 'accelerated' : p.network.name === 'dense' ? 'realtime' : 'accelerated',
  );
  mixedResults = b.results;
  mixed = await writeReport({ resultsDir: mixedResults, out: join(outDir, 'mixed.pdf'), compress: false });
}, 120_000);

const flat = (pdf: string): string => pdfText(readFileSync(pdf)).join(' ').replace(/\s+/g, ' ');
const row = (rows: ReadonlyArray<SummaryRow>, metric: string): SummaryRow => rows.find((r) => r.metric === metric)!;

describe('the summary table of a report with hardware-time figures', () => {
  it('has latency, throughput, EDP, SOPs and pJ/SOP rows whose factors are dense / compressed of the records (compressed / dense for throughput)', () => {
    const at = (net: string): ResultRecord => timedRecords.find((r) => r.network.name === net && r.crossbar.rows === 32 && r.device.name === 'dev0')!;
    const d = at('dense').timing!;
    const c = at('sparse').timing!;
    const rows = timed.data.summary!.rows;
    expect(rows.map((r) => r.metric)).toEqual(['Accuracy', 'Synapses', 'Tiles', 'Area', 'Energy per inference', ...TIME_ROWS]);
    const expected: Array<[string, number, 'ratio' | 'inverse-ratio']> = [
      ['Latency per inference', d.latencyPerInferenceS / c.latencyPerInferenceS, 'ratio'],
      ['Throughput', c.throughputPerS / d.throughputPerS, 'inverse-ratio'],
      ['Energy-delay product', d.edpJs / c.edpJs, 'ratio'],
      ['SOPs per inference', d.sopsPerInference / c.sopsPerInference, 'ratio'],
      ['Energy per SOP', d.energyPerSopJ / c.energyPerSopJ, 'ratio'],
    ];
    for (const [metric, factor, kind] of expected) {
      const r = row(rows, metric);
      expect(r.factor, metric).toBeCloseTo(factor, 12);
      expect(r.factorKind, metric).toBe(kind);
      expect(r.text.factor, metric).toBe(formatFixedRatio(factor));
    }
    // values in the table's unit: pJ per SOP, and latency in µs (the fixture's latencies are ≈ 0.7–0.9 ms)
    expect(row(rows, 'Energy per SOP').unit).toBe('pJ/SOP');
    expect(row(rows, 'Energy per SOP').dense).toBeCloseTo(d.energyPerSopJ * 1e12, 9);
    expect(row(rows, 'Latency per inference').unit).toBe('µs');
    expect(row(rows, 'Latency per inference').compressed).toBeCloseTo(c.latencyPerInferenceS * 1e6, 9);
    // the throughput factor is the latency factor: throughput = 1 / latency
    expect(row(rows, 'Throughput').factor).toBeCloseTo(row(rows, 'Latency per inference').factor!, 12);
    const text = flat(timed.pdf);
    for (const r of rows.filter((x) => TIME_ROWS.includes(x.metric)))
      for (const cell of [r.text.dense, r.text.compressed, r.text.factor]) expect(text).toContain(cell);
  });

  it('prints every factor of the table with three significant digits, trailing zeros kept', () => {
    const ratios = timed.data.summary!.rows.filter((r) => r.factorKind !== 'difference').map((r) => r.text.factor);
    for (const f of ratios) expect(f.replace(/[.,×]/g, '').replace(/^0+/, '').length === 3 || /^\d{4,}/.test(f.replace(/,/g, '')), f).toBe(true);
    expect(formatFixedRatio(1.8)).toBe('1.80×');
    expect(formatFixedRatio(1.9234)).toBe('1.92×');
    expect(formatFixedRatio(12.34)).toBe('12.3×');
    expect(formatFixedRatio(0.9537)).toBe('0.954×');
    expect(formatFixedRatio(Number.POSITIVE_INFINITY)).toBe('–');
    expect(formatFixedDigits(9.9996, 4)).toBe('10.00');
    expect(formatFixedDigits(37104.2, 4)).toBe('37,104');
    expect(formatFixedDigits(-0.5, 3)).toBe('−0.500');
  });

  it("groups the thousands of a row's two values alike: 3,895 beside 11,827, 3895 beside 512", () => {
    const manifest = readSweepManifest(mixedResults)!;
    const lines = readResultsLog(join(mixedResults, 'results.jsonl')).lines;
    const tilesText = (dense: number, sparse: number): SummaryRow['text'] => {
      const set = lines.map((l) => ({ ...l, record: { ...l.record, tiles: l.record.network.name === 'dense' ? dense : sparse } }));
      return row(buildReportData({ manifest, lines: set }).summary!.rows, 'Tiles').text;
    };
    expect(tilesText(11827, 3895)).toMatchObject({ dense: '11,827', compressed: '3,895' });
    expect(tilesText(3895, 512)).toMatchObject({ dense: '3895', compressed: '512' });
  });

  it('shows – for a record without a timing block and says why, with no number in its place', async () => {
    const r = await writeReport({ resultsDir: mixedResults, out: join(outDir, 'old.pdf'), reference: { rows: 16, cols: 16 }, compress: false });
    const rows = r.data.summary!.rows;
    for (const m of TIME_ROWS) {
      const x = row(rows, m);
      expect([x.dense, x.compressed, x.factor], m).toEqual([null, null, null]);
      expect(x.text, m).toEqual({ dense: '–', compressed: '–', factor: '–' });
    }
    expect(row(rows, 'Energy per inference').factor).not.toBeNull();
    const text = flat(r.pdf);
    expect(text).toContain('has no timing block (it was written before the timing model, docs/timing.md)');
    // the CSV keeps those cells empty
    const csv = readFileSync(r.csv, 'utf8').trim().split('\n');
    const header = csv[0]!.split(',');
    const col = header.indexOf('latency_per_inference_s');
    expect(col).toBeGreaterThan(0);
    const cells = csv.slice(1).map((l) => l.split(','));
    const rowsIdx = header.indexOf('rows');
    for (const c of cells) expect(c[col] === '', c.join(',')).toBe(c[rowsIdx] === '16');
  });

  it('gives no factor between records of different modes, and says so', async () => {
    const r = await writeReport({ resultsDir: mixedResults, out: join(outDir, 'modes.pdf'), reference: { rows: 64, cols: 64 }, compress: false });
    const s = r.data.summary!;
    expect(s.timing).toEqual({ dense: 'realtime', compressed: 'accelerated' });
    for (const m of TIME_ROWS) expect(row(s.rows, m).factor, m).toBeNull();
    expect(row(s.rows, 'Latency per inference').dense).toBeCloseTo(175, 9);
    expect(flat(r.pdf)).toContain('their time figures are not comparable, so no factor is given');
  });
});

describe('the operating mode in a report', () => {
  it('is on the title page and in every caption of a figure that depends on it, not in the others', () => {
    const text = pdfText(readFileSync(timed.pdf)).join(' ').replace(/\s+/g, ' ');
    const title = text.slice(0, text.indexOf('Summary: compressed versus dense'));
    expect(title).toContain('Operating mode: accelerated, not pipelined');
    const captions = new Map(timed.figures.map((f) => [f.id, f.caption]));
    for (const id of MODE_CAPTIONS)
      expect(captions.get(id), id).toContain('Operating mode: accelerated, not pipelined (leakage = leakage power × hardware latency)');
    for (const id of ['tiles-vs-size', 'area-vs-size', 'area-breakdown-dense', 'accuracy-vs-variation'])
      expect(captions.get(id), id).not.toContain('Operating mode');
    const summary = text.slice(text.indexOf('Summary: compressed versus dense'), text.indexOf('Tiles versus crossbar size'));
    expect(summary).toContain('Operating mode: accelerated');
    expect(text).toContain('Hardware time figures');
  });

  it('says when a report mixes modes, groups the points by mode, and splits the time series by mode', () => {
    const text = flat(mixed.pdf);
    expect(text).toContain(
      'Operating modes: mixed (accelerated, not pipelined; realtime, not pipelined, power-gated fraction 0; no timing block (older results))',
    );
    expect(mixed.data.timing.all.map((g) => [g.mode, g.points])).toEqual([
      ['accelerated', 6],
      ['realtime', 2],
      [null, 4],
    ]);
    expect(text).toContain('mixed operating modes (accelerated and realtime; grouped by mode below)');
    for (const id of MODE_CAPTIONS) expect(mixed.figures.find((f) => f.id === id)!.caption, id).toContain('Mixed operating modes');
    // the realtime bars are mostly idle time, and the caption says how busy the hardware is
    expect(mixed.figures.find((f) => f.id === 'latency-breakdown')!.caption).toMatch(
      /In realtime mode every step lasts dt; the hardware is busy for 0\.\d+ … 0\.\d+ % of the latency/,
    );
    const labels = mixed.data.timeVsSize.latency.series.map((s) => s.label);
    expect(labels).toEqual(['dense (accelerated)', 'dense (realtime)', 'sparse (accelerated)', 'sparse (realtime)']);
    const denseRt = mixed.data.timeVsSize.latency.series[1]!.values;
    expect(denseRt.slice(0, 2)).toEqual([null, null]);
    expect(denseRt[2]).toBeCloseTo(0.175, 12);
  });
});

describe('the time charts and columns', () => {
  it('draws the latency breakdown and energy and latency against size, and explains an absent chart', async () => {
    for (const id of ['latency-breakdown', 'energy-latency-vs-size']) expect(timed.figures.find((f) => f.id === id)!.png, id).not.toBeNull();
    const b = timed.data.latencyBreakdown.find((x) => x.network === 'dense')!;
    const rec = timedRecords.find((r) => r.network.name === 'dense' && r.crossbar.rows === 64 && r.device.name === 'dev0')!;
    const i = b.sizes.indexOf('64×64');
    for (const c of b.components)
      expect(c.values[i]).toBe(rec.timing!.latencyBreakdownS[c.label as keyof NonNullable<ResultRecord['timing']>['latencyBreakdownS']]);
    // results without timing blocks: both charts are notes saying why
    const none = (x: SizeSeries): SizeSeries => ({ ...x, series: x.series.map((y) => ({ ...y, values: y.values.map(() => null) })) });
    const d = timed.data;
    const untimed: ReportData = {
      ...d,
      latencyBreakdown: d.latencyBreakdown.map((x) => ({ ...x, components: x.components.map((c) => ({ ...c, values: c.values.map(() => null) })) })),
      timeVsSize: { ...d.timeVsSize, latency: none(d.timeVsSize.latency) },
    };
    const figs = await buildReportCharts(untimed);
    for (const id of ['latency-breakdown', 'energy-latency-vs-size']) {
      const f = figs.find((x) => x.id === id)!;
      expect(f.png, id).toBeNull();
      expect(f.note, id).toMatch(/have no timing block \(written before the timing model/);
    }
  });

  it('writes a CSV column for each time figure', () => {
    const header = readFileSync(timed.csv, 'utf8').split('\n')[0]!.split(',');
    for (const c of [
      'timing_mode',
      'timing_pipelined',
      'latency_per_inference_s',
      'latency_rowDrive_s',
      'latency_sensing_s',
      'latency_partialSums_s',
      'latency_neurons_s',
      'latency_inhibition_s',
      'latency_overlapOrIdle_s',
      'throughput_per_s',
      'edp_Js',
      'sops_per_inference',
      'energy_per_sop_J',
      'programming_energy_J',
      'programming_time_s',
    ])
      expect(header, c).toContain(c);
    const json = JSON.parse(readFileSync(timed.json, 'utf8')) as typeof timed.data;
    expect(json.timeVsSize.energyPerSop.series.map((s) => s.label)).toEqual(['dense', 'sparse']);
  });
});
