/**
 * A binary max-heap of (gain, row) pairs in two parallel arrays: the largest
 * gain first, ties to the lower row, so the order of pops is fully determined.
 * Entries are not updated in place: callers push again and skip stale pops
 * (lazy re-evaluation).
 */
export class GainHeap {
  private readonly gains: number[] = [];
  private readonly rows: number[] = [];

  /** Number of entries. */
  get length(): number {
    return this.gains.length;
  }

  /** The largest gain (undefined when empty). */
  peekGain(): number | undefined {
    return this.gains[0];
  }

  clear(): void {
    this.gains.length = 0;
    this.rows.length = 0;
  }

  push(gain: number, row: number): void {
    this.gains.push(gain);
    this.rows.push(row);
    for (let i = this.gains.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes the top entry and returns its row; the heap must not be empty. */
  pop(): number {
    const { gains, rows } = this;
    const top = rows[0]!;
    const lastGain = gains.pop()!;
    const lastRow = rows.pop()!;
    if (gains.length > 0) {
      gains[0] = lastGain;
      rows[0] = lastRow;
      this.siftDown(0);
    }
    return top;
  }

  private siftDown(start: number): void {
    const n = this.gains.length;
    for (let i = start; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < n && this.before(l, best)) best = l;
      if (r < n && this.before(r, best)) best = r;
      if (best === i) return;
      this.swap(i, best);
      i = best;
    }
  }

  /** Whether entry i belongs above entry j. */
  private before(i: number, j: number): boolean {
    const { gains, rows } = this;
    return gains[i]! > gains[j]! || (gains[i] === gains[j] && rows[i]! < rows[j]!);
  }

  private swap(i: number, j: number): void {
    const { gains, rows } = this;
    [gains[i], gains[j]] = [gains[j]!, gains[i]!];
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
}
