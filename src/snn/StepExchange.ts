/**
 * How the partitions of one network (neurons split over threads, see
 * {@link SnnNetwork}) meet: every partition calls {@link post} then {@link sum}
 * the same number of times in the same order; `sum` returns the total of the
 * values all partitions posted in that round (waiting for the others). It is the
 * only coupling of a time step (the number of I spikes, for I→E inhibition) and
 * of a presentation (the E spike total, for the retry rule).
 */
export interface StepExchange {
  /** Posts this partition's value of the next round. */
  post(value: number): void;
  /** Waits until every partition has posted the current round; returns the sum of their values. */
  sum(): number;
}
