import { XsnnError } from '../config/XsnnError.js';
import { version } from '../core/version.js';
import { AREA_COMPONENTS, ENERGY_COMPONENTS, type ResultRecord } from '../core/ResultRecord.js';
import type { ResultLine } from '../sweep/ResultLine.js';
import type { SweepManifest } from '../sweep/SweepManifest.js';
import { ReportReferenceSchema } from '../sweep/SweepSpec.js';
import { displayName, formatNumber, pickScale, sizeLabel } from './format.js';
import type { Breakdown, MethodTerm, PresetValues, ReferencePoint, ReportData, Series, SizeSeries, SummaryRow } from './ReportData.js';

/** Options of {@link buildReportData}. */
export interface BuildReportDataOptions {
  readonly manifest: SweepManifest;
  readonly lines: ReadonlyArray<ResultLine>;
  /** Date shown and stored (ISO 8601). Default: the latest `finishedAt` of the lines. */
  readonly date?: string;
  /** Overrides of the reference point (default: the definition's `report:` section, then built-in choices). */
  readonly reference?: Partial<ReferencePoint>;
}

type Rec = ResultRecord;

function sizeKey(r: { rows: number; cols: number }): string {
  return sizeLabel(r.rows, r.cols);
}

function chooseReference(manifest: SweepManifest, recs: ReadonlyArray<Rec>, over: Partial<ReferencePoint>): ReferencePoint {
  const fromSpec = ReportReferenceSchema.safeParse(manifest.definition['report'] ?? {});
  const spec = fromSpec.success ? fromSpec.data : {};
  const sizes = uniqueSizes(recs);
  let size = spec.crossbar ?? null;
  if (size === null) {
    const squares = sizes.filter((s) => s.rows === s.cols && s.rows <= 128);
    size =
      squares.length > 0
        ? squares[squares.length - 1]!
        : [...sizes].sort((a, b) => Math.abs(Math.log((a.rows * a.cols) / 16384)) - Math.abs(Math.log((b.rows * b.cols) / 16384)))[0]!;
  }
  const sigmas = [...new Set(recs.map((r) => r.variationSigma))].sort((a, b) => a - b);
  return {
    rows: over.rows ?? size.rows,
    cols: over.cols ?? size.cols,
    device: over.device ?? spec.device ?? manifest.devices[0]?.name ?? recs[0]!.device.name,
    periphery: over.periphery ?? spec.periphery ?? manifest.periphery[0]?.name ?? recs[0]!.crossbar.periphery,
    variationSigma: over.variationSigma ?? spec.variation ?? sigmas[0]!,
  };
}

function uniqueSizes(recs: ReadonlyArray<Rec>): Array<{ rows: number; cols: number }> {
  const m = new Map<string, { rows: number; cols: number }>();
  for (const r of recs) m.set(sizeKey(r.crossbar), { rows: r.crossbar.rows, cols: r.crossbar.cols });
  return [...m.values()].sort((a, b) => a.rows * a.cols - b.rows * b.cols || a.rows - b.rows);
}

function summaryRows(d: Rec, c: Rec): SummaryRow[] {
  const ratio = (a: number, b: number): number => (b === 0 ? Number.POSITIVE_INFINITY : a / b);
  const ratioText = (f: number): string => (Number.isFinite(f) ? `${formatNumber(f, 3)}×` : '—');
  const eScale = pickScale('energy', [d.energyPerInferenceJ, c.energyPerInferenceJ]);
  const aScale = pickScale('area', [d.areaM2, c.areaM2]);
  const accDiff = (c.accuracy.mean - d.accuracy.mean) * 100;
  const pct = (r: Rec): string => `${(r.accuracy.mean * 100).toFixed(2)} ± ${(r.accuracy.std * 100).toFixed(2)}`;
  const rows: SummaryRow[] = [
    {
      metric: 'Accuracy',
      unit: '%',
      dense: d.accuracy.mean * 100,
      compressed: c.accuracy.mean * 100,
      denseStd: d.accuracy.std * 100,
      compressedStd: c.accuracy.std * 100,
      factor: accDiff,
      factorKind: 'difference',
      text: { dense: pct(d), compressed: pct(c), factor: `${accDiff >= 0 ? '+' : '−'}${Math.abs(accDiff).toFixed(2)} pp` },
    },
  ];
  const add = (metric: string, unit: string, dv: number, cv: number, scale = 1): void => {
    const f = ratio(dv, cv);
    rows.push({
      metric,
      unit,
      dense: dv * scale,
      compressed: cv * scale,
      factor: f,
      factorKind: 'ratio',
      text: { dense: formatNumber(dv * scale), compressed: formatNumber(cv * scale), factor: ratioText(f) },
    });
  };
  add('Synapses', 'count', d.network.synapses, c.network.synapses);
  add('Tiles', 'count', d.tiles, c.tiles);
  add('Area', aScale.unit, d.areaM2, c.areaM2, aScale.factor);
  add('Energy per inference', eScale.unit, d.energyPerInferenceJ, c.energyPerInferenceJ, eScale.factor);
  return rows;
}

function flatten(value: unknown, prefix: string, out: Array<readonly [string, string]>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix === '' ? k : `${prefix}.${k}`, out);
  } else out.push([prefix, typeof value === 'string' ? value : JSON.stringify(value)]);
}

/**
 * Turns a sweep's results into everything a report shows (see {@link ReportData}):
 * the sparse-vs-dense summary at the reference point, tiles per size, energy and
 * area breakdowns per size, energy and area per device over sizes, accuracy over
 * variation, provenance and the methods terms. Deterministic: the same lines (in
 * any order) give the same data.
 */
export function buildReportData(options: BuildReportDataOptions): ReportData {
  const { manifest } = options;
  if (options.lines.length === 0)
    throw new XsnnError('buildReportData: the results folder holds no finished points', {
      expected: 'at least one line in results.jsonl (run `xsnn sweep` first)',
    });
  const netOrder = new Map(manifest.networks.map((n, i) => [n.name, i]));
  const devOrder = new Map(manifest.devices.map((d, i) => [d.name, i]));
  const lines = [...options.lines].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const recs = lines.map((l) => l.record);
  const ref = chooseReference(manifest, recs, options.reference ?? {});
  const sizes = uniqueSizes(recs);
  const sizeLabels = sizes.map((s) => sizeLabel(s.rows, s.cols));
  const networks = [...new Set(recs.map((r) => r.network.name))].sort((a, b) => (netOrder.get(a) ?? 99) - (netOrder.get(b) ?? 99) || a.localeCompare(b));
  const devices = [...new Set(recs.map((r) => r.device.name))].sort((a, b) => (devOrder.get(a) ?? 99) - (devOrder.get(b) ?? 99) || a.localeCompare(b));
  const roleOf = (name: string): string => manifest.networks.find((n) => n.name === name)?.role ?? 'unknown';

  const find = (net: string, rows: number, cols: number, device: string, sigma: number): Rec | undefined =>
    recs.find(
      (r) =>
        r.network.name === net &&
        r.crossbar.rows === rows &&
        r.crossbar.cols === cols &&
        r.crossbar.periphery === ref.periphery &&
        r.device.name === device &&
        r.variationSigma === sigma,
    );
  const findAnyDevice = (net: string, rows: number, cols: number): Rec | undefined =>
    find(net, rows, cols, ref.device, ref.variationSigma) ??
    recs.find((r) => r.network.name === net && r.crossbar.rows === rows && r.crossbar.cols === cols && r.crossbar.periphery === ref.periphery);

  // summary
  const dense = networks.find((n) => roleOf(n) === 'dense');
  const compressed = networks.find((n) => roleOf(n) === 'compressed');
  let summary: ReportData['summary'] = null;
  if (dense !== undefined && compressed !== undefined) {
    const d = find(dense, ref.rows, ref.cols, ref.device, ref.variationSigma);
    const c = find(compressed, ref.rows, ref.cols, ref.device, ref.variationSigma);
    if (d !== undefined && c !== undefined) summary = { dense, compressed, rows: summaryRows(d, c) };
  }

  // tiles per size
  const tileSeries: Series[] = [];
  for (const net of networks) {
    const at = sizes.map((s) => findAnyDevice(net, s.rows, s.cols));
    tileSeries.push({ label: `${net}: tiles (mapper)`, network: net, values: at.map((r) => r?.tiles ?? null) });
    if (roleOf(net) !== 'dense') {
      tileSeries.push({ label: `${net}: naive blocking`, network: net, values: at.map((r) => r?.naiveTiles ?? null) });
      tileSeries.push({ label: `${net}: lower bound`, network: net, values: at.map((r) => r?.lowerBound ?? null) });
    }
  }
  const tiles: SizeSeries = { sizes: sizeLabels, series: tileSeries };

  // breakdowns at the reference device and σ
  const breakdown = (kind: 'energy' | 'area'): Breakdown[] =>
    networks.map((net) => {
      const at = sizes.map((s) => find(net, s.rows, s.cols, ref.device, ref.variationSigma));
      const comps = kind === 'energy' ? ENERGY_COMPONENTS : AREA_COMPONENTS;
      return {
        network: net,
        sizes: sizeLabels,
        components: comps.map((c) => ({
          label: c,
          values: at.map((r) =>
            r === undefined
              ? null
              : kind === 'energy'
                ? r.energyBreakdownJ[c as keyof Rec['energyBreakdownJ']]
                : r.areaBreakdownM2[c as keyof Rec['areaBreakdownM2']],
          ),
        })),
      };
    });

  // per device over sizes
  const vsSize = (pick: (r: Rec) => number): SizeSeries => ({
    sizes: sizeLabels,
    series: devices.flatMap((dev) =>
      networks.map((net) => ({
        label: `${displayName(dev)} · ${net}`,
        network: net,
        device: dev,
        values: sizes.map((s) => {
          const r = find(net, s.rows, s.cols, dev, ref.variationSigma);
          return r === undefined ? null : pick(r);
        }),
      })),
    ),
  });

  // accuracy over variation at the reference size
  const sigmas = [...new Set(recs.map((r) => r.variationSigma))].sort((a, b) => a - b);
  const accSeries: Series[] = devices.flatMap((dev) =>
    networks.map((net) => {
      const at = sigmas.map((s) => find(net, ref.rows, ref.cols, dev, s));
      return {
        label: `${displayName(dev)} · ${net}`,
        network: net,
        device: dev,
        values: at.map((r) => (r === undefined ? null : r.accuracy.mean * 100)),
        std: at.map((r) => (r === undefined ? null : r.accuracy.std * 100)),
      };
    }),
  );

  // methods
  // One row per (term, unit, formula): the value range is over the whole sweep, and the
  // source text (which quotes the inputs' values) is the reference point's, or the
  // first record's where the reference point does not have the term.
  const isRef = (r: Rec): boolean =>
    r.crossbar.rows === ref.rows &&
    r.crossbar.cols === ref.cols &&
    r.crossbar.periphery === ref.periphery &&
    r.device.name === ref.device &&
    r.variationSigma === ref.variationSigma;
  const terms = new Map<string, MethodTerm>();
  for (const r of [...recs.filter(isRef), ...recs.filter((x) => !isRef(x))]) {
    for (const t of r.explain) {
      const k = `${t.name}\u0000${t.unit}\u0000${t.formula}`;
      const prev = terms.get(k);
      terms.set(
        k,
        prev === undefined
          ? { name: t.name, unit: t.unit, formula: t.formula, source: t.source, min: t.value, max: t.value, count: 1 }
          : { ...prev, min: Math.min(prev.min, t.value), max: Math.max(prev.max, t.value), count: prev.count + 1 },
      );
    }
  }
  const presets: PresetValues[] = [
    ...manifest.devices.map((p) => ({ kind: 'device' as const, p })),
    ...manifest.periphery.map((p) => ({ kind: 'periphery' as const, p })),
  ].map(({ kind, p }) => {
    const fields: Array<readonly [string, string]> = [];
    flatten(p.raw, '', fields);
    return {
      kind,
      name: p.name,
      hash: p.hash,
      source: typeof p.raw['source'] === 'string' ? p.raw['source'] : 'not cited',
      fields: fields.filter(([k]) => k !== 'source'),
    };
  });

  const firstOf = (net: string): Rec | undefined => recs.find((r) => r.network.name === net);
  const date =
    options.date ??
    lines
      .map((l) => l.finishedAt)
      .sort()
      .pop()!;
  const description = typeof manifest.definition['description'] === 'string' ? manifest.definition['description'] : null;
  return {
    format: 'xsnn-report/1',
    title: `xsnn report: ${manifest.name}`,
    description,
    sweep: {
      name: manifest.name,
      definitionHash: manifest.definitionHash,
      xsnnVersion: manifest.xsnnVersion,
      points: lines.length,
      pointCount: manifest.pointCount,
    },
    xsnnVersion: version,
    date,
    provenance: {
      seeds: [...new Set([manifest.seed, ...recs.map((r) => r.seed)])].sort((a, b) => a - b),
      networks: manifest.networks.map((n) => ({
        name: n.name,
        role: n.role,
        recipe: n.recipe,
        checkpointHash: n.checkpointHash,
        synapses: firstOf(n.name)?.network.synapses ?? null,
        levels: firstOf(n.name)?.network.levels ?? null,
      })),
      devices: manifest.devices.map((d) => ({ name: d.name, hash: d.hash })),
      periphery: manifest.periphery.map((p) => ({ name: p.name, hash: p.hash })),
      samples: [...new Set(recs.map((r) => r.samples))].sort((a, b) => a - b),
      testImages: [...new Set(recs.map((r) => r.testImages))].sort((a, b) => a - b),
      energyImages: [...new Set(recs.map((r) => r.energyImages))].sort((a, b) => a - b),
      labels: [...new Set(recs.map((r) => r.labels))].sort(),
      labelImages: labelImagesOf(manifest.definition),
    },
    reference: ref,
    summary,
    tiles,
    energyBreakdown: breakdown('energy'),
    areaBreakdown: breakdown('area'),
    energyVsSize: vsSize((r) => r.energyPerInferenceJ),
    areaVsSize: vsSize((r) => r.areaM2),
    accuracyVsVariation: { sigmas, series: accSeries },
    methods: { terms: [...terms.values()].sort((a, b) => a.name.localeCompare(b.name) || a.formula.localeCompare(b.formula)), presets },
  };
}

/** `images.label` of a sweep definition as written (null when absent or not a number). */
function labelImagesOf(definition: Record<string, unknown>): number | null {
  const images = definition['images'];
  if (typeof images !== 'object' || images === null) return null;
  const n = (images as Record<string, unknown>)['label'];
  return typeof n === 'number' ? n : null;
}
