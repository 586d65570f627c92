import { crossbarLabel, displayUnit, formatAccuracy, formatFigure, formatSignificant } from '../core/formatFigure.js';
import { explain } from '../energy/explain.js';
import { eventEnergyTerms } from '../energy/eventEnergies.js';
import type { SimulationResult } from './simulate.js';

const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;

/** A human-readable summary of a co-simulation: accuracy, mapping, event counts, energy and area breakdowns. */
export function formatSimulation(r: SimulationResult): string {
  const m = r.mapping.metrics;
  const inf = r.counts.inferences;
  const lines: string[] = [];
  const dev = r.device;
  lines.push(
    `network   ${r.network.recipe}: ${r.network.neurons} neurons, ${r.network.synapses} synapses (${pct(r.network.prunedFraction)} pruned), levels ${r.network.levels ?? 'float'}, w_max ${r.network.wMax.toPrecision(4)}`,
  );
  lines.push(
    `crossbar  ${crossbarLabel(r.crossbar.name, r.crossbar.rows, r.crossbar.cols)}: ${r.crossbar.cellsPerWeight} cell(s)/weight (${r.precision}), ${r.crossbar.logicalCols} neurons/tile, periphery ${r.crossbar.periphery.kind === 'adc' ? `${r.crossbar.periphery.bits}-bit ADC per ${r.crossbar.periphery.columnsPerAdc} columns` : 'IF neuron circuit per column'}`,
  );
  lines.push(
    `device    ${dev.name}: σ_d2d ${dev.deviceToDevice.sigma}, σ_c2c ${dev.writeCycleToCycleSigma}, σ_read ${dev.readNoiseSigma}, stuck-at ${dev.stuckAtHrsRate}/${dev.stuckAtLrsRate}${r.ideal ? ' (ideal: weights exact)' : ''}; drive ${r.driveMode}`,
  );
  lines.push(
    `mapping   ${r.mapping.options.algorithm}: ${m.tiles} tiles (naive blocking ${m.naiveTiles}, lower bound ${m.lowerBound.max}), utilisation ${pct(m.utilisation)}`,
  );
  const accs = r.samples.map((s) => pct(s.accuracy)).join(', ');
  lines.push(
    `accuracy  ${formatAccuracy(r.accuracy.mean, r.accuracy.std, r.samples.length)} over ${r.samples.length} device sample(s) [${accs}]; ${r.testImages} test images, labels from ${r.labelImages} training images (${r.labels === 'network' ? "the network's own labels" : 'through the hardware'})${r.energyImages < r.testImages ? `; events counted on the first ${r.energyImages} test images` : ''}`,
  );
  lines.push(
    `          weight error RMS ${r.samples.map((s) => s.weightErrorRms.toPrecision(3)).join(', ')} (weight units); stuck cells ${r.samples.map((s) => s.stuckAtHrs + s.stuckAtLrs).join(', ')}`,
  );
  lines.push('');
  lines.push(`events per inference (test pass, ${inf} inferences):`);
  const c = r.counts;
  const ev: Array<[string, number]> = [
    ['row activations', c.rowActivations],
    ['programmed cell reads', c.programmedCellReads],
    ['pruned positions read', c.prunedCellReads],
    ['column senses', c.columnSenses],
    ['partial-sum merges', c.partialSumMerges],
    ['neuron updates', c.neuronUpdates],
    ['spikes routed', c.spikesRouted],
  ];
  for (const [k, v] of ev) lines.push(`  ${k.padEnd(24)} ${(v / Math.max(1, inf)).toFixed(1)}`);
  lines.push(`  ${'simulated time'.padEnd(24)} ${((c.simulatedTimeS / Math.max(1, inf)) * 1e3).toFixed(1)} ms`);
  lines.push('');
  const eUnit = displayUnit('J', [r.energy.perInferenceJ]);
  lines.push(`energy per inference ${formatFigure(r.energy.perInferenceJ, 'J', { unit: eUnit })}:`);
  for (const [k, v] of Object.entries(r.energy.breakdownJ)) {
    const per = v / Math.max(1, inf);
    lines.push(`  ${k.padEnd(14)} ${formatFigure(per, 'J', { unit: eUnit })}  ${r.energy.totalJ > 0 ? pct(v / r.energy.totalJ) : '-'}`);
  }
  const f = r.figures;
  lines.push(
    `latency per inference ${formatFigure(f.latencyPerInferenceS, 's')} (${r.latency.mode}${r.latency.pipelined ? ', pipelined' : ''}${r.latency.keepsUp ? '' : '; the hardware cannot keep up with real time'}), throughput ${formatSignificant(f.throughputPerS)} inferences/s:`,
  );
  const lUnit = displayUnit('s', [f.latencyPerInferenceS]);
  for (const [k, v] of Object.entries(r.latency.breakdownS)) lines.push(`  ${k.padEnd(14)} ${formatFigure(v / Math.max(1, inf), 's', { unit: lUnit })}`);
  lines.push(
    `EDP ${formatFigure(f.edpJs, 'J s')}; ${formatSignificant(Math.round(f.sopsPerInference))} synaptic operations per inference, ${formatFigure(f.energyPerSopJ, 'J')}/SOP (context: TrueNorth ≈ 26 pJ per synaptic event, Loihi ≈ 24 pJ/SOP)`,
  );
  lines.push(
    `programming (one-time) ${formatFigure(r.programming.energyJ, 'J')}, ${formatFigure(r.programming.timeS, 's')}; delays: ${r.crossbar.delays.implementation}`,
  );
  const aUnit = displayUnit('m^2', [r.area.totalM2]);
  lines.push(`area ${formatFigure(r.area.totalM2, 'm^2', { unit: aUnit })}:`);
  for (const [k, v] of Object.entries(r.area.breakdownM2) as [string, number][])
    lines.push(`  ${k.padEnd(14)} ${formatFigure(v, 'm^2', { unit: aUnit })}  ${pct(v / r.area.totalM2)}`);
  lines.push(`${r.imagesPerSecond.toFixed(1)} img/s co-simulated on ${r.threads} thread(s), ${r.seconds.toFixed(1)} s`);
  return `${lines.join('\n')}\n`;
}

/**
 * The `--explain` text: the per-event energies, every term of the run's energy
 * sum (they add up to the run total; per inference = total / inferences) and
 * every term of the area sum (they add up to the area), each with its formula,
 * inputs (units, sources) and source.
 */
export function explainSimulation(r: SimulationResult): string {
  const inf = r.counts.inferences;
  const parts = [
    explain(
      { title: `Per-event energies ('${r.device.name}' in '${r.crossbar.name}', ${r.energies.tiles} tiles)`, terms: eventEnergyTerms(r.energies) },
      { depth: 1 },
    ),
    explain(r.energy, { depth: 0 }),
    `energy per inference = total / inferences = ${r.energy.totalJ.toExponential(6)} J / ${inf} = ${r.energy.perInferenceJ.toExponential(6)} J\n`,
    explain({ title: `Time constants ('${r.crossbar.name}')`, terms: r.latency.constants }, { depth: 2 }),
    explain(r.latency, { depth: 0 }),
    `latency per inference = total / inferences = ${r.latency.totalS.toExponential(6)} s / ${inf} = ${r.latency.perInferenceS.toExponential(6)} s (${r.latency.mode})\n`,
    explain({ title: 'Per-inference figures', terms: r.figures.terms }, { depth: 0 }),
    explain({ title: r.programming.title, terms: r.programming.terms }, { depth: 0 }),
    explain(r.area, { depth: 1 }),
  ];
  return parts.join('\n');
}
