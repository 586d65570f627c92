import { cpus } from 'node:os';
import { XsnnError } from '../config/XsnnError.js';

/** Options of {@link idleCores}. */
export interface IdleCoresOptions {
  /**
   * How long the calling thread sleeps between the two readings (ms). The kernel counts CPU time in ticks
   * of 10 ms, so a window of 200 ms on 2 cores resolves the idle count to about 0.05 core.
   * @defaultValue 200
   */
  readonly windowMs?: number;
}

/**
 * Cores no process used over a short window, as a fraction of cores:
 * idle = Σ_c Δidle_c / Δtotal_c over the cores c, from two readings of the
 * kernel's per-core time counters (`os.cpus()`) `windowMs` apart. The
 * calling thread sleeps in between, so its own work is not counted; work of
 * other threads of this process is. Blocks for `windowMs`.
 */
export function idleCores(options: IdleCoresOptions = {}): number {
  const windowMs = options.windowMs ?? 200;
  if (!(Number.isFinite(windowMs) && windowMs > 0))
    throw new XsnnError(`idleCores: windowMs must be a positive number, got ${windowMs}`, { field: 'windowMs', expected: 'a positive number of milliseconds' });
  const before = cpus();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, windowMs);
  const after = cpus();
  let idle = 0;
  for (let c = 0; c < Math.min(before.length, after.length); c++) {
    const a = before[c]!.times;
    const b = after[c]!.times;
    const total = b.user + b.nice + b.sys + b.idle + b.irq - (a.user + a.nice + a.sys + a.idle + a.irq);
    // a core whose counters did not move in the window (coarse clock) counts as idle
    idle += total > 0 ? (b.idle - a.idle) / total : 1;
  }
  return idle;
}
