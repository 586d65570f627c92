import { describe, expect, it } from 'vitest';
import { chooseTrainThreads, defaultTrainThreads, MIN_NEURONS_PER_TRAIN_THREAD } from '../../src/snn/trainThreads.js';

describe('defaultTrainThreads', () => {
  it('gives every core of a quiet machine to a large network', () => {
    expect(defaultTrainThreads(6400, { cores: 2 })).toBe(2);
    expect(defaultTrainThreads(6400, { cores: 8, idleCores: 8 })).toBe(8);
  });

  it('gives each thread at least MIN_NEURONS_PER_TRAIN_THREAD neurons', () => {
    expect(defaultTrainThreads(2 * MIN_NEURONS_PER_TRAIN_THREAD - 1, { cores: 8 })).toBe(1);
    expect(defaultTrainThreads(3 * MIN_NEURONS_PER_TRAIN_THREAD, { cores: 8 })).toBe(3);
    expect(defaultTrainThreads(10, { cores: 8 })).toBe(1);
  });

  it('leaves out the cores other work keeps busy, rounding to the nearest core', () => {
    expect(defaultTrainThreads(6400, { cores: 2, idleCores: 1.0 })).toBe(1);
    expect(defaultTrainThreads(6400, { cores: 2, idleCores: 1.6 })).toBe(2);
    expect(defaultTrainThreads(6400, { cores: 8, idleCores: 5.4 })).toBe(5);
  });

  it('never gives fewer than one thread', () => {
    expect(defaultTrainThreads(6400, { cores: 2, idleCores: 0 })).toBe(1);
  });
});

describe('chooseTrainThreads', () => {
  it('does not measure the load for a network one thread is enough for', () => {
    const c = chooseTrainThreads(MIN_NEURONS_PER_TRAIN_THREAD);
    expect(c).toMatchObject({ threads: 1, quietThreads: 1, idleCores: null });
  });

  it('picks between one thread and the quiet-machine count from the measured idle cores', () => {
    const c = chooseTrainThreads(6400);
    expect(c.threads).toBe(defaultTrainThreads(6400, { cores: c.cores, idleCores: c.idleCores ?? c.cores }));
    expect(c.threads).toBeLessThanOrEqual(c.quietThreads);
  });
});
