import { energyFromCounts } from '../energy/energyFromCounts.js';
import { latencyFromCounts } from '../energy/latencyFromCounts.js';
import type { NetworkComparison } from './compareNetworks.js';
import type { SimulationResult } from './simulate.js';

const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
const fx = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}x` : Number.isNaN(x) ? '-' : 'inf');

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]): string => `| ${r.map((x, c) => (c === 0 ? x.padEnd(w[c]!) : x.padStart(w[c]!))).join(' | ')} |`;
  return [line(head), `|${w.map((n, c) => (c === 0 ? `:${'-'.repeat(n + 1)}` : `${'-'.repeat(n + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * The same run's energy and latency per inference in the other operating mode
 * (the counts do not depend on the mode; only the latency and the leakage time do).
 */
export function inOtherMode(r: SimulationResult): {
  mode: 'accelerated' | 'realtime';
  energyPerInferenceJ: number;
  latencyPerInferenceS: number;
  leakageShare: number;
} {
  const mode = r.latency.mode === 'accelerated' ? 'realtime' : 'accelerated';
  const crossbar = { ...r.crossbar, timing: { ...r.crossbar.timing, mode } } as const;
  const latency = latencyFromCounts({
    activity: r.counts.activity!,
    timing: r.timing,
    crossbar,
    dtS: r.counts.simulatedTimeS / Math.max(1, r.counts.activity!.steps),
    inferences: r.counts.inferences,
  });
  const energy = energyFromCounts(r.counts, r.energies, { latency });
  return {
    mode,
    energyPerInferenceJ: energy.perInferenceJ,
    latencyPerInferenceS: latency.perInferenceS,
    leakageShare: energy.breakdownJ.leakage / energy.totalJ,
  };
}

/** The dense-versus-sparse table (markdown) with the improvement factors, overall and per category. */
export function formatComparison(c: NetworkComparison): string {
  const D = c.dense.result;
  const S = c.sparse.result;
  const perInf = (r: SimulationResult, v: number): number => v / Math.max(1, r.counts.inferences);
  const um2 = (m2: number): string => (m2 / 1e-12).toFixed(0);
  const head = ['', `dense (${D.network.recipe})`, `sparse (${S.network.recipe})`, 'dense / sparse'];
  const rows: string[][] = [
    ['synapses', String(D.network.synapses), String(S.network.synapses), fx(c.synapseReduction)],
    ['weight storage', `${D.crossbar.cellsPerWeight} cell(s)/weight`, `${S.crossbar.cellsPerWeight} cell(s)/weight`, ''],
    ['tiles (mapper)', String(D.mapping.metrics.tiles), String(S.mapping.metrics.tiles), fx(c.tileReduction)],
    ['tiles (naive blocking)', String(c.dense.naive.tiles), String(c.sparse.naive.tiles), fx(c.dense.naive.tiles / Math.max(1, c.sparse.naive.tiles))],
    ['mapper saving (naive / mapped tiles)', fx(c.dense.packerTileFactor), fx(c.sparse.packerTileFactor), ''],
    ['area (um^2)', um2(D.area.totalM2), um2(S.area.totalM2), fx(c.areaImprovement)],
    ['area with naive blocking (um^2)', um2(c.dense.naive.areaM2), um2(c.sparse.naive.areaM2), fx(c.dense.naive.areaM2 / c.sparse.naive.areaM2)],
    ['energy / inference (J)', D.energy.perInferenceJ.toExponential(3), S.energy.perInferenceJ.toExponential(3), fx(c.energyImprovement)],
    [
      `latency / inference (s, ${D.latency.mode})`,
      D.figures.latencyPerInferenceS.toExponential(3),
      S.figures.latencyPerInferenceS.toExponential(3),
      fx(c.latencyImprovement),
    ],
    ['throughput (inferences/s)', D.figures.throughputPerS.toExponential(3), S.figures.throughputPerS.toExponential(3), fx(c.throughputImprovement)],
    ['energy-delay product (J s)', D.figures.edpJs.toExponential(3), S.figures.edpJs.toExponential(3), fx(c.edpImprovement)],
    [
      'SOPs / inference',
      D.figures.sopsPerInference.toFixed(0),
      S.figures.sopsPerInference.toFixed(0),
      fx(D.figures.sopsPerInference / S.figures.sopsPerInference),
    ],
    ['energy / SOP (pJ)', (D.figures.energyPerSopJ * 1e12).toFixed(3), (S.figures.energyPerSopJ * 1e12).toFixed(3), fx(c.energyPerSopImprovement)],
    [
      'programming, one-time (J / s)',
      `${D.programming.energyJ.toExponential(2)} / ${D.programming.timeS.toExponential(2)}`,
      `${S.programming.energyJ.toExponential(2)} / ${S.programming.timeS.toExponential(2)}`,
      '',
    ],
    [
      'accuracy',
      `${pct(D.accuracy.mean)} ± ${pct(D.accuracy.std)}`,
      `${pct(S.accuracy.mean)} ± ${pct(S.accuracy.std)}`,
      `${(100 * c.accuracyDrop).toFixed(2)} pt`,
    ],
  ];
  const eRows = Object.keys(D.energy.breakdownJ).map((k) => {
    const d = perInf(D, D.energy.breakdownJ[k as keyof typeof D.energy.breakdownJ]);
    const s = perInf(S, S.energy.breakdownJ[k as keyof typeof S.energy.breakdownJ]);
    return [`energy: ${k} (J)`, d.toExponential(3), s.toExponential(3), fx(c.energyImprovementByCategory[k]!)];
  });
  const lRows = Object.keys(D.latency.breakdownS).map((k) => {
    const d = perInf(D, D.latency.breakdownS[k as keyof typeof D.latency.breakdownS]);
    const s = perInf(S, S.latency.breakdownS[k as keyof typeof S.latency.breakdownS]);
    return [`latency: ${k} (s)`, d.toExponential(3), s.toExponential(3), fx(c.latencyImprovementByStage[k]!)];
  });
  const aRows = Object.keys(D.area.breakdownM2).map((k) => [
    `area: ${k} (um^2)`,
    um2(D.area.breakdownM2[k as keyof typeof D.area.breakdownM2]),
    um2(S.area.breakdownM2[k as keyof typeof S.area.breakdownM2]),
    fx(c.areaImprovementByCategory[k]!),
  ]);
  const cRows: string[][] = (
    ['rowActivations', 'programmedCellReads', 'prunedCellReads', 'columnSenses', 'partialSumMerges', 'neuronUpdates', 'spikesRouted'] as const
  ).map((k) => {
    const d = perInf(D, D.counts[k]);
    const s = perInf(S, S.counts[k]);
    return [`events/inference: ${k}`, d.toFixed(0), s.toFixed(0), fx(s > 0 ? d / s : Number.NaN)];
  });
  const notes = [
    `crossbar ${D.crossbar.name} (${D.crossbar.rows}x${D.crossbar.cols}), device ${D.device.name}; ${D.testImages} test images, labels from ${D.labelImages} training images, ${D.samples.length} device sample(s).`,
    `dense storage: ${D.precision}. sparse storage: ${S.precision}.`,
    `operating mode: ${D.latency.mode}${D.latency.pipelined ? ' (pipelined)' : ''}; leakage is charged over ${D.latency.mode === 'accelerated' ? 'the hardware latency' : 'the whole presentation (steps · dt)'}; delays: ${D.crossbar.delays.implementation}.`,
    `leakage share of energy: dense ${pct(D.energy.breakdownJ.leakage / D.energy.totalJ)}, sparse ${pct(S.energy.breakdownJ.leakage / S.energy.totalJ)}.`,
    otherModeLine(D, S),
  ];
  return `${table(head, [...rows, ...eRows, ...lRows, ...aRows, ...cRows])}\n\n${notes.join('\n')}\n`;
}

function otherModeLine(D: SimulationResult, S: SimulationResult): string {
  if (D.counts.activity === undefined || S.counts.activity === undefined) return '';
  const d = inOtherMode(D);
  const s = inOtherMode(S);
  return `same counts in ${d.mode} mode: energy / inference dense ${d.energyPerInferenceJ.toExponential(3)} J, sparse ${s.energyPerInferenceJ.toExponential(3)} J (${fx(d.energyPerInferenceJ / s.energyPerInferenceJ)}); latency dense ${d.latencyPerInferenceS.toExponential(3)} s, sparse ${s.latencyPerInferenceS.toExponential(3)} s (${fx(d.latencyPerInferenceS / s.latencyPerInferenceS)}); leakage share dense ${pct(d.leakageShare)}, sparse ${pct(s.leakageShare)}.`;
}
