import { columnBands, rowBands } from './algorithms/rowBands.js';
import { greedyColumnBands, greedyRowBands } from './algorithms/greedyBandGrowth.js';
import { partitionColumnBands, partitionRowBands } from './algorithms/partitionBands.js';
import { improveByLocalSearch, localSearch } from './algorithms/localSearch.js';
import { makePacker } from './algorithms/packer.js';
import { spectralBands } from './algorithms/spectralBands.js';
import { naiveBlocking } from './algorithms/naiveBlocking.js';
import type { MappingAlgorithm } from './MappingAlgorithm.js';

/** The ladder of mapping.md, in order; every entry is a packer candidate. */
const ladder: readonly MappingAlgorithm[] = [
  naiveBlocking,
  rowBands,
  columnBands,
  greedyRowBands,
  greedyColumnBands,
  spectralBands,
  partitionRowBands,
  partitionColumnBands,
];

const packer = makePacker(ladder, improveByLocalSearch, 'localSearch');

/** Every mapping algorithm by name (`mapWeights(w, { algorithm })`, `xsnn map --algorithm`). */
export const mappingAlgorithms: Readonly<Record<string, MappingAlgorithm>> = Object.freeze(
  Object.fromEntries([...ladder, localSearch, packer].map((a) => [a.name, a])),
);

/** Names of {@link mappingAlgorithms}, packer last. */
export const mappingAlgorithmNames: readonly string[] = Object.freeze([...ladder.map((a) => a.name), localSearch.name, packer.name]);
