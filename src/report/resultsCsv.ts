import { AREA_COMPONENTS, ENERGY_COMPONENTS, LATENCY_COMPONENTS, type TimingFigures } from '../core/ResultRecord.js';
import type { ResultLine } from '../sweep/ResultLine.js';
import type { SweepManifest } from '../sweep/SweepManifest.js';

function cell(v: string | number): string {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The timing columns of a record (empty cells for a record written before the timing model). */
function timingCells(t: TimingFigures | undefined): Array<string | number> {
  if (t === undefined) return Array<string>(TIMING_HEADER.length).fill('');
  return [
    t.mode,
    String(t.pipelined),
    t.latencyPerInferenceS,
    ...LATENCY_COMPONENTS.map((c) => t.latencyBreakdownS[c]),
    t.throughputPerS,
    t.edpJs,
    t.sopsPerInference,
    t.energyPerSopJ,
    t.programmingEnergyJ,
    t.programmingTimeS,
  ];
}

/** Column names of {@link timingCells}. */
const TIMING_HEADER = [
  'timing_mode',
  'timing_pipelined',
  'latency_per_inference_s',
  ...LATENCY_COMPONENTS.map((c) => `latency_${c}_s`),
  'throughput_per_s',
  'edp_Js',
  'sops_per_inference',
  'energy_per_sop_J',
  'programming_energy_J',
  'programming_time_s',
];

/**
 * The results as CSV (RFC 4180, header row, SI units named in the column
 * names), one row per point, sorted by network (definition order), size,
 * periphery, device and σ. The timing columns (mode, latency and its stages,
 * throughput, EDP, SOPs, energy per SOP, programming cost) are empty for records
 * written before the timing model. Explain terms are left to the JSON.
 */
export function resultsCsv(lines: ReadonlyArray<ResultLine>, manifest: SweepManifest): string {
  const netOrder = new Map(manifest.networks.map((n, i) => [n.name, i]));
  const role = new Map(manifest.networks.map((n) => [n.name, n.role]));
  const header = [
    'key',
    'network',
    'role',
    'checkpoint_sha256',
    'synapses',
    'pruned_fraction',
    'levels',
    'rows',
    'cols',
    'periphery',
    'device',
    'device_sha256',
    'variation_sigma',
    'samples',
    'seed',
    'test_images',
    'energy_images',
    'labels',
    'accuracy_mean',
    'accuracy_std',
    'energy_per_inference_J',
    ...ENERGY_COMPONENTS.map((c) => `energy_${c}_J`),
    'area_m2',
    ...AREA_COMPONENTS.map((c) => `area_${c}_m2`),
    'tiles',
    'naive_tiles',
    'lower_bound',
    ...TIMING_HEADER,
  ];
  const sorted = [...lines].sort((a, b) => {
    const x = a.record;
    const y = b.record;
    return (
      (netOrder.get(x.network.name) ?? 99) - (netOrder.get(y.network.name) ?? 99) ||
      x.crossbar.rows * x.crossbar.cols - y.crossbar.rows * y.crossbar.cols ||
      x.crossbar.rows - y.crossbar.rows ||
      x.crossbar.periphery.localeCompare(y.crossbar.periphery) ||
      x.device.name.localeCompare(y.device.name) ||
      x.variationSigma - y.variationSigma ||
      (a.key < b.key ? -1 : 1)
    );
  });
  const rows = sorted.map(({ key, record: r }) => [
    key,
    r.network.name,
    role.get(r.network.name) ?? '',
    r.network.checkpointHash,
    r.network.synapses,
    r.network.prunedFraction,
    r.network.levels,
    r.crossbar.rows,
    r.crossbar.cols,
    r.crossbar.periphery,
    r.device.name,
    r.device.presetHash,
    r.variationSigma,
    r.samples,
    r.seed,
    r.testImages,
    r.energyImages,
    r.labels,
    r.accuracy.mean,
    r.accuracy.std,
    r.energyPerInferenceJ,
    ...ENERGY_COMPONENTS.map((c) => r.energyBreakdownJ[c]),
    r.areaM2,
    ...AREA_COMPONENTS.map((c) => r.areaBreakdownM2[c]),
    r.tiles,
    r.naiveTiles,
    r.lowerBound,
    ...timingCells(r.timing),
  ]);
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}
