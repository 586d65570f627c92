import type { ResultRecord } from '../../core/ResultRecord.js';
import type { ResultLine } from '../../sweep/ResultLine.js';
import type { SweepManifest } from '../../sweep/SweepManifest.js';
import { sizeLabel } from '../format.js';
import type { ReferencePoint } from '../ReportData.js';

type Rec = ResultRecord;

/** A crossbar size, rows × columns. */
export interface Size {
  readonly rows: number;
  readonly cols: number;
}

/** The distinct crossbar sizes of the records, by cells then rows. */
export function uniqueSizes(recs: ReadonlyArray<Rec>): Size[] {
  const m = new Map<string, Size>();
  for (const r of recs) m.set(sizeLabel(r.crossbar.rows, r.crossbar.cols), { rows: r.crossbar.rows, cols: r.crossbar.cols });
  return [...m.values()].sort((a, b) => a.rows * a.cols - b.rows * b.cols || a.rows - b.rows);
}

/** The distinct values of `key` over `recs`, in the order `orderOf` gives (unknown last, then by name). */
function ordered(recs: ReadonlyArray<Rec>, key: (r: Rec) => string, orderOf: ReadonlyMap<string, number>): string[] {
  return [...new Set(recs.map(key))].sort((a, b) => (orderOf.get(a) ?? 99) - (orderOf.get(b) ?? 99) || a.localeCompare(b));
}

/**
 * A sweep's records sorted by point key, with the axes of the report (sizes,
 * networks and devices in the definition's order, variation levels) and lookups
 * at the reference periphery.
 */
export class ReportRecords {
  readonly lines: ReadonlyArray<ResultLine>;
  readonly recs: ReadonlyArray<Rec>;
  readonly sizes: ReadonlyArray<Size>;
  readonly sizeLabels: ReadonlyArray<string>;
  readonly networks: ReadonlyArray<string>;
  readonly devices: ReadonlyArray<string>;
  readonly sigmas: ReadonlyArray<number>;

  constructor(
    readonly manifest: SweepManifest,
    lines: ReadonlyArray<ResultLine>,
  ) {
    this.lines = [...lines].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.recs = this.lines.map((l) => l.record);
    this.sizes = uniqueSizes(this.recs);
    this.sizeLabels = this.sizes.map((s) => sizeLabel(s.rows, s.cols));
    this.networks = ordered(this.recs, (r) => r.network.name, new Map(manifest.networks.map((n, i) => [n.name, i])));
    this.devices = ordered(this.recs, (r) => r.device.name, new Map(manifest.devices.map((d, i) => [d.name, i])));
    this.sigmas = [...new Set(this.recs.map((r) => r.variationSigma))].sort((a, b) => a - b);
  }

  /** The network's role in the definition (`dense`, `compressed`, …; `unknown` if absent). */
  roleOf(name: string): string {
    return this.manifest.networks.find((n) => n.name === name)?.role ?? 'unknown';
  }

  /** The record of a network at a size, device and σ, on the reference periphery. */
  find(ref: ReferencePoint, net: string, rows: number, cols: number, device: string, sigma: number): Rec | undefined {
    return this.recs.find(
      (r) =>
        r.network.name === net &&
        r.crossbar.rows === rows &&
        r.crossbar.cols === cols &&
        r.crossbar.periphery === ref.periphery &&
        r.device.name === device &&
        r.variationSigma === sigma,
    );
  }

  /** The record at the reference device and σ, else any record of the network at that size and the reference periphery. */
  findAnyDevice(ref: ReferencePoint, net: string, rows: number, cols: number): Rec | undefined {
    return (
      this.find(ref, net, rows, cols, ref.device, ref.variationSigma) ??
      this.recs.find((r) => r.network.name === net && r.crossbar.rows === rows && r.crossbar.cols === cols && r.crossbar.periphery === ref.periphery)
    );
  }

  /** Whether a record is at the reference point (size, periphery, device, σ). */
  isRef(ref: ReferencePoint, r: Rec): boolean {
    return (
      r.crossbar.rows === ref.rows &&
      r.crossbar.cols === ref.cols &&
      r.crossbar.periphery === ref.periphery &&
      r.device.name === ref.device &&
      r.variationSigma === ref.variationSigma
    );
  }

  /** The first record of a network (for its synapses and levels). */
  firstOf(net: string): Rec | undefined {
    return this.recs.find((r) => r.network.name === net);
  }
}
