import type { SharedImages } from '../../core/SharedImages.js';
import type { NetworkSnapshot } from '../networkFromCheckpoint.js';

/** The response pool's `workerData`: the network, the images (shared) and where to write (shared). */
export interface ResponseWorkerData extends NetworkSnapshot, SharedImages {}
