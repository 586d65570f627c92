import type { Checkpoint } from '../snn/Checkpoint.js';
import { loadCheckpoint } from '../snn/Checkpoint.js';
import { areaInputFromMapping } from '../energy/areaInputFromMapping.js';
import { areaOf } from '../energy/areaOf.js';
import { mapWeights } from '../mapping/mapWeights.js';
import { cosimMatrix, mappedRowDelaySum, mapsDelayRows } from './delayExpandedCsr.js';
import { simulate, type SimulateOptions, type SimulationResult } from './simulate.js';

/** Options of {@link compareNetworks}: the co-simulation options shared by both networks. */
export interface CompareNetworksOptions extends Omit<SimulateOptions, 'checkpoint' | 'mapping' | 'keepResponses' | 'onProgress'> {
  readonly dense: Checkpoint | string;
  readonly sparse: Checkpoint | string;
  /** Progress of the network being simulated. */
  readonly onProgress?: (which: 'dense' | 'sparse', done: number, total: number) => void;
}

/** One network of a {@link NetworkComparison}. */
export interface ComparedNetwork {
  readonly result: SimulationResult;
  /** Plain R×C blocking of the same (delay-expanded, on delay hardware) matrix on the same crossbar (`naive` algorithm), with the same delay hardware: tiles and area. */
  readonly naive: { readonly tiles: number; readonly areaM2: number };
  /** naive tiles ÷ mapped tiles: how much the mapper saves over naive blocking. */
  readonly packerTileFactor: number;
  /** naive area ÷ mapped area. */
  readonly packerAreaFactor: number;
}

/** What {@link compareNetworks} returns. Factors are dense ÷ sparse (> 1: the sparse network is better). */
export interface NetworkComparison {
  readonly dense: ComparedNetwork;
  readonly sparse: ComparedNetwork;
  readonly synapseReduction: number;
  readonly tileReduction: number;
  readonly areaImprovement: number;
  readonly energyImprovement: number;
  /** Latency per inference dense ÷ sparse (in the shared operating mode). */
  readonly latencyImprovement: number;
  /** Throughput sparse ÷ dense. */
  readonly throughputImprovement: number;
  /** Energy-delay product dense ÷ sparse. */
  readonly edpImprovement: number;
  /** Energy per synaptic operation dense ÷ sparse. */
  readonly energyPerSopImprovement: number;
  /** Per latency stage (per inference): dense ÷ sparse. */
  readonly latencyImprovementByStage: Readonly<Record<string, number>>;
  /** Per category of the area breakdown: dense ÷ sparse (Infinity when the sparse one is 0 and the dense not; NaN when both 0). */
  readonly areaImprovementByCategory: Readonly<Record<string, number>>;
  /** Per category of the energy breakdown (per inference): dense ÷ sparse. */
  readonly energyImprovementByCategory: Readonly<Record<string, number>>;
  /** Accuracy (mean) of dense − sparse, in [−1, 1]. */
  readonly accuracyDrop: number;
}

/**
 * Co-simulates a dense and a compressed (pruned, quantized) network on the
 * same crossbar and device and compares them: synapses, tiles (and naive
 * blocking's), area, energy per inference, accuracy, and the improvement
 * factors dense ÷ sparse overall and per breakdown category. Each network is
 * stored at its own precision (`crossbarForNetwork`), e.g. a dense float
 * network bit-sliced at 8 bits and a 4-level one in one cell per weight.
 */
export async function compareNetworks(o: CompareNetworksOptions): Promise<NetworkComparison> {
  const { dense: d0, sparse: s0, onProgress, ...shared } = o;
  const run = async (which: 'dense' | 'sparse', ref: Checkpoint | string): Promise<ComparedNetwork> => {
    const ck = typeof ref === 'string' ? loadCheckpoint(ref) : ref;
    const result = await simulate({
      ...shared,
      checkpoint: ck,
      ...(onProgress !== undefined ? { onProgress: (d: number, t: number) => onProgress(which, d, t) } : {}),
    });
    const xb = result.crossbar;
    const naiveMap = mapWeights(cosimMatrix(xb, ck), { tileRows: xb.rows, tileCols: xb.logicalCols, splitColumns: xb.splitColumns, algorithm: 'naive' });
    // with the same delay hardware as the mapped design (none without delay rows)
    const delays = mapsDelayRows(xb, ck)
      ? {
          inputs: ck.nInputs,
          maxDelay: ck.maxDelay,
          ...(xb.delays.implementation === 'fifo' ? { delayBufferBits: mappedRowDelaySum(naiveMap, ck.maxDelay) } : {}),
        }
      : {};
    const naiveArea = areaOf({ ...areaInputFromMapping(naiveMap), rows: xb.rows, cols: xb.cols, ...delays }, result.device, xb).totalM2;
    return {
      result,
      naive: { tiles: naiveMap.metrics.tiles, areaM2: naiveArea },
      packerTileFactor: naiveMap.metrics.tiles / Math.max(1, result.mapping.metrics.tiles),
      packerAreaFactor: naiveArea / result.area.totalM2,
    };
  };
  const dense = await run('dense', d0);
  const sparse = await run('sparse', s0);
  const D = dense.result;
  const S = sparse.result;
  const ratio = (a: number, b: number): number => (b === 0 ? (a === 0 ? Number.NaN : Number.POSITIVE_INFINITY) : a / b);
  const perInf = (r: SimulationResult, v: number): number => v / Math.max(1, r.counts.inferences);
  const energyCat: Record<string, number> = {};
  for (const k of Object.keys(D.energy.breakdownJ) as Array<keyof typeof D.energy.breakdownJ>)
    energyCat[k] = ratio(perInf(D, D.energy.breakdownJ[k]), perInf(S, S.energy.breakdownJ[k]));
  const areaCat: Record<string, number> = {};
  for (const k of Object.keys(D.area.breakdownM2) as Array<keyof typeof D.area.breakdownM2>) areaCat[k] = ratio(D.area.breakdownM2[k], S.area.breakdownM2[k]);
  const latCat: Record<string, number> = {};
  for (const k of Object.keys(D.latency.breakdownS) as Array<keyof typeof D.latency.breakdownS>)
    latCat[k] = ratio(perInf(D, D.latency.breakdownS[k]), perInf(S, S.latency.breakdownS[k]));
  return {
    dense,
    sparse,
    latencyImprovement: ratio(D.figures.latencyPerInferenceS, S.figures.latencyPerInferenceS),
    throughputImprovement: ratio(S.figures.throughputPerS, D.figures.throughputPerS),
    edpImprovement: ratio(D.figures.edpJs, S.figures.edpJs),
    energyPerSopImprovement: ratio(D.figures.energyPerSopJ, S.figures.energyPerSopJ),
    latencyImprovementByStage: latCat,
    synapseReduction: ratio(D.network.synapses, S.network.synapses),
    tileReduction: ratio(D.mapping.metrics.tiles, S.mapping.metrics.tiles),
    areaImprovement: ratio(D.area.totalM2, S.area.totalM2),
    energyImprovement: ratio(D.energy.perInferenceJ, S.energy.perInferenceJ),
    areaImprovementByCategory: areaCat,
    energyImprovementByCategory: energyCat,
    accuracyDrop: D.accuracy.mean - S.accuracy.mean,
  };
}
