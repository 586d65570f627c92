import type { Assignment } from '../_internals/Assignment.js';
import { assignmentCost, compareCost, type AssignmentCost } from '../_internals/assignmentCost.js';
import type { MappingProblem } from '../_internals/MappingProblem.js';
import type { CandidateSummary } from '../Mapping.js';
import type { MappingAlgorithm } from '../MappingAlgorithm.js';

/**
 * The packer: runs every rung of the ladder (skipping those that need column
 * splitting when it is off), improves the best with local search, and returns
 * the best candidate by the objective big·K + α·rowReadEnergy + β·traffic
 * (K first). Naive blocking is always a candidate, so K ≤ naive K (with
 * splitting; without, K ≤ the in-order fill).
 */
export function makePacker(
  ladder: readonly MappingAlgorithm[],
  improve: (p: MappingProblem, start: Assignment) => Assignment,
  improveName: string,
): MappingAlgorithm {
  return {
    name: 'packer',
    description: 'runs every algorithm, improves the best by local search, returns the best (never worse than naive)',
    needsSplit: false,
    run(p) {
      const candidates: CandidateSummary[] = [];
      const seconds: number[] = [];
      let best: { a: Assignment; cost: AssignmentCost } | undefined;
      const total = ladder.length + 1;
      for (const alg of ladder) {
        p.options.onProgress?.(candidates.length, total, alg.name);
        if (alg.needsSplit && !p.options.splitColumns) {
          candidates.push({ algorithm: alg.name, tiles: 0, rowReadEnergy: 0, traffic: 0, skipped: 'needs column splitting' });
          seconds.push(0);
          continue;
        }
        const t0 = performance.now();
        const a = alg.run(p).assignment;
        const cost = assignmentCost(p, a, alg.name);
        seconds.push((performance.now() - t0) / 1000);
        candidates.push({ algorithm: alg.name, tiles: cost.tiles, rowReadEnergy: cost.rowReadEnergy, traffic: cost.traffic });
        if (best === undefined || compareCost(cost, best.cost) < 0) best = { a, cost };
      }
      if (best === undefined) throw new Error('packer: no candidate');
      p.options.onProgress?.(candidates.length, total, improveName);
      const t0 = performance.now();
      const improved = improve(p, best.a);
      const cost = assignmentCost(p, improved, improveName);
      seconds.push((performance.now() - t0) / 1000);
      candidates.push({ algorithm: improveName, tiles: cost.tiles, rowReadEnergy: cost.rowReadEnergy, traffic: cost.traffic });
      if (compareCost(cost, best.cost) < 0) best = { a: improved, cost };
      p.options.onProgress?.(total, total, 'done');
      return { assignment: best.a, candidates, candidateSeconds: seconds };
    },
  };
}
