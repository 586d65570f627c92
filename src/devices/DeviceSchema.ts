import { z } from 'zod';
import { featureArea, positiveQuantity, citationSchema } from '../config/zodUnits.js';

/** A probability / fraction in [0, 1]. */
const fraction = (what: string) =>
  z
    .number({ error: `expected ${what} as a fraction in [0, 1] (e.g. 0.037 for 3.7%)` })
    .min(0)
    .max(1);

/**
 * The conductance range, either as the on-state resistance and the on/off ratio
 * (`rOn`, `onOffRatio`, as in NeuroSim's device tables) or as the two
 * conductances (`gMin`, `gMax`). Exactly one of the two forms must be complete.
 */
const ConductanceSchema = z
  .strictObject({
    /** On-state (low-resistance state, LRS) resistance: G_max = 1 / R_on. */
    rOn: positiveQuantity('resistance').optional(),
    /** R_off / R_on = G_max / G_min (> 1). */
    onOffRatio: z.number().gt(1, 'onOffRatio must be > 1').optional(),
    /** Minimum conductance (high-resistance state, HRS). */
    gMin: positiveQuantity('conductance').optional(),
    /** Maximum conductance (LRS). */
    gMax: positiveQuantity('conductance').optional(),
  })
  .superRefine((c, ctx) => {
    const ratioForm = c.rOn !== undefined || c.onOffRatio !== undefined;
    const gForm = c.gMin !== undefined || c.gMax !== undefined;
    if (ratioForm && gForm) {
      ctx.addIssue({
        code: 'custom',
        message: 'give either rOn + onOffRatio or gMin + gMax, not both (a preset extending a base that uses the other form must use the same form)',
      });
    } else if (ratioForm && (c.rOn === undefined || c.onOffRatio === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'rOn and onOffRatio must be given together' });
    } else if (gForm && (c.gMin === undefined || c.gMax === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'gMin and gMax must be given together' });
    } else if (!ratioForm && !gForm) {
      ctx.addIssue({ code: 'custom', message: 'missing conductance range: give rOn + onOffRatio or gMin + gMax' });
    } else if (gForm && c.gMin! >= c.gMax!) {
      ctx.addIssue({ code: 'custom', message: `gMin (${c.gMin} S) must be below gMax (${c.gMax} S)` });
    }
  });

/**
 * Programmable conductance states: a whole number of evenly spaced levels (≥ 2)
 * between G_min and G_max, the word `continuous` (ideal analog cell), or an
 * explicit ascending list of conductances (e.g. measured states).
 */
/** Most evenly spaced levels a device may declare: 2^24, the finest weight precision (24 bits); checked before any level table is allocated. */
export const MAX_DEVICE_LEVELS = 2 ** 24;

const LevelsSchema = z.union([
  z
    .int('levels must be a whole number ≥ 2, "continuous", or a list of conductances')
    .min(2, 'a device needs at least 2 levels')
    .max(MAX_DEVICE_LEVELS, `a device has at most ${MAX_DEVICE_LEVELS} levels (2^24, 24 bits)`),
  z.literal('continuous'),
  z.array(positiveQuantity('conductance')).min(2, 'a level list needs at least 2 conductances').max(MAX_DEVICE_LEVELS),
]);

/** Device-to-device (programming) variation: a fixed offset per programmed cell. */
const DeviceToDeviceSchema = z.strictObject({
  /** `gaussian`: G = G_t + σ·(G_max−G_min)·z. `lognormal`: G = G_t·exp(s·z − s²/2) with s = σ·(G_max−G_min)/G_t. */
  distribution: z.enum(['gaussian', 'lognormal']),
  /** σ as a fraction of the conductance range G_max − G_min. */
  sigma: fraction('the device-to-device σ'),
});

/**
 * The zod schema of a device preset YAML (`devices/*.yaml`): the single source
 * of truth for the device configuration type. Units are written as strings and
 * converted to SI numbers at parse time; unknown keys are errors.
 */
export const DeviceSchema = z.strictObject({
  /** Human-readable name, e.g. `RRAM TaOx/HfOx (32 nm)`. */
  name: z.string().min(1),
  /** Where the numbers come from (paper, manual table, or "xsnn default" with reasoning). */
  source: citationSchema,
  /** Free-text notes: which values are xsnn assumptions and why. */
  notes: z.string().optional(),
  /** Technology node (feature size F), e.g. `"32 nm"`; cell area = cellAreaF2 · F². */
  node: positiveQuantity('length'),
  conductance: ConductanceSchema,
  levels: LevelsSchema,
  /**
   * Write (weight-update) nonlinearity A of NeuroSim's model
   * G(p) = B·(1 − e^(−p/A)) + G_min, p ∈ [0, 1] the normalised pulse count and
   * B = (G_max − G_min)/(1 − e^(−1/A)). Omitted or 0: linear (evenly spaced levels).
   * Reachable levels are then G(k/(L−1)), k = 0…L−1.
   */
  writeNonlinearity: z.number().min(0).optional(),
  variation: z.strictObject({
    deviceToDevice: DeviceToDeviceSchema,
    /** σ of a per-write cycle-to-cycle programming error, fraction of the range (NeuroSim's "C-to-C variation"). */
    writeCycleToCycle: fraction('the write cycle-to-cycle σ'),
    /** σ of the cycle-to-cycle read noise, fraction of the range, drawn anew at each read. */
    readNoise: fraction('the read-noise σ'),
  }),
  faults: z.strictObject({
    /** Probability that a cell is stuck at the high-resistance state (G_min). */
    stuckAtHrs: fraction('the stuck-at-HRS rate'),
    /** Probability that a cell is stuck at the low-resistance state (G_max). */
    stuckAtLrs: fraction('the stuck-at-LRS rate'),
  }),
  read: z.strictObject({
    voltage: positiveQuantity('voltage'),
    pulse: positiveQuantity('time'),
  }),
  write: z.strictObject({
    voltage: positiveQuantity('voltage'),
    pulse: positiveQuantity('time'),
    /** Identical write pulses needed to move the cell by one level. */
    pulsesPerLevel: z.int().min(1),
  }),
  cell: z.strictObject({
    /** 0T1R: cross-point; 1T1R: access transistor (pseudo-crossbar, also 1T1MTJ and FeFET cells); SRAM: bit cell. */
    type: z.enum(['0T1R', '1T1R', 'SRAM']),
    /** Cell area in squared feature sizes, e.g. `"16 F^2"` for 4F × 4F. */
    area: featureArea(),
    /** Transistors per cell (for SRAM leakage; 0T1R: 0, 1T1R: 1, SRAM 8T: 8). */
    transistors: z.int().min(0),
  }),
  /**
   * Pruned positions of a tile: `unformed` cells never forming a filament carry no
   * current (G = 0); `gmin` cells sit at G_min and draw read current.
   */
  prunedPositions: z.enum(['unformed', 'gmin']),
});

/** A validated device preset, units already in SI (ohm, S, V, s, m). */
export type DeviceConfig = z.output<typeof DeviceSchema>;
