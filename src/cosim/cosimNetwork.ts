import { XsnnError } from '../config/XsnnError.js';
import { networkFromCheckpoint, type NetworkSnapshot } from '../snn/networkFromCheckpoint.js';
import type { SnnNetwork } from '../snn/SnnNetwork.js';
import type { InputDrive } from '../snn/InputDrive.js';
import type { InputSpikes } from '../snn/InputSpikes.js';
import { CrossbarDrive, type CrossbarDriveOptions } from './CrossbarDrive.js';
import type { DriveLayout } from './DriveLayout.js';
import type { DriveWeights } from './DriveWeights.js';

/** Everything needed to rebuild a {@link CrossbarDrive} (plain typed arrays; sent to worker threads as is). */
export interface DriveSpec {
  readonly layout: DriveLayout;
  readonly weights: DriveWeights;
  readonly options: CrossbarDriveOptions;
  /**
   * Other layouts of the same programmed network (e.g. other tile sizes), whose
   * events are counted on the same spike traffic without driving the network
   * (`CrossbarDrive.count`). Only for a linear drive, where the network's input
   * does not depend on the tiling. Default none.
   */
  readonly observers?: ReadonlyArray<{ readonly layout: DriveLayout; readonly weights: DriveWeights; readonly options?: CrossbarDriveOptions }>;
}

/**
 * Builds a test-mode network whose input drive is the crossbar; `drives` are
 * that drive followed by one counting-only drive per `spec.observers` entry.
 */
export function cosimNetwork(network: NetworkSnapshot, spec: DriveSpec): { net: SnnNetwork; drive: CrossbarDrive; drives: CrossbarDrive[] } {
  const net = networkFromCheckpoint(network);
  const d = new CrossbarDrive(spec.layout, spec.weights, spec.options);
  const observers = (spec.observers ?? []).map((o) => new CrossbarDrive(o.layout, o.weights, o.options ?? spec.options));
  if (observers.length > 0 && spec.weights.mode !== 'linear')
    throw new XsnnError("cosimNetwork: observer layouts need a linear drive (a tiled drive's input depends on its tiles)");
  net.drive = observers.length === 0 ? d : new ObservedDrive(d, observers);
  return { net, drive: d, drives: [d, ...observers] };
}

/** The network's input drive when observers count along: the primary drive feeds the network, each observer only counts. */
class ObservedDrive implements InputDrive {
  constructor(
    private readonly primary: CrossbarDrive,
    private readonly observers: ReadonlyArray<CrossbarDrive>,
  ) {}

  deliver(spikes: InputSpikes, step: number, ge: Float64Array): void {
    this.primary.deliver(spikes, step, ge);
    for (const o of this.observers) o.count(spikes, step);
  }
}
