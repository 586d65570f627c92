/**
 * How the partitions of one network (neurons split over threads, see
 * {@link SnnNetwork}) meet: every partition posts the same sequence of rounds;
 * `sum(round)` returns the total of the values all partitions posted in that
 * round (waiting for the others). A partition may post the next round before
 * summing the previous one (at most one round ahead). It is the
 * only coupling of a time step (the number of I spikes, for I→E inhibition) and
 * of a presentation (the E spike total, for the retry rule).
 */
export interface StepExchange {
  /** Posts this partition's value of the next round; returns the round's number. */
  post(value: number): number;
  /** Waits until every partition has posted round `round` (the latest or the one before); returns the sum of their values. */
  sum(round: number): number;
}
