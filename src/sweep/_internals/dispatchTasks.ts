/**
 * Runs `tasks` with at most `slots` at a time. Each free slot takes, of the
 * tasks waiting, the one sharing the fewest `names` (of shared work) with the
 * tasks running, the first in order on a tie: work another slot is computing is
 * then waited for in the cache rather than computed twice. Resolves when every
 * task has settled; `run` is expected to report its own failures.
 */
export async function dispatchTasks<T>(
  tasks: ReadonlyArray<T>,
  slots: number,
  run: (task: T) => Promise<void>,
  names: (task: T) => ReadonlyArray<string>,
): Promise<void> {
  const taskNames = tasks.map((t) => new Set(names(t)));
  const running = new Map<string, number>();
  const waiting = tasks.map((_, k) => k);
  const clashes = (k: number): number => {
    let n = 0;
    for (const name of taskNames[k]!) if ((running.get(name) ?? 0) > 0) n++;
    return n;
  };
  const take = (): number => {
    let best = 0;
    let fewest = clashes(waiting[0]!);
    for (let q = 1; q < waiting.length && fewest > 0; q++) {
      const c = clashes(waiting[q]!);
      if (c < fewest) {
        best = q;
        fewest = c;
      }
    }
    return waiting.splice(best, 1)[0]!;
  };
  const slot = async (): Promise<void> => {
    while (waiting.length > 0) {
      const k = take();
      for (const name of taskNames[k]!) running.set(name, (running.get(name) ?? 0) + 1);
      try {
        await run(tasks[k]!);
      } finally {
        for (const name of taskNames[k]!) running.set(name, running.get(name)! - 1);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, slots) }, slot));
}
