import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { coincidenceNote, coincidentSeries } from '../../src/report/_internals/coincidentSeries.js';
import { binomialHalfWidthPoints } from '../../src/report/_internals/confidence.js';
import type { MethodTerm } from '../../src/report/ReportData.js';
import { renderReportPdf } from '../../src/report/renderReportPdf.js';
import { writeReport, type WrittenReport } from '../../src/report/writeReport.js';
import { pdfText } from './_support/pdfText.js';
import { makeSampleResults } from './_support/sampleResults.js';

let report: WrittenReport;
beforeAll(async () => {
  const { results } = await makeSampleResults();
  report = await writeReport({ resultsDir: results, out: join(mkdtempSync(join(tmpdir(), 'xsnn-content-')), 'r.pdf'), compress: false });
}, 60_000);

describe('coincident series', () => {
  it('are flagged where they lie on each other, everywhere or at named sizes', () => {
    const series = [
      { label: 'A', values: [100, 26, 13, 7] },
      { label: 'B', values: [50, 13, 13, 7] },
      { label: 'C', values: [100, 26.05, 13, 7] },
      { label: 'D', values: [1, 2, 3, null] },
    ];
    const c = coincidentSeries(series);
    expect(c).toEqual([
      { a: 'A', b: 'B', at: [2, 3], everywhere: false },
      { a: 'A', b: 'C', at: [0, 1, 2, 3], everywhere: true },
      { a: 'B', b: 'C', at: [2, 3], everywhere: false },
    ]);
    const note = coincidenceNote(series, ['32×32', '64×64', '64×128', '128×128']);
    expect(note).toContain('“C” lies on “A” at every size');
    expect(note).toContain('“B” lies on “A” at 64×128 and 128×128');
    expect(coincidenceNote([series[0]!, series[3]!], ['a', 'b', 'c', 'd'])).toBe('');
  });

  it('are named in the caption of the chart they occur in', () => {
    for (const f of report.figures.filter((x) => x.id === 'tiles-vs-size' || x.id.endsWith('-vs-size'))) {
      const series = f.id === 'tiles-vs-size' ? report.data.tiles : f.id === 'energy-vs-size' ? report.data.energyVsSize : report.data.areaVsSize;
      expect(f.caption.includes('Coincident series'), f.id).toBe(coincidentSeries(series.series).length > 0);
    }
  });
});

describe('the report text', () => {
  it('rounds every number of the methods section (no long float tails), in the summary units', async () => {
    // terms as the hardware model stores them, with the raw floats of real results
    const raw: MethodTerm[] = [
      {
        name: 'adcOrNeuron',
        unit: 'm^2',
        formula: 'T · C_log · A_IF',
        source: 'one IF circuit per logical column; T = 26 1 [mapping]; A_IF = 1.5699999999999998e-11 m^2 [NeuroSim V3.0 ReadCircuit (xsnn spec/hardware.md)]',
        min: 7.034e-9,
        max: 2.6125e-8,
        count: 3,
      },
      {
        name: 'readEnergyPerCell',
        unit: 'J',
        formula: 'V_read² · (G_min + G_max)/2 · t_read',
        source: 'mid-range G; G_min = 0.0000010000000000000002 S [device]; pitch_tile = 0.00003289630698503604 m [computed]',
        min: 6.875e-15,
        max: 6.875e-15,
        count: 3,
      },
    ];
    const data = { ...report.data, methods: { ...report.data.methods, terms: [...report.data.methods.terms, ...raw] } };
    const pdf = await renderReportPdf(data, { charts: [], receptiveFields: [], occupancy: [] }, { compress: false });
    const text = pdfText(pdf).join(' ');
    const methods = text.slice(text.indexOf('Methods'));
    expect(methods.length).toBeGreaterThan(1000);
    const withoutHashes = methods.replace(/\b[0-9a-f]{64}\b/g, '');
    // a number with a fractional part carries at most 4 significant digits
    const long = [...withoutHashes.matchAll(/\d+\.\d+/g)].map((m) => m[0]).filter((n) => n.replace('.', '').replace(/^0+/, '').length > 4);
    expect(long).toEqual([]);
    expect(withoutHashes).not.toMatch(/\d\.\d{4,}e[+\-−]?\d/);
    const flat = withoutHashes.replace(/\s+/g, ' ');
    for (const shown of ['7034 … 26,125 µm²', 'A_IF = 15.7 µm²', '6.875 fJ', 'G_min = 1 µS', 'pitch_tile = 32.9 µm']) expect(flat).toContain(shown);
    expect(flat).toContain('docs/hardware.md');
    expect(flat).not.toContain('spec/hardware.md');
  });

  it('cites each source once in the methods section, by number', () => {
    const text = pdfText(readFileSync(report.pdf)).join('\n');
    const list = text.slice(text.lastIndexOf('Sources'));
    const entries = [...list.matchAll(/^\[(\d+)\] (.+)$/gm)].map((m) => m[2]!);
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries).size).toBe(entries.length);
  });

  it('states the test-set interval with the accuracy, and the size at which each network is best', () => {
    const s = report.data.summary!;
    const n = s.accuracyInterval.testImages;
    expect(s.accuracyInterval.halfWidthPoints).toBeCloseTo(binomialHalfWidthPoints(s.rows[0]!.dense! / 100, n), 12);
    expect(binomialHalfWidthPoints(0.5, 300)).toBeCloseTo(5.658, 3);
    const text = pdfText(readFileSync(report.pdf)).join(' ');
    expect(text.replace(/\s+/g, ' ')).toContain('95 % binomial intervals');
    for (const b of report.data.bestSizes) expect(text.replace(/\s+/g, ' ')).toContain(`${b.network}: smallest area at ${b.area.size}`);
    expect(report.figures.find((f) => f.id === 'accuracy-vs-variation')!.caption).toMatch(/95 % binomial interval of each accuracy from its \d+ test images/);
  });

  it('says which device each size chart shows, and gives the receptive fields colour scale', () => {
    const dev = report.data.reference.device
      .split('/')
      .pop()!
      .replace(/\.yaml$/, '');
    expect(report.figures.find((f) => f.id === 'tiles-vs-size')!.title).toContain(dev);
    for (const f of report.figures.filter((x) => x.id.includes('-breakdown-'))) expect(f.caption).toContain(`on device ${dev}`);
    expect(report.figures.find((f) => f.id.startsWith('receptive-fields-'))!.caption).toMatch(/black = 0 or pruned, .*yellow = 2\/3, white/);
  });
});
