import { z } from 'zod';

const presetName = z.string().min(1, 'expected a preset name or a path to a YAML file');

/**
 * A crossbar size: a number `n` (square n×n) or a string `"R×C"` / `"RxC"`
 * (rows × columns, non-square allowed), each side a whole number in [1, 65536].
 */
export const CrossbarSizeSchema = z.union([z.number(), z.string()]).transform((v, ctx) => {
  let rows: number;
  let cols: number;
  if (typeof v === 'number') {
    rows = v;
    cols = v;
  } else {
    const m = /^\s*(\d+)\s*[x×X*]\s*(\d+)\s*$/.exec(v);
    if (m === null) {
      ctx.addIssue({ code: 'custom', message: `expected a crossbar size like 128 or "64x128" (rows x cols), got ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    rows = Number(m[1]);
    cols = Number(m[2]);
  }
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1 || rows > 65536 || cols > 65536) {
    ctx.addIssue({ code: 'custom', message: `crossbar rows and columns must be whole numbers in [1, 65536], got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return { rows, cols };
});

/** The variation level that stands for each device preset's own σ (its `variation.deviceToDevice.sigma`). */
export const OWN_SIGMA = 'own';

function parseSigma(v: unknown, ctx: z.RefinementCtx, allowOwn: boolean): number | typeof OWN_SIGMA {
  if (allowOwn && typeof v === 'string' && v.trim() === OWN_SIGMA) return OWN_SIGMA;
  let sigma: number;
  if (typeof v === 'number') sigma = v;
  else if (typeof v !== 'string') {
    ctx.addIssue({ code: 'custom', message: `expected a variation σ as a fraction (0.05) or a percentage ("5%"), got ${JSON.stringify(v) ?? String(v)}` });
    return z.NEVER;
  } else {
    const m = /^\s*([0-9]*\.?[0-9]+(?:[eE][+-]?\d+)?)\s*%\s*$/.exec(v);
    if (m === null) {
      const own = allowOwn ? `, or ${OWN_SIGMA} (the device preset's own σ)` : '';
      ctx.addIssue({ code: 'custom', message: `expected a variation σ as a fraction (0.05) or a percentage ("5%")${own}, got ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    sigma = Number(m[1]) / 100;
  }
  if (!Number.isFinite(sigma) || sigma < 0 || sigma > 1) {
    ctx.addIssue({
      code: 'custom',
      message: `variation σ must be in [0, 1] (fraction of the conductance range), got ${typeof v === 'number' ? String(v) : JSON.stringify(v)}`,
    });
    return z.NEVER;
  }
  return sigma;
}

/** A variation level: a fraction of the conductance range (`0.05`) or a percentage string (`"5%"`), in [0, 1]. */
export const VariationSchema = z.unknown().transform((v, ctx) => parseSigma(v, ctx, false) as number);

/**
 * A sweep's variation level: a σ as in {@link VariationSchema}, or {@link OWN_SIGMA}
 * (`own`): each device preset's own σ, unchanged.
 */
export const VariationLevelSchema = z.unknown().transform((v, ctx) => parseSigma(v, ctx, true));
/** See {@link VariationLevelSchema}: a fraction of the conductance range, or `'own'`. */
export type VariationLevel = z.infer<typeof VariationLevelSchema>;

/**
 * One network of a sweep: a named checkpoint, given as a checkpoint folder, or a
 * training recipe (an `snn/` preset) whose checkpoint is `<checkpointRoot>/<recipe>`
 * (trained first by `xsnn report --spec` when missing).
 */
export const SweepNetworkSchema = z
  .strictObject({
    /** Short name shown in reports, e.g. `dense`, `sparse`. */
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'expected a short name of letters, digits, _ . -'),
    /** `dense` (the baseline) or `compressed` (pruned and quantized); the summary compares them. */
    role: z.enum(['dense', 'compressed']),
    /** Training recipe (snn preset name, or a YAML path relative to the definition file that names it). */
    recipe: presetName.optional(),
    /** Checkpoint folder, relative to the definition file that names it. Default `<checkpointRoot>/<recipe>`. */
    checkpoint: z.string().min(1).optional(),
  })
  .refine((n) => n.recipe !== undefined || n.checkpoint !== undefined, { message: 'a network needs a recipe or a checkpoint' });

/** The `report:` section of a sweep definition: the point the summary compares networks at. */
export const ReportReferenceSchema = z.strictObject({
  crossbar: CrossbarSizeSchema.optional(),
  device: presetName.optional(),
  periphery: presetName.optional(),
  variation: VariationSchema.optional(),
});
/** See {@link ReportReferenceSchema}. */
export type ReportReference = z.infer<typeof ReportReferenceSchema>;

/**
 * A sweep definition (`reports/<name>.yaml`): the design space to evaluate. Every
 * combination of network × crossbar size × periphery × device × variation level
 * is one point, evaluated with `samples` Monte Carlo device draws on
 * `images.test` test images.
 */
export const SweepSpecSchema = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().optional(),
    /** Seed of every random draw (device samples, image order). */
    seed: z.number().int(),
    networks: z.array(SweepNetworkSchema).min(1, 'list at least one network'),
    /** Crossbar sizes, e.g. `[32, 64, 128, "64x128"]`. */
    crossbars: z.array(CrossbarSizeSchema).min(1, 'list at least one crossbar size'),
    /** Device presets (`devices/` names, or YAML paths relative to the definition file that names them). */
    devices: z.array(presetName).min(1, 'list at least one device preset'),
    /** Periphery options: crossbar presets (`crossbar/` names, or YAML paths relative to the definition file that names them). */
    periphery: z.array(presetName).min(1, 'list at least one periphery preset'),
    /**
     * Device-to-device variation levels σ: a list (every level at every size), or
     * `{ levels, crossbars }`: the first level at every size, the others only at
     * the listed sizes (the accuracy-versus-variation chart needs one size). A
     * level `own` is each device preset's own σ (`variation.deviceToDevice.sigma`);
     * a number or percentage replaces it. Default (left out): `[own]`.
     */
    variation: z
      .preprocess(
        (v) => (v === undefined ? { levels: [OWN_SIGMA] } : Array.isArray(v) ? { levels: v } : v),
        z.strictObject({
          levels: z.array(VariationLevelSchema).min(1, 'list at least one variation level'),
          crossbars: z.array(CrossbarSizeSchema).min(1).optional(),
        }),
      )
      .transform((v) => ({ levels: v.levels, crossbars: v.crossbars ?? null })),
    /** Monte Carlo samples per point. */
    samples: z.number().int().positive(),
    /**
     * Images used to assign neuron labels and to measure accuracy; `energy`
     * (optional, default `test`): the first test images whose hardware events are
     * counted, energy per inference being their mean (counting every tile size's
     * events costs more than the spikes themselves).
     */
    images: z.strictObject({ label: z.number().int().positive(), test: z.number().int().positive(), energy: z.number().int().positive().optional() }),
    /**
     * Where each point's neuron labels come from (default `hardware`): a label
     * pass through the point's programmed crossbar (on-chip calibration), or
     * `network`: the trained network's own labels, computed once per network and
     * deployed with its weights (`simulate`'s `labels`).
     */
    labels: z.enum(['hardware', 'network']).optional(),
    /** What the report's summary compares (defaults: largest square size ≤ 128, first device and periphery, lowest σ). */
    report: ReportReferenceSchema.optional(),
    source: z.string().optional(),
  })
  .superRefine((s, ctx) => {
    const dup = <T>(items: T[], key: (t: T) => string, path: string, what: string): void => {
      const seen = new Set<string>();
      items.forEach((it, i) => {
        const k = key(it);
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [path, i], message: `duplicate ${what} ${k}` });
        seen.add(k);
      });
    };
    dup(s.networks, (n) => n.name, 'networks', 'network name');
    dup(s.crossbars, (c) => `${c.rows}x${c.cols}`, 'crossbars', 'crossbar size');
    dup(s.devices, (d) => d, 'devices', 'device');
    dup(s.periphery, (p) => p, 'periphery', 'periphery');
    dup(s.variation.levels, (v) => String(v), 'variation', 'variation level');
    if (s.images.energy !== undefined && s.images.energy > s.images.test) {
      ctx.addIssue({ code: 'custom', path: ['images', 'energy'], message: `energy images (${s.images.energy}) cannot exceed test images (${s.images.test})` });
    }
    const sizes = new Set(s.crossbars.map((c) => `${c.rows}x${c.cols}`));
    (s.variation.crossbars ?? []).forEach((c, i) => {
      if (!sizes.has(`${c.rows}x${c.cols}`))
        ctx.addIssue({ code: 'custom', path: ['variation', 'crossbars', i], message: `crossbar size ${c.rows}x${c.cols} is not in crossbars` });
    });
  });

/** A validated sweep definition (sizes as `{rows, cols}`, σ as fractions). */
export type SweepSpec = z.infer<typeof SweepSpecSchema>;
/** One network entry of a {@link SweepSpec}. */
export type SweepNetwork = z.infer<typeof SweepNetworkSchema>;
