import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { idleCores } from '../../src/core/idleCores.js';

describe('idleCores', () => {
  it('lies between 0 and the number of cores', () => {
    const idle = idleCores({ windowMs: 50 });
    expect(idle).toBeGreaterThanOrEqual(0);
    expect(idle).toBeLessThanOrEqual(availableParallelism() + 1e-9);
  });

  it('counts a core that another thread keeps busy as not idle', async () => {
    // the worker spins for 1.5 s; other load on the machine can only lower the idle count further
    const spinner = new Worker('const t = Date.now(); while (Date.now() - t < 1500) {}', { eval: true });
    await new Promise((resolve) => spinner.once('online', resolve));
    const idle = idleCores({ windowMs: 400 });
    await new Promise((resolve) => spinner.once('exit', resolve));
    expect(idle).toBeLessThanOrEqual(availableParallelism() - 0.6);
  });

  it('refuses a window that is not a positive number', () => {
    expect(() => idleCores({ windowMs: 0 })).toThrow(/idleCores: windowMs must be a positive number, got 0/);
    expect(() => idleCores({ windowMs: Number.NaN })).toThrow(/windowMs/);
  });
});
