import type { NetworkSnapshot } from '../../snn/networkFromCheckpoint.js';
import type { SharedImages } from '../../core/SharedImages.js';
import type { DriveSpec } from '../cosimNetwork.js';

/** The pool's `workerData`: network and drive (shared typed arrays), the images (shared) and where to write (shared). */
export interface CosimWorkerData extends SharedImages {
  readonly network: NetworkSnapshot;
  readonly drive: DriveSpec;
}

/** What a task returns: its thread's totals so far (the last task of each thread holds that thread's share). */
export interface CosimChunkResult {
  readonly thread: number;
  /** Chunks this thread has run, this one included. */
  readonly chunks: number;
  /** Per-tile event counters of each drive. */
  readonly counters: Float64Array[];
  readonly steps: number;
}
