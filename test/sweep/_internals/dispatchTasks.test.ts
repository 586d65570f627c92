import { describe, expect, it } from 'vitest';
import { dispatchTasks } from '../../../src/sweep/_internals/dispatchTasks.js';

/** Tasks that run until the test finishes them, recording the order in which they start. */
function controlled() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const run = (task: string): Promise<void> =>
    new Promise((resolve) => {
      started.push(task);
      finish.set(task, resolve);
    });
  const end = async (task: string): Promise<void> => {
    finish.get(task)!();
    await settle();
  };
  return { started, run, end };
}

const shared = (task: string): string[] => [task[0]!]; // a1, a2, … share 'a'

/** Lets the slots freed so far take their next tasks. */
async function settle(): Promise<void> {
  for (let k = 0; k < 5; k++) await Promise.resolve();
}

describe('dispatchTasks: shared work is not computed twice at once', () => {
  it('a free slot passes over tasks sharing work with a running one, and takes the first on a tie', async () => {
    const c = controlled();
    const done = dispatchTasks(['a1', 'a2', 'a3', 'b1', 'c1'], 2, c.run, shared);
    await settle();
    expect(c.started).toEqual(['a1', 'b1']);
    await c.end('b1');
    expect(c.started).toEqual(['a1', 'b1', 'c1']); // a2, a3 share 'a' with the running a1
    await c.end('c1');
    expect(c.started).toEqual(['a1', 'b1', 'c1', 'a2']); // only 'a' tasks wait: the first of them
    await c.end('a1');
    await c.end('a2');
    await c.end('a3');
    await done;
    expect(c.started).toEqual(['a1', 'b1', 'c1', 'a2', 'a3']);
  });

  it('without names it runs the tasks in order, slots at a time, and every task exactly once', async () => {
    const c = controlled();
    const tasks = ['t1', 't2', 't3', 't4'];
    const done = dispatchTasks(tasks, 3, c.run, () => []);
    await settle();
    expect(c.started).toEqual(['t1', 't2', 't3']);
    for (const t of tasks) await c.end(t);
    await done;
    expect(c.started).toEqual(tasks);
  });

  it('an error thrown by run ends its slot and rejects the dispatch (the runner reports failures inside run)', async () => {
    const order: string[] = [];
    const run = (t: string): Promise<void> => {
      order.push(t);
      return t === 'a1' ? Promise.reject(new Error('boom')) : Promise.resolve();
    };
    await expect(dispatchTasks(['a1', 'a2'], 1, run, shared)).rejects.toThrow('boom');
    expect(order).toEqual(['a1']);
  });
});
