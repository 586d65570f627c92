import { crossbarLabel, displayUnit, formatAccuracy, formatFigure, formatPointDifference, formatRatio, formatSignificant } from '../core/formatFigure.js';
import { energyFromCounts } from '../energy/energyFromCounts.js';
import { latencyFromCounts } from '../energy/latencyFromCounts.js';
import type { NetworkComparison } from './compareNetworks.js';
import type { SimulationResult } from './simulate.js';

const fx = (x: number): string => formatRatio(x);
const pct = (x: number): string => `${formatSignificant(100 * x, 3)} %`;
/** Dense and sparse values of one row in one display unit (core/formatFigure). */
const pair = (d: number, s: number, siUnit: string): [string, string] => {
  const unit = displayUnit(siUnit, [d, s]);
  return [formatFigure(d, siUnit, { unit }), formatFigure(s, siUnit, { unit })];
};

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
  const head = ['', `dense (${D.network.recipe})`, `sparse (${S.network.recipe})`, 'dense / sparse'];
  const rows: string[][] = [
    ['synapses', formatSignificant(D.network.synapses), formatSignificant(S.network.synapses), fx(c.synapseReduction)],
    ['weight storage', `${D.crossbar.cellsPerWeight} cell(s)/weight`, `${S.crossbar.cellsPerWeight} cell(s)/weight`, ''],
    ['tiles (mapper)', String(D.mapping.metrics.tiles), String(S.mapping.metrics.tiles), fx(c.tileReduction)],
    ['tiles (naive blocking)', String(c.dense.naive.tiles), String(c.sparse.naive.tiles), fx(c.dense.naive.tiles / Math.max(1, c.sparse.naive.tiles))],
    ['mapper saving (naive / mapped tiles)', fx(c.dense.packerTileFactor), fx(c.sparse.packerTileFactor), ''],
    ['area', ...pair(D.area.totalM2, S.area.totalM2, 'm^2'), fx(c.areaImprovement)],
    ['area with naive blocking', ...pair(c.dense.naive.areaM2, c.sparse.naive.areaM2, 'm^2'), fx(c.dense.naive.areaM2 / c.sparse.naive.areaM2)],
    ['energy / inference', ...pair(D.energy.perInferenceJ, S.energy.perInferenceJ, 'J'), fx(c.energyImprovement)],
    [`latency / inference (${D.latency.mode})`, ...pair(D.figures.latencyPerInferenceS, S.figures.latencyPerInferenceS, 's'), fx(c.latencyImprovement)],
    ['throughput (inferences/s)', formatSignificant(D.figures.throughputPerS), formatSignificant(S.figures.throughputPerS), fx(c.throughputImprovement)],
    ['energy-delay product', ...pair(D.figures.edpJs, S.figures.edpJs, 'J s'), fx(c.edpImprovement)],
    [
      'SOPs / inference',
      formatSignificant(Math.round(D.figures.sopsPerInference)),
      formatSignificant(Math.round(S.figures.sopsPerInference)),
      fx(D.figures.sopsPerInference / S.figures.sopsPerInference),
    ],
    ['energy / SOP', ...pair(D.figures.energyPerSopJ, S.figures.energyPerSopJ, 'J'), fx(c.energyPerSopImprovement)],
    [
      'programming, one-time (energy / time)',
      `${formatFigure(D.programming.energyJ, 'J')} / ${formatFigure(D.programming.timeS, 's')}`,
      `${formatFigure(S.programming.energyJ, 'J')} / ${formatFigure(S.programming.timeS, 's')}`,
      '',
    ],
    [
      'accuracy (last column: sparse − dense)',
      formatAccuracy(D.accuracy.mean, D.accuracy.std, D.samples.length),
      formatAccuracy(S.accuracy.mean, S.accuracy.std, S.samples.length),
      formatPointDifference(-c.accuracyDrop),
    ],
  ];
  const eRows = Object.keys(D.energy.breakdownJ).map((k) => {
    const d = perInf(D, D.energy.breakdownJ[k as keyof typeof D.energy.breakdownJ]);
    const s = perInf(S, S.energy.breakdownJ[k as keyof typeof S.energy.breakdownJ]);
    return [`energy: ${k}`, ...pair(d, s, 'J'), fx(c.energyImprovementByCategory[k]!)];
  });
  const lRows = Object.keys(D.latency.breakdownS).map((k) => {
    const d = perInf(D, D.latency.breakdownS[k as keyof typeof D.latency.breakdownS]);
    const s = perInf(S, S.latency.breakdownS[k as keyof typeof S.latency.breakdownS]);
    return [`latency: ${k}`, ...pair(d, s, 's'), fx(c.latencyImprovementByStage[k]!)];
  });
  const aRows = Object.keys(D.area.breakdownM2).map((k) => [
    `area: ${k}`,
    ...pair(D.area.breakdownM2[k as keyof typeof D.area.breakdownM2], S.area.breakdownM2[k as keyof typeof S.area.breakdownM2], 'm^2'),
    fx(c.areaImprovementByCategory[k]!),
  ]);
  const cRows: string[][] = (
    ['rowActivations', 'programmedCellReads', 'prunedCellReads', 'columnSenses', 'partialSumMerges', 'neuronUpdates', 'spikesRouted'] as const
  ).map((k) => {
    const d = perInf(D, D.counts[k]);
    const s = perInf(S, S.counts[k]);
    return [`events/inference: ${k}`, formatSignificant(Math.round(d)), formatSignificant(Math.round(s)), fx(s > 0 ? d / s : Number.NaN)];
  });
  const notes = [
    `crossbar ${crossbarLabel(D.crossbar.name, D.crossbar.rows, D.crossbar.cols)}, device ${D.device.name}; ${D.testImages} test images, labels from ${D.labelImages} training images, ${D.samples.length} device sample(s).`,
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
  return `same counts in ${d.mode} mode: energy / inference dense ${formatFigure(d.energyPerInferenceJ, 'J')}, sparse ${formatFigure(s.energyPerInferenceJ, 'J')} (${fx(d.energyPerInferenceJ / s.energyPerInferenceJ)}); latency dense ${formatFigure(d.latencyPerInferenceS, 's')}, sparse ${formatFigure(s.latencyPerInferenceS, 's')} (${fx(d.latencyPerInferenceS / s.latencyPerInferenceS)}); leakage share dense ${pct(d.leakageShare)}, sparse ${pct(s.leakageShare)}.`;
}
