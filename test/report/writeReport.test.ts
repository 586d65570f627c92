import { createCanvas, loadImage } from '@napi-rs/canvas';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { XsnnError } from '../../src/config/XsnnError.js';
import { buildReportCharts } from '../../src/report/reportCharts.js';
import type { ReportData } from '../../src/report/ReportData.js';
import { writeReport, type WrittenReport } from '../../src/report/writeReport.js';
import { UNDATED_REPORT } from '../../src/report/undatedReport.js';
import { readResultsLog } from '../../src/sweep/ResultsLog.js';
import { pdfText } from './_support/pdfText.js';
import { makeSampleResults } from './_support/sampleResults.js';

let results = '';
let outDir = '';
let report: WrittenReport;
beforeAll(async () => {
  results = (await makeSampleResults()).results;
  outDir = mkdtempSync(join(tmpdir(), 'xsnn-report-'));
  report = await writeReport({ resultsDir: results, out: join(outDir, 'report.pdf') });
}, 60_000);

async function pixelStats(png: Buffer): Promise<{ variance: number; nonWhite: number }> {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, img.width, img.height).data;
  let sum = 0;
  let sum2 = 0;
  let nonWhite = 0;
  const n = d.length / 4;
  for (let i = 0; i < d.length; i += 4) {
    const y = 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!;
    sum += y;
    sum2 += y * y;
    if (y < 250) nonWhite++;
  }
  return { variance: sum2 / n - (sum / n) ** 2, nonWhite: nonWhite / n };
}

describe('writeReport', () => {
  it('writes a PDF whose text contains the summary table, provenance hashes and methods', () => {
    const r = report;
    const text = pdfText(readFileSync(r.pdf));
    const all = text.join('\n');
    expect(r.data.summary).not.toBeNull();
    const rows = r.data.summary!.rows;
    expect(rows.map((x) => x.metric).slice(0, 5)).toEqual(['Accuracy', 'Synapses', 'Tiles', 'Area', 'Energy per inference']);
    for (const row of rows) {
      for (const cell of [row.metric, row.text.dense, row.text.compressed, row.text.factor]) expect(text).toContain(cell);
    }
    // the numbers are the records' numbers at the reference point
    const lines = readResultsLog(join(results, 'results.jsonl')).lines.map((l) => l.record);
    const at = (net: string) =>
      lines.find((x) => x.network.name === net && x.crossbar.rows === 32 && x.crossbar.cols === 32 && x.device.name === 'dev0' && x.variationSigma === 0)!;
    expect(rows[2]!.dense).toBe(at('dense').tiles);
    expect(rows[2]!.compressed).toBe(at('sparse').tiles);
    expect(rows[2]!.factor).toBeCloseTo(at('dense').tiles / at('sparse').tiles, 12);
    expect(rows[0]!.dense).toBeCloseTo(at('dense').accuracy.mean * 100, 12);
    expect(all).toContain('xsnn report: test-sweep');
    expect(all).toContain(r.data.sweep.definitionHash);
    for (const n of r.data.provenance.networks) expect(all).toContain(n.checkpointHash);
    expect(text).toContain('trained on'); // the fixture's checkpoints are not xsnn's: no budget to show
    expect(r.data.provenance.networks.map((n) => [n.trainImages, n.epochs, n.levelsUsed])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    for (const d of r.data.provenance.devices) expect(all).toContain(d.hash);
    expect(all).toContain('Methods');
    expect(all).toContain('test double');
  });

  it("states each network's training budget and the weight levels it uses from the sweep manifest in the checkpoint table", async () => {
    const copy = join(outDir, 'budgets');
    cpSync(results, copy, { recursive: true });
    const file = join(copy, 'sweep.json');
    const m = JSON.parse(readFileSync(file, 'utf8')) as { networks: Record<string, unknown>[] };
    m.networks[0]!['training'] = { trainImages: 60000, epochs: 1 };
    m.networks[1]!['training'] = { trainImages: 30000, epochs: 2 };
    m.networks[1]!['levelsUsed'] = 1;
    writeFileSync(file, JSON.stringify(m));
    const r = await writeReport({ resultsDir: copy, out: join(outDir, 'budgets.pdf') });
    expect(r.data.provenance.networks.map((n) => [n.trainImages, n.epochs])).toEqual([
      [60000, 1],
      [30000, 2],
    ]);
    const text = pdfText(readFileSync(r.pdf)).join('\n');
    expect(text).toContain('60,000 images × 1 epoch');
    expect(text).not.toContain('60,000 images × 1 epochs');
    expect(text).toContain('30,000 images × 2 epochs');
    expect(r.data.provenance.networks.map((n) => n.levelsUsed)).toEqual([null, 1]);
    const levels = r.data.provenance.networks[1]!.levels;
    expect(levels).toBeGreaterThan(1);
    expect(text).toContain(`${levels} (1 used)`);
  });

  it('writes the same data as CSV and JSON next to the PDF', () => {
    const r = report;
    expect(r.csv).toBe(join(outDir, 'report.csv'));
    const csv = readFileSync(r.csv, 'utf8').trim().split('\n');
    expect(csv).toHaveLength(1 + r.data.sweep.points);
    expect(csv[0]).toMatch(/^key,network,role,/);
    expect(JSON.parse(readFileSync(r.json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(r.data)));
  });

  it('gives byte-identical files for the same results, undated unless --date is given (no run times used)', async () => {
    const a = report;
    const b = await writeReport({ resultsDir: results, out: join(outDir, 'b.pdf') });
    for (const [x, y] of [
      [a.pdf, b.pdf],
      [a.csv, b.csv],
      [a.json, b.json],
    ] as const)
      expect(readFileSync(x).equals(readFileSync(y))).toBe(true);
    expect(a.data.date).toBe(UNDATED_REPORT);
    const pdfDate = (file: string): string => {
      const raw = readFileSync(file, 'latin1');
      const ref = /\/CreationDate (\d+) 0 R/.exec(raw)![1];
      return new RegExp(`\\n${ref} 0 obj\\s*\\((D:\\d+)`).exec(raw)![1]!;
    };
    expect(pdfDate(a.pdf)).toBe('D:20000101000000');
    const c = await writeReport({ resultsDir: results, out: join(outDir, 'c.pdf'), date: '2030-01-02T03:04:05Z' });
    expect(c.data.date).toBe('2030-01-02T03:04:05.000Z');
    expect(pdfDate(c.pdf)).toBe('D:20300102030405');
  });

  it('renders charts and pictures that are not blank', async () => {
    const r = report;
    const pngs = r.figures.filter((f) => f.png !== null);
    expect(pngs.map((f) => f.id)).toEqual(
      expect.arrayContaining([
        'tiles-vs-size',
        'energy-vs-size',
        'area-vs-size',
        'accuracy-vs-variation',
        'receptive-fields-sparse',
        'occupancy-sparse-128x32',
      ]),
    );
    for (const f of pngs) {
      const s = await pixelStats(f.png!);
      expect(s.variance, f.id).toBeGreaterThan(200);
      expect(s.nonWhite, f.id).toBeGreaterThan(0.02);
    }
  });

  it('draws accuracy per device as bars from zero when the sweep has one variation level', async () => {
    const d = report.data.accuracyVsVariation;
    const one: ReportData = {
      ...report.data,
      accuracyVsVariation: {
        sigmas: d.sigmas.slice(0, 1),
        series: d.series.map((x) => ({ ...x, values: x.values.slice(0, 1), ...(x.std !== undefined ? { std: x.std.slice(0, 1) } : {}) })),
      },
    };
    const f = (await buildReportCharts(one)).find((x) => x.id === 'accuracy-vs-variation')!;
    expect(f.title).toMatch(/^Accuracy per device \(σ = 0 %\)$/);
    const s = await pixelStats(f.png!);
    expect(s.variance).toBeGreaterThan(200);
    expect(s.nonWhite).toBeGreaterThan(0.05);
  });

  it('replaces a chart without data by a note instead of drawing it empty', async () => {
    const r = report;
    const empty: ReportData = {
      ...r.data,
      energyVsSize: { sizes: r.data.energyVsSize.sizes, series: r.data.energyVsSize.series.map((s) => ({ ...s, values: s.values.map(() => null) })) },
    };
    const figs = await buildReportCharts(empty);
    const e = figs.find((f) => f.id === 'energy-vs-size')!;
    expect(e.png).toBeNull();
    expect(e.note).toMatch(/No energy data/);
    const noRef = await writeReport({ resultsDir: results, out: join(outDir, 'm.pdf'), reference: { rows: 999, cols: 999 } });
    const text = pdfText(readFileSync(noRef.pdf)).join('\n');
    expect(noRef.data.summary).toBeNull();
    expect(text).toContain('No summary');
    expect(text).toContain('Chart omitted: No accuracy data at crossbar size 999×999.');
  });

  it('refuses a folder that holds no sweep results, writing nothing', async () => {
    const out = join(outDir, 'none.pdf');
    await expect(writeReport({ resultsDir: outDir, out })).rejects.toThrow(XsnnError);
    await expect(writeReport({ resultsDir: outDir, out })).rejects.toThrow(/not a sweep results folder \(no sweep\.json\)/);
    expect(existsSync(out)).toBe(false);
  });
});
