import { describe, expect, it } from 'vitest';
import { mappingFromAssignment, mapWeights, type Mapping } from '../../src/mapping/index.js';
import { mappingLaws, type Mapper } from '../../src/testing/index.js';

// The laws must catch broken mappers: each faulty mapper below fails the law
// named, with fast-check's seed and counterexample in the message.

const params = { seed: 4242, numRuns: 60 };

function failures(mapper: Mapper, options: Parameters<typeof mappingLaws>[1] = {}): string[] {
  const failed: string[] = [];
  for (const law of mappingLaws(mapper, options)) {
    try {
      law.check(params);
    } catch (err) {
      expect(String(err)).toMatch(/seed/);
      failed.push(law.name);
    }
  }
  return failed;
}

const perSynapse: Mapper = (w, o) =>
  mappingFromAssignment(
    w,
    Int32Array.from({ length: w.colIdx.length }, (_, k) => k),
    o,
  );

describe('mappingLaws', () => {
  it('a trivially correct mapper (one tile per synapse) passes every law it promises', () => {
    expect(failures(perSynapse)).toEqual([]);
  });

  it('catch a mapper that loses a synapse', () => {
    const lossy: Mapper = (w, o) => {
      const m = perSynapse(w, o);
      return { ...m, tiles: m.tiles.slice(1) };
    };
    expect(failures(lossy)).toEqual(expect.arrayContaining([expect.stringMatching(/^exact cover/), expect.stringMatching(/^function/)]));
  });

  it('catch a mapper that overfills tiles', () => {
    const oneTile: Mapper = (w, o) => mappingFromAssignment(w, new Int32Array(w.colIdx.length), o);
    expect(failures(oneTile)).toEqual(expect.arrayContaining([expect.stringMatching(/^capacity/)]));
  });

  it('catch a mapper that misreports a metric', () => {
    const liar: Mapper = (w, o) => {
      const m = perSynapse(w, o);
      return { ...m, metrics: { ...m.metrics, sumMu: m.metrics.sumMu + 1 } } satisfies Mapping;
    };
    const failed = failures(liar);
    expect(failed).toEqual(expect.arrayContaining([expect.stringMatching(/^metric identities/)]));
    expect(failed.filter((name) => /^(exact cover|capacity|function)/.test(name))).toEqual([]);
  });

  it('catch a nondeterministic mapper', () => {
    let calls = 0;
    const moody: Mapper = (w, o) => mapWeights(w, { ...o, algorithm: calls++ % 2 === 0 ? 'naive' : 'greedyRowBands' });
    expect(failures(moody)).toContain('determinism: the same seed gives a byte-identical mapping (timing aside)');
  });

  it('catch broken promises: worse than naive, planted blocks missed', () => {
    expect(failures(perSynapse, { neverWorseThanNaive: true, findsPlantedOptimum: true })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^sandwich/), expect.stringMatching(/^planted optimum/)]),
    );
  });
});
