import type { StepExchange } from '../StepExchange.js';

const FAIL = 0;
const GEN = 1;
/**
 * Cells between the starts of two partitions' records (128 bytes): each partition writes only its own record,
 * and no two records share a cache line wherever the buffer starts.
 */
const STRIDE = 32;
/** Offsets inside a partition's record: its round counter, its sleeper count, then its four value slots. */
const SEQ = 0;
const SLEEPERS = 1;
const SLOTS = 2;
/** Busy-wait polls before sleeping in Atomics.wait (a step of the other partition usually ends within them). */
const SPIN = 2000;
/** Longest sleep before the failure flag is checked again (ms). */
const NAP_MS = 500;

/**
 * A {@link StepExchange} between threads over one shared Int32Array: each
 * partition p has a record of its own (`STRIDE` cells apart, so that one
 * partition's writes never invalidate the cache line another partition's
 * record is on) with a round counter, four value slots (round r goes to
 * slot r mod 4: partitions drift by at most two rounds, so no slot is reused
 * before it is read) and a count of partitions sleeping on its counter (it calls
 * Atomics.notify only then). A waiting partition polls the counter `SPIN`
 * times, then sleeps in Atomics.wait. Cell 0 is a failure flag (a partition
 * that failed sets it; waiters then call `onFail`); cell 1 a generation
 * counter the leader bumps when it posts new synapses.
 */
export class SharedStepExchange implements StepExchange {
  private round = 0;

  /**
   * @param cells from {@link SharedStepExchange.cells} (shared by every partition).
   * @param me this partition's index, 0 … parts − 1.
   * @param onFail called (and expected to throw) when another partition has failed.
   */
  constructor(
    private readonly cells: Int32Array,
    private readonly me: number,
    private readonly parts: number,
    private readonly onFail: () => never,
  ) {}

  /** The shared cells for `parts` partitions. */
  static cells(parts: number): Int32Array {
    return new Int32Array(new SharedArrayBuffer(4 * STRIDE * (parts + 1)));
  }

  /** Marks the exchange failed and wakes every sleeper. */
  static fail(cells: Int32Array, parts: number): void {
    Atomics.store(cells, FAIL, 1);
    for (let p = 0; p < parts; p++) Atomics.notify(cells, record(p) + SEQ);
  }

  /** The generation counter (synapse layouts published by the leader). */
  static generation(cells: Int32Array): number {
    return Atomics.load(cells, GEN);
  }

  /** Bumps the generation counter (after posting a new layout). */
  static bumpGeneration(cells: Int32Array): void {
    Atomics.add(cells, GEN, 1);
  }

  post(value: number): number {
    const c = this.cells;
    const r = (this.round = (this.round + 1) | 0);
    const mine = record(this.me);
    Atomics.store(c, mine + SLOTS + (r & 3), value);
    Atomics.store(c, mine + SEQ, r);
    if (Atomics.load(c, mine + SLEEPERS) > 0) Atomics.notify(c, mine + SEQ);
    return r;
  }

  sum(r: number): number {
    const c = this.cells;
    const P = this.parts;
    let total = Atomics.load(c, record(this.me) + SLOTS + (r & 3));
    for (let v = 0; v < P; v++) {
      if (v === this.me) continue;
      const theirs = record(v);
      const seq = theirs + SEQ;
      let spins = 0;
      while (((Atomics.load(c, seq) - r) | 0) < 0) {
        if (++spins < SPIN) continue;
        Atomics.add(c, theirs + SLEEPERS, 1);
        const cur = Atomics.load(c, seq);
        if (((cur - r) | 0) < 0 && Atomics.load(c, FAIL) === 0) Atomics.wait(c, seq, cur, NAP_MS);
        Atomics.sub(c, theirs + SLEEPERS, 1);
        if (Atomics.load(c, FAIL) !== 0) this.onFail();
      }
      total += Atomics.load(c, theirs + SLOTS + (r & 3));
    }
    return total;
  }
}

/** The first cell of partition p's record. */
function record(p: number): number {
  return STRIDE * (p + 1);
}
