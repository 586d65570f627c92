import type { MessagePort } from 'node:worker_threads';
import type { InputSynapsesParts } from '../InputSynapses.js';
import type { NetworkStateArrays } from '../NetworkState.js';
import type { SnnRecipe } from '../SnnRecipe.js';

/** What a training partition thread receives (shared arrays are shared, the rest copied). */
export interface TrainWorkerData {
  readonly recipe: SnnRecipe;
  readonly seed: number;
  readonly perEpoch: number;
  readonly total: number;
  /** First image to train (images done so far). */
  readonly start: number;
  readonly nIn: number;
  /** The first `perEpoch` images, shared. */
  readonly pixels: Uint8Array;
  readonly theta: Float64Array;
  readonly state: NetworkStateArrays;
  readonly synapses: InputSynapsesParts;
  /** The leader's pre-synaptic spike history and step counter at the start. */
  readonly history: { readonly ring: Float64Array; readonly ringHead: Int32Array; readonly ringCount: Int32Array; readonly ringX: Float64Array | null };
  readonly step: number;
  readonly cells: Int32Array;
  readonly part: number;
  readonly parts: number;
  readonly range: readonly [number, number];
  /** Whether this partition normalises its own neurons' columns (SnnNetworkOptions.ownColumns). */
  readonly ownColumns: boolean;
  readonly port: MessagePort;
}
