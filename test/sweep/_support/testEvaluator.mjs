// A deterministic TEST DOUBLE of the co-simulation, for the sweep runner's tests only:
// its numbers are a function of the point key, not a hardware model.
import { createHash } from 'node:crypto';

function unit(key, salt) {
  const h = createHash('sha256').update(`${key}:${salt}`).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

/** Builds a schema-valid record for `point` whose numbers depend only on the point. */
export function recordFor(point, mapping) {
  const u = (s) => unit(point.key, s);
  const energy = {
    array: u('ea') * 1e-9,
    periphery: u('ep') * 1e-9,
    drivers: u('ed') * 1e-10,
    accumulation: u('eacc') * 1e-10,
    routing: u('er') * 1e-11,
    leakage: u('el') * 1e-12,
    writes: 0,
  };
  const area = {
    array: u('aa') * 1e-8,
    adcOrNeuron: u('an') * 1e-8,
    drivers: u('ad') * 1e-9,
    accumulation: u('aacc') * 1e-9,
    interconnect: u('ai') * 1e-9,
    other: 0,
  };
  const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0);
  return {
    network: { name: point.network.name, checkpointHash: point.network.checkpointHash, synapses: mapping.synapses, prunedFraction: 0.5, levels: 16 },
    crossbar: { rows: point.crossbar.rows, cols: point.crossbar.cols, periphery: point.crossbar.periphery.name },
    device: { name: point.device.name, presetHash: point.device.hash },
    variationSigma: point.variationSigma,
    samples: point.samples,
    seed: point.seed,
    testImages: point.images.test,
    energyImages: point.images.energy ?? point.images.test,
    labels: point.labels ?? 'hardware',
    accuracy: { mean: 0.5 + 0.4 * u('acc'), std: 0.01 * u('std') },
    energyPerInferenceJ: sum(energy),
    energyBreakdownJ: energy,
    areaM2: sum(area),
    areaBreakdownM2: area,
    tiles: mapping.tiles,
    naiveTiles: mapping.tiles + 2,
    lowerBound: Math.max(1, mapping.tiles - 1),
    explain: [{ name: 'test', value: u('x'), unit: '1', formula: 'test double', source: 'test' }],
  };
}

/** Fast test evaluator; the "mapping" is shared work computed once per (checkpoint, size). */
export async function evaluatePoint(point, ctx) {
  const size = `${point.network.checkpointHash}:${point.crossbar.rows}x${point.crossbar.cols}`;
  const mapping = await ctx.shared.get(`mapping:${size}`, () => ({ tiles: 1 + Math.floor(unit(size, 't') * 20), synapses: 1000 }));
  return recordFor(point, mapping);
}

/** Slow test evaluator (XSNN_TEST_DELAY_MS per point, default 60 ms), to be killed midway. */
export async function slowEvaluatePoint(point, ctx) {
  await new Promise((r) => setTimeout(r, Number(process.env.XSNN_TEST_DELAY_MS ?? 60)));
  return evaluatePoint(point, ctx);
}

/** An evaluator that fails on points with σ > 0.15, to test failure reporting. */
export async function failingEvaluatePoint(point, ctx) {
  if (point.variationSigma > 0.15) throw new Error('test double refuses this point');
  return evaluatePoint(point, ctx);
}
