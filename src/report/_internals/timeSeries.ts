import { LATENCY_COMPONENTS, type ResultRecord, type TimingFigures } from '../../core/ResultRecord.js';
import type { Breakdown, ReferencePoint, Series, TimeVsSize } from '../ReportData.js';
import type { ReportRecords } from './ReportRecords.js';

type Rec = ResultRecord;

/** Each network's records at the reference device and σ, per size (undefined where there is none). */
function atSizes(rr: ReportRecords, ref: ReferencePoint, net: string): Array<Rec | undefined> {
  return rr.sizes.map((s) => rr.find(ref, net, s.rows, s.cols, ref.device, ref.variationSigma));
}

/** The operating modes among `recs` (records without timing count as none). */
function modesOf(recs: ReadonlyArray<Rec | undefined>): string[] {
  return [...new Set(recs.flatMap((r) => (r?.timing === undefined ? [] : [r.timing.mode])))].sort();
}

/** The modes of every network's records at the reference device and σ: more than one means the time series are split by mode. */
function shownModes(rr: ReportRecords, ref: ReferencePoint): string[] {
  return modesOf(rr.networks.flatMap((net) => atSizes(rr, ref, net)));
}

/**
 * Latency per inference of each network split by stage, per size, at the
 * reference device and σ (s); null where a record is missing or has no timing block.
 */
export function latencyBreakdowns(rr: ReportRecords, ref: ReferencePoint): Breakdown[] {
  return rr.networks.map((net) => {
    const at = atSizes(rr, ref, net);
    return {
      network: net,
      sizes: rr.sizeLabels,
      components: LATENCY_COMPONENTS.map((c) => ({ label: c, values: at.map((r) => (r?.timing === undefined ? null : r.timing.latencyBreakdownS[c])) })),
    };
  });
}

/**
 * One series per network (and per mode, `dense (realtime)`, when the records
 * shown mix modes) over sizes, at the reference device and σ, of `pick`; null
 * where a record is missing, has no timing block or is in another mode.
 */
function seriesOf(rr: ReportRecords, ref: ReferencePoint, pick: (r: Rec, t: TimingFigures | undefined) => number | null): Series[] {
  const modes = shownModes(rr, ref);
  return rr.networks.flatMap((net) => {
    const at = atSizes(rr, ref, net);
    if (modes.length < 2) return [{ label: net, network: net, device: ref.device, values: at.map((r) => (r === undefined ? null : pick(r, r.timing))) }];
    return modes.map((mode) => ({
      label: `${net} (${mode})`,
      network: net,
      device: ref.device,
      values: at.map((r) => (r?.timing?.mode === mode ? pick(r, r.timing) : null)),
    }));
  });
}

/** Energy, latency, throughput, EDP and energy per SOP per network over sizes at the reference device and σ (SI units). */
export function timeVsSize(rr: ReportRecords, ref: ReferencePoint): TimeVsSize {
  const sizes = rr.sizeLabels;
  return {
    energy: { sizes, series: seriesOf(rr, ref, (r) => r.energyPerInferenceJ) },
    latency: { sizes, series: seriesOf(rr, ref, (_, t) => t?.latencyPerInferenceS ?? null) },
    throughput: { sizes, series: seriesOf(rr, ref, (_, t) => t?.throughputPerS ?? null) },
    edp: { sizes, series: seriesOf(rr, ref, (_, t) => t?.edpJs ?? null) },
    energyPerSop: { sizes, series: seriesOf(rr, ref, (_, t) => t?.energyPerSopJ ?? null) },
  };
}
