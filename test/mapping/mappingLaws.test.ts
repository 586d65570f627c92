import { afterAll, describe, it } from 'vitest';
import { mapWeights, mappingAlgorithmNames, mappingAlgorithms } from '../../src/mapping/index.js';
import { mappingLaws, type Mapper } from '../../src/testing/index.js';
import { fcOptions } from '../_support/fc.js';

// Every law of mapping.md applied to every algorithm, with and without column
// splitting. The seed comes from XSNN_FC_SEED (pinned in CI); fast-check prints
// the seed and the counterexample when a law fails.

/** Algorithms that keep K ≤ naive K by construction (the packer includes naive). */
const NEVER_WORSE_THAN_NAIVE = new Set(['naive', 'rowBands', 'columnBands', 'packer']);
/** Algorithms that recover permuted planted blocks exactly. */
const FINDS_PLANTED = new Set(['greedyRowBands', 'greedyColumnBands', 'partitionRowBands', 'partitionColumnBands', 'localSearch', 'packer']);

const gaps: string[] = [];

for (const splitColumns of [true, false]) {
  for (const name of mappingAlgorithmNames) {
    const alg = mappingAlgorithms[name]!;
    if (alg.needsSplit && !splitColumns) continue;
    const mapper: Mapper = (w, o) => mapWeights(w, { ...o, algorithm: name });
    const laws = mappingLaws(mapper, {
      splitColumns,
      neverWorseThanNaive: NEVER_WORSE_THAN_NAIVE.has(name),
      findsPlantedOptimum: FINDS_PLANTED.has(name),
      monotoneInTileSize: name === 'packer',
      log: (line) => gaps.push(`${name}${splitColumns ? '' : ' (no split)'}: ${line}`),
    });
    describe(`${name}${splitColumns ? '' : ' without column splitting'}`, () => {
      for (const law of laws) it(law.name, () => law.check(fcOptions(name === 'packer' ? 100 : 60)));
    });
  }
}

afterAll(() => {
  const tiny = gaps.filter((g) => g.includes('tiny'));
  const withGap = tiny.filter((g) => !g.endsWith('gap 0'));
  const byAlg = new Map<string, number[]>();
  for (const g of tiny) {
    const alg = g.slice(0, g.indexOf(':'));
    const gap = Number(g.slice(g.lastIndexOf(' ') + 1));
    byAlg.set(alg, [...(byAlg.get(alg) ?? []), gap]);
  }
  const lines = [...byAlg].map(([alg, gs]) => `  ${alg}: ${gs.filter((x) => x === 0).length}/${gs.length} tiny cases optimal, max gap ${Math.max(...gs)}`);
  process.stdout.write(`exhaustive optimum vs K on tiny cases (${withGap.length} of ${tiny.length} with a gap):\n${lines.join('\n')}\n`);
});
