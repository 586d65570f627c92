import { z } from 'zod';

const finite = z.number().refine(Number.isFinite, { message: 'must be a finite number' });
const nonNegative = finite.refine((v) => v >= 0, { message: 'must be >= 0' });
const count = z.number().int().nonnegative();
const hash = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest');

/**
 * One term of the explanation every result carries: a number the result was
 * computed from, its unit, the formula that produced it and where its inputs come
 * from (a preset field and its citation, or a simulation count). Reports list
 * these in their methods section.
 */
export const ExplainTermSchema = z.strictObject({
  /** Short identifier, e.g. `E_array` or `read.voltage`. */
  name: z.string().min(1),
  value: finite,
  /** Unit of `value` (SI, e.g. `J`, `m^2`, `V`; `1` for a plain count or ratio). */
  unit: z.string(),
  /** The equation, e.g. `V_read^2 · ΣG · t_read · reads`, or `preset value`. */
  formula: z.string(),
  /** Where it comes from: preset file and citation, or `simulation count`. */
  source: z.string(),
});
/** See {@link ExplainTermSchema}. */
export type ExplainTerm = z.infer<typeof ExplainTermSchema>;

/** Energy per inference split as in hardware.md (J). */
export const EnergyBreakdownSchema = z.strictObject({
  array: nonNegative,
  periphery: nonNegative,
  drivers: nonNegative,
  accumulation: nonNegative,
  routing: nonNegative,
  leakage: nonNegative,
  writes: nonNegative,
});
/** See {@link EnergyBreakdownSchema}. */
export type EnergyBreakdownJ = z.infer<typeof EnergyBreakdownSchema>;

/** Chip area split as in hardware.md (m²). */
export const AreaBreakdownSchema = z.strictObject({
  array: nonNegative,
  adcOrNeuron: nonNegative,
  drivers: nonNegative,
  accumulation: nonNegative,
  interconnect: nonNegative,
  other: nonNegative,
});
/** See {@link AreaBreakdownSchema}. */
export type AreaBreakdownM2 = z.infer<typeof AreaBreakdownSchema>;

/** Latency per inference split by stage (s); `overlapOrIdle` is ≤ 0 for a pipeline's overlap, ≥ 0 for realtime idle time. */
export const LatencyBreakdownSchema = z.strictObject({
  rowDrive: nonNegative,
  sensing: nonNegative,
  partialSums: nonNegative,
  neurons: nonNegative,
  inhibition: nonNegative,
  overlapOrIdle: finite,
});
/** See {@link LatencyBreakdownSchema}. */
export type LatencyBreakdownS = z.infer<typeof LatencyBreakdownSchema>;

/**
 * Time figures of a result (docs/timing.md): the operating mode they assume, latency
 * per inference with its stages, throughput, energy-delay product, synaptic
 * operations and energy per synaptic operation, and the one-time programming cost.
 */
export const TimingFiguresSchema = z.strictObject({
  mode: z.enum(['accelerated', 'realtime']),
  pipelined: z.boolean(),
  latencyPerInferenceS: nonNegative,
  latencyBreakdownS: LatencyBreakdownSchema,
  throughputPerS: nonNegative,
  edpJs: nonNegative,
  sopsPerInference: nonNegative,
  energyPerSopJ: nonNegative,
  programmingEnergyJ: nonNegative,
  programmingTimeS: nonNegative,
});
/** See {@link TimingFiguresSchema}. */
export type TimingFigures = z.infer<typeof TimingFiguresSchema>;

/** Components of {@link LatencyBreakdownS}, in display order. */
export const LATENCY_COMPONENTS = ['rowDrive', 'sensing', 'partialSums', 'neurons', 'inhibition', 'overlapOrIdle'] as const;

/** Components of {@link EnergyBreakdownJ}, in display order. */
export const ENERGY_COMPONENTS = ['array', 'periphery', 'drivers', 'accumulation', 'routing', 'leakage', 'writes'] as const;
/** Components of {@link AreaBreakdownM2}, in display order. */
export const AREA_COMPONENTS = ['array', 'adcOrNeuron', 'drivers', 'accumulation', 'interconnect', 'other'] as const;

/**
 * The result of co-simulating one sweep point: what `xsnn simulate --json` prints
 * and what a sweep appends, one per line, to `results.jsonl`.
 *
 * Totals equal the sums of their breakdowns (checked here, to 1e-9 relative):
 * `energyPerInferenceJ = Σ energyBreakdownJ`, `areaM2 = Σ areaBreakdownM2`.
 */
export const ResultRecordSchema = z
  .strictObject({
    network: z.strictObject({
      /** Checkpoint name in the sweep definition (e.g. `dense`, `sparse`). */
      name: z.string().min(1),
      checkpointHash: hash,
      /** Synapses kept (non-zero weights) after pruning. */
      synapses: count,
      /** Fraction of the dense synapses pruned away, in [0, 1]. */
      prunedFraction: z.number().min(0).max(1),
      /** Quantization levels of the weights (0 = not quantized). */
      levels: count,
    }),
    crossbar: z.strictObject({
      rows: z.number().int().positive(),
      cols: z.number().int().positive(),
      /** Periphery preset name. */
      periphery: z.string().min(1),
    }),
    device: z.strictObject({
      name: z.string().min(1),
      presetHash: hash,
    }),
    /** Device-to-device variation σ as a fraction of the conductance range. */
    variationSigma: z.number().min(0),
    /** Monte Carlo samples (device draws) the accuracy statistics come from. */
    samples: z.number().int().positive(),
    seed: z.number().int(),
    /** Test images each sample was evaluated on. */
    testImages: z.number().int().positive(),
    /** Test images (the first ones) whose hardware events were counted in each sample: energy per inference is their mean. */
    energyImages: z.number().int().positive(),
    /** Where the neuron labels came from: a label pass through each sample's hardware, or the trained network's own. */
    labels: z.enum(['hardware', 'network']),
    /** Classification accuracy in [0, 1] over the samples. */
    accuracy: z.strictObject({ mean: z.number().min(0).max(1), std: z.number().min(0) }),
    energyPerInferenceJ: nonNegative,
    energyBreakdownJ: EnergyBreakdownSchema,
    areaM2: nonNegative,
    areaBreakdownM2: AreaBreakdownSchema,
    /** Tiles used by the mapper. */
    tiles: count,
    /** Tiles of naive blocking (every R×C block of the weight matrix holding a synapse). */
    naiveTiles: count,
    /** Lower bound on tiles: ⌈synapses / (R·C)⌉ or a tighter bound from the mapper. */
    lowerBound: count,
    /** Latency, throughput, EDP, SOPs and pJ/SOP in the stated mode (absent in records written before the timing model). */
    timing: TimingFiguresSchema.optional(),
    explain: z.array(ExplainTermSchema),
  })
  .superRefine((r, ctx) => {
    const sum = (o: Record<string, number>): number => Object.values(o).reduce((a, b) => a + b, 0);
    const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300);
    if (!close(sum(r.energyBreakdownJ), r.energyPerInferenceJ)) {
      ctx.addIssue({ code: 'custom', path: ['energyPerInferenceJ'], message: `must equal the sum of energyBreakdownJ (${sum(r.energyBreakdownJ)})` });
    }
    if (!close(sum(r.areaBreakdownM2), r.areaM2)) {
      ctx.addIssue({ code: 'custom', path: ['areaM2'], message: `must equal the sum of areaBreakdownM2 (${sum(r.areaBreakdownM2)})` });
    }
    if (r.timing !== undefined && !close(sum(r.timing.latencyBreakdownS), r.timing.latencyPerInferenceS)) {
      ctx.addIssue({
        code: 'custom',
        path: ['timing', 'latencyPerInferenceS'],
        message: `must equal the sum of latencyBreakdownS (${sum(r.timing.latencyBreakdownS)})`,
      });
    }
    if (r.lowerBound > r.tiles) ctx.addIssue({ code: 'custom', path: ['lowerBound'], message: `must be <= tiles (${r.tiles})` });
  });
/** See {@link ResultRecordSchema}. */
export type ResultRecord = z.infer<typeof ResultRecordSchema>;
