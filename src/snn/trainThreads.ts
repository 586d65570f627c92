import { availableParallelism } from 'node:os';
import { idleCores } from '../core/idleCores.js';

/**
 * Fewest neurons per training thread worth a meeting per time step: 2 threads beat 1 at 400
 * neurons on this project's 2-core machine, quiet (see snn/README.md, "Speed").
 */
export const MIN_NEURONS_PER_TRAIN_THREAD = 200;

/** Options of {@link defaultTrainThreads}. */
export interface DefaultTrainThreadsOptions {
  /** Cores of the machine. @defaultValue `os.availableParallelism()` */
  readonly cores?: number;
  /** Cores other work leaves idle (from {@link idleCores}); omitted, the machine counts as quiet. @defaultValue `cores` */
  readonly idleCores?: number;
}

/**
 * Training threads by default: every idle core, but at least {@link MIN_NEURONS_PER_TRAIN_THREAD} neurons each:
 * threads = max(1, min(cores, round(idleCores), ⌊neurons / 200⌋)).
 * Idle cores count because the threads meet at every time step: one that shares its core with another process
 * keeps the others waiting (2 threads beside 2 busy processes on 2 cores train 2.7× slower than 1, snn/README.md, "Speed").
 */
export function defaultTrainThreads(neurons: number, options: DefaultTrainThreadsOptions = {}): number {
  const cores = options.cores ?? availableParallelism();
  const idle = Math.round(options.idleCores ?? cores);
  return Math.max(1, Math.min(cores, idle, Math.floor(neurons / MIN_NEURONS_PER_TRAIN_THREAD)));
}

/** What {@link chooseTrainThreads} picked, and from what. */
export interface TrainThreadChoice {
  /** Threads to train on. */
  readonly threads: number;
  /** Threads a quiet machine would get ({@link defaultTrainThreads} without idle cores). */
  readonly quietThreads: number;
  /** Cores idle just now (null when not measured: one thread was the most the network could use). */
  readonly idleCores: number | null;
  readonly cores: number;
}

/**
 * The default thread count of a training run started now: {@link defaultTrainThreads} with the cores
 * {@link idleCores} finds idle over 200 ms (measured only when the network could use more than one thread).
 */
export function chooseTrainThreads(neurons: number): TrainThreadChoice {
  const cores = availableParallelism();
  const quietThreads = defaultTrainThreads(neurons, { cores });
  if (quietThreads === 1) return { threads: 1, quietThreads, idleCores: null, cores };
  const idle = idleCores();
  return { threads: defaultTrainThreads(neurons, { cores, idleCores: idle }), quietThreads, idleCores: idle, cores };
}
