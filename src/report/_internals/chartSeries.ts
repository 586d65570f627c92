import { AREA_COMPONENTS, ENERGY_COMPONENTS, type ResultRecord } from '../../core/ResultRecord.js';
import { displayName } from '../format.js';
import type { Breakdown, ReferencePoint, ReportData, Series, SizeSeries } from '../ReportData.js';
import type { ReportRecords } from './ReportRecords.js';

type Rec = ResultRecord;

/** Tiles per size: the mapper's count per network, and naive blocking and the lower bound for the non-dense ones. */
export function tileSeries(rr: ReportRecords, ref: ReferencePoint): SizeSeries {
  const series: Series[] = [];
  for (const net of rr.networks) {
    const at = rr.sizes.map((s) => rr.findAnyDevice(ref, net, s.rows, s.cols));
    series.push({ label: `${net}: tiles (mapper)`, network: net, values: at.map((r) => r?.tiles ?? null) });
    if (rr.roleOf(net) !== 'dense') {
      series.push({ label: `${net}: naive blocking`, network: net, values: at.map((r) => r?.naiveTiles ?? null) });
      series.push({ label: `${net}: lower bound`, network: net, values: at.map((r) => r?.lowerBound ?? null) });
    }
  }
  return { sizes: rr.sizeLabels, series };
}

/** Energy or area of each network split by component, per size, at the reference device and σ (SI units). */
export function breakdowns(rr: ReportRecords, ref: ReferencePoint, kind: 'energy' | 'area'): Breakdown[] {
  const comps = kind === 'energy' ? ENERGY_COMPONENTS : AREA_COMPONENTS;
  const value = (r: Rec, c: string): number =>
    kind === 'energy' ? r.energyBreakdownJ[c as keyof Rec['energyBreakdownJ']] : r.areaBreakdownM2[c as keyof Rec['areaBreakdownM2']];
  return rr.networks.map((net) => {
    const at = rr.sizes.map((s) => rr.find(ref, net, s.rows, s.cols, ref.device, ref.variationSigma));
    return {
      network: net,
      sizes: rr.sizeLabels,
      components: comps.map((c) => ({ label: c, values: at.map((r) => (r === undefined ? null : value(r, c))) })),
    };
  });
}

/** One series per device and network over sizes, at the reference σ, of `pick` (SI units). */
export function perDeviceSeries(rr: ReportRecords, ref: ReferencePoint, pick: (r: Rec) => number): SizeSeries {
  return {
    sizes: rr.sizeLabels,
    series: rr.devices.flatMap((dev) =>
      rr.networks.map((net) => ({
        label: `${displayName(dev)} · ${net}`,
        network: net,
        device: dev,
        values: rr.sizes.map((s) => {
          const r = rr.find(ref, net, s.rows, s.cols, dev, ref.variationSigma);
          return r === undefined ? null : pick(r);
        }),
      })),
    ),
  };
}

/** Accuracy (%, mean and std over samples) per device and network over σ, at the reference size. */
export function accuracySeries(rr: ReportRecords, ref: ReferencePoint): ReportData['accuracyVsVariation'] {
  const series: Series[] = rr.devices.flatMap((dev) =>
    rr.networks.map((net) => {
      const at = rr.sigmas.map((s) => rr.find(ref, net, ref.rows, ref.cols, dev, s));
      return {
        label: `${displayName(dev)} · ${net}`,
        network: net,
        device: dev,
        values: at.map((r) => (r === undefined ? null : r.accuracy.mean * 100)),
        std: at.map((r) => (r === undefined ? null : r.accuracy.std * 100)),
      };
    }),
  );
  return { sigmas: rr.sigmas, series };
}
