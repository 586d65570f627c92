import type { Command } from 'commander';
import { createProgress } from '../../core/progress.js';
import { compareNetworks, type NetworkComparison, type ComparedNetwork } from '../../cosim/compareNetworks.js';
import { formatComparison } from '../../cosim/formatComparison.js';
import { explainSimulation } from '../../cosim/formatSimulation.js';
import { printJson } from '../output.js';
import { addCosimOptions, cosimSettings, crossCheckText, type CosimCliOptions } from './simulate.js';

function networkJson(n: ComparedNetwork): Record<string, unknown> {
  const r = n.result;
  const inf = Math.max(1, r.counts.inferences);
  return {
    recipe: r.network.recipe,
    synapses: r.network.synapses,
    prunedFraction: r.network.prunedFraction,
    levels: r.network.levels,
    precision: r.precision,
    cellsPerWeight: r.crossbar.cellsPerWeight,
    tiles: r.mapping.metrics.tiles,
    naiveTiles: n.naive.tiles,
    lowerBound: r.mapping.metrics.lowerBound.max,
    packerTileFactor: n.packerTileFactor,
    areaM2: r.area.totalM2,
    naiveAreaM2: n.naive.areaM2,
    packerAreaFactor: n.packerAreaFactor,
    areaBreakdownM2: r.area.breakdownM2,
    energyPerInferenceJ: r.energy.perInferenceJ,
    energyBreakdownJ: Object.fromEntries(Object.entries(r.energy.breakdownJ).map(([k, v]) => [k, v / inf])),
    eventsPerInference: Object.fromEntries(
      (['rowActivations', 'programmedCellReads', 'prunedCellReads', 'columnSenses', 'partialSumMerges', 'neuronUpdates', 'spikesRouted'] as const).map((k) => [
        k,
        r.counts[k] / inf,
      ]),
    ),
    mode: r.latency.mode,
    latencyPerInferenceS: r.figures.latencyPerInferenceS,
    latencyBreakdownS: Object.fromEntries(Object.entries(r.latency.breakdownS).map(([k, v]) => [k, v / inf])),
    throughputPerS: r.figures.throughputPerS,
    edpJs: r.figures.edpJs,
    sopsPerInference: r.figures.sopsPerInference,
    energyPerSopJ: r.figures.energyPerSopJ,
    programming: { energyJ: r.programming.energyJ, timeS: r.programming.timeS },
    accuracy: r.accuracy,
    accuracySamples: r.samples.map((s) => s.accuracy),
    testImages: r.testImages,
    labelImages: r.labelImages,
  };
}

/** The `--json` object of `xsnn compare`. */
export function comparisonJson(c: NetworkComparison): Record<string, unknown> {
  return {
    crossbar: { name: c.dense.result.crossbar.name, rows: c.dense.result.crossbar.rows, cols: c.dense.result.crossbar.cols },
    device: c.dense.result.device.name,
    dense: networkJson(c.dense),
    sparse: networkJson(c.sparse),
    synapseReduction: c.synapseReduction,
    tileReduction: c.tileReduction,
    areaImprovement: c.areaImprovement,
    energyImprovement: c.energyImprovement,
    mode: c.dense.result.latency.mode,
    latencyImprovement: c.latencyImprovement,
    throughputImprovement: c.throughputImprovement,
    edpImprovement: c.edpImprovement,
    energyPerSopImprovement: c.energyPerSopImprovement,
    areaImprovementByCategory: c.areaImprovementByCategory,
    energyImprovementByCategory: c.energyImprovementByCategory,
    accuracyDrop: c.accuracyDrop,
  };
}

/** `xsnn compare`: dense versus compressed network on the same crossbar and device. */
export function registerCompare(program: Command): void {
  const cmd = program
    .command('compare')
    .description(
      'co-simulate a dense and a compressed network on the same crossbar and device: synapses, tiles, area, energy per inference, accuracy, improvement factors (dense / sparse)',
    )
    .requiredOption('--dense <dir>', 'checkpoint of the dense network')
    .requiredOption('--sparse <dir>', 'checkpoint of the compressed (pruned, quantized) network');
  addCosimOptions(cmd, {
    json: 'print the comparison as JSON: the crossbar, device, both networks (synapses, tiles, area, energy per inference with breakdowns, accuracy) and the improvement factors',
  }).action(async (opts: CosimCliOptions & { dense: string; sparse: string }) => {
    if (opts.weightBits !== undefined) {
      process.stderr.write('xsnn compare: --weight-bits applies to both networks\n');
    }
    let bar: ReturnType<typeof createProgress> | undefined;
    let current = '';
    const c = await compareNetworks({
      dense: opts.dense,
      sparse: opts.sparse,
      crossbar: opts.crossbar,
      ...cosimSettings(opts),
      onProgress: (which, done, total) => {
        if (which !== current) {
          bar?.stop();
          bar = createProgress(total, `${which} {bar} {value}/{total} img | {rate} img/s | eta {eta_formatted}`);
          current = which;
        }
        bar!.update(done);
      },
    });
    bar?.stop();
    if (opts.json === true) {
      printJson(comparisonJson(c));
      return;
    }
    process.stdout.write(formatComparison(c));
    if (opts.explain === true) {
      process.stdout.write(`\n=== dense ===\n${explainSimulation(c.dense.result)}\n=== sparse ===\n${explainSimulation(c.sparse.result)}\n${crossCheckText()}`);
    }
  });
}
