import { z } from 'zod';
import { positiveQuantity, citationSchema } from '../config/zodUnits.js';
import { isValidWeightBits, WEIGHT_BITS } from '../devices/weightBits.js';

/**
 * Weight precision to store: `device` (one cell per weight at the device's own
 * levels), a number of bits (`8`, `"8 bits"`), or a number of levels
 * (`"256 levels"`, rounded up to ⌈log2 levels⌉ bits). Output: bits, or
 * `undefined` for `device`.
 */
const WeightPrecisionSchema = z
  .union([z.number(), z.string()], { error: 'expected "device", a number of bits or "<n> levels"' })
  .transform((v, ctx): number | undefined => {
    if (v === 'device') return undefined;
    if (typeof v === 'number') {
      if (isValidWeightBits(v)) return v;
      ctx.addIssue({ code: 'custom', message: `weight precision must be a whole number of bits in ${WEIGHT_BITS.min}..${WEIGHT_BITS.max}, received ${v}` });
      return z.NEVER;
    }
    const m = /^\s*(\d+)\s*(bits?|levels?)\s*$/i.exec(v);
    if (m === null) {
      ctx.addIssue({ code: 'custom', message: `expected "device", a number of bits (8, "8 bits") or "<n> levels", received "${v}"` });
      return z.NEVER;
    }
    const n = Number(m[1]);
    const bits = /^bit/i.test(m[2]!) ? n : Math.ceil(Math.log2(n));
    if (!isValidWeightBits(bits) || (/^level/i.test(m[2]!) && n < 2)) {
      ctx.addIssue({
        code: 'custom',
        message: `weight precision "${v}" is outside ${WEIGHT_BITS.min}..${WEIGHT_BITS.max} bits (2..2^${WEIGHT_BITS.max} levels)`,
      });
      return z.NEVER;
    }
    return bits;
  });

/** Column periphery: an integrate-and-fire circuit per column, or an ADC shared by `columnsPerAdc` columns. */
const PeripherySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    /** Integrate-and-fire neuron circuit per (logical) column (NeuroSim V3.0 ReadCircuit). */
    kind: z.literal('neuron'),
    /** Logical columns sharing one IF circuit through a column mux (area ÷ m, sensing time × m). Default 1. */
    columnsPerCircuit: z.int().min(1).default(1),
  }),
  z.strictObject({
    kind: z.literal('adc'),
    /** ADC resolution in bits. */
    bits: z.int().min(1).max(12),
    /** Columns multiplexed onto one ADC (column-mux ratio). */
    columnsPerAdc: z.int().min(1),
    /** `neurosim-sar`: NeuroSim's SAR ADC model; `isaac`: ISAAC's 8-bit 1.28 GS/s ADC. */
    model: z.enum(['neurosim-sar', 'isaac']).default('neurosim-sar'),
  }),
]);

/**
 * Timing of a tile and of the chip (docs/timing.md). Defaults: DNN+NeuroSim V1.4
 * Param.cpp (clock 1 GHz, β = 1.4), MLP+NeuroSim V3.0 ReadCircuit (IF read = read
 * pulse + one clock), SpikeSim (LIF 26 clocks at 250 MHz); each cited in docs/timing.md.
 */
export const TimingSchema = z.strictObject({
  /** `accelerated`: steps run as fast as the hardware allows (leakage × hardware latency); `realtime`: each step lasts dt. */
  mode: z.enum(['accelerated', 'realtime'], { error: 'expected "accelerated" or "realtime"' }).default('accelerated'),
  /** Chip (tile) clock: row decode/drive, merges and the inhibition broadcast are counted in its cycles. */
  clock: positiveQuantity('frequency').default(1e9),
  /** Clock cycles of row decode + drive per read (xsnn assumption: one cycle, as NeuroSim's synchronous mode rounds every stage up to cycles). */
  rowDriveCycles: z.int().min(0).default(1),
  /** NeuroSim's sensing-cycle calibration factor β applied to the ADC sensing time (DNN+NeuroSim V1.4 Param.cpp beta = 1.4). */
  calibration: z.number().min(1).default(1.4),
  /** Clock cycles per hop of one partial-sum packet over the interconnect (xsnn assumption: one). */
  cyclesPerHop: z.int().min(1).default(1),
  /** Overlap the crossbar stage of step s+1 with the neuron stage of step s (two-stage pipeline). */
  pipelined: z.boolean().default(false),
  /** Realtime mode only: fraction of the idle time whose periphery leakage is power-gated away, in [0, 1]. */
  powerGatedFraction: z.number().min(0).max(1).default(0),
});

/** Digital neuron hardware (conductance-based LIF of the E and I populations). */
export const NeuronsSchema = z.strictObject({
  /** Clock cycles of one LIF update (SpikeSim: 26 cycles per neuron and time step). */
  cyclesPerUpdate: z.int().min(1).default(26),
  /** Clock of the LIF units (SpikeSim: 250 MHz). */
  clock: positiveQuantity('frequency').default(250e6),
  /** Energy of one LIF update, state read and write included (SpikeSim LIF module: 1.274 pJ). */
  updateEnergy: positiveQuantity('energy').default(1.274e-12),
  /** Technology node `updateEnergy` was obtained at (scaled to the tile node). */
  energyNode: positiveQuantity('length').default(65e-9),
  /** Neurons served by one LIF unit, time-multiplexed (xsnn assumption: 8, like NeuroSim's 8:1 column mux). */
  neuronsPerUnit: z.int().min(1).default(8),
  /** Bits of state per neuron: v, g_e, g_i, θ (16 bits each) and an 8-bit refractory counter (xsnn assumption). */
  stateBits: z.int().min(1).default(72),
});

/** How the input→E synaptic delays are realised (docs/timing.md, "Buildable delays"). */
export const DelaysSchema = z.strictObject({
  /**
   * With `sequential` or `fifo` the co-simulation maps the delay-expanded matrix: a physical row per (input, delay group).
   * `sequential`: one spike history per input; the delay groups due at a step are read one after another (read cycles = distinct groups due on the tile);
   * `fifo`: a spike waits in a depth-d FIFO at the driver of each row (i, d) (every due row pulses in one cycle; buffer area and energy);
   * `none`: no delays (networks trained with `network.input.delayMax: 0`).
   */
  implementation: z.enum(['sequential', 'fifo', 'none'], { error: 'expected "sequential", "fifo" or "none"' }).default('sequential'),
});

/**
 * The zod schema of a crossbar spec preset (`crossbar/*.yaml`): one tile of
 * `rows × cols` cells of a device, its weight storage and its periphery.
 */
export const CrossbarSchema = z.strictObject({
  name: z.string().min(1),
  source: citationSchema,
  notes: z.string().optional(),
  /** Device preset (name or path, relative to this file first). */
  device: z.string().min(1),
  /** Word lines (inputs) per tile, any positive integer. */
  rows: z.int('rows must be a whole number').min(1, 'rows must be >= 1'),
  /** Physical bit lines (cell columns) per tile, any positive integer. */
  cols: z.int('cols must be a whole number').min(1, 'cols must be >= 1'),
  /** Technology node of the tile; default: the device's node. The cell area F² is taken at this node. */
  node: positiveQuantity('length').optional(),
  weightPrecision: WeightPrecisionSchema,
  /** `unsigned`: one cell (set) per weight with a G_min reference column; `differential`: a G+/G− pair for signed weights. */
  weightEncoding: z.enum(['unsigned', 'differential']),
  /** Whether a neuron's column may be split over several tiles (partial sums added digitally). */
  splitColumns: z.boolean(),
  periphery: PeripherySchema,
  /** Split (partial-sum) columns served by one digital adder (time-multiplexed). */
  columnsPerAdder: z.int().min(1),
  timing: TimingSchema.default(TimingSchema.parse({})),
  neurons: NeuronsSchema.default(NeuronsSchema.parse({})),
  delays: DelaysSchema.default(DelaysSchema.parse({})),
});

/** A validated crossbar preset (before the device is resolved). */
export type CrossbarConfig = z.output<typeof CrossbarSchema>;
/** Column periphery of a tile. */
export type Periphery = CrossbarConfig['periphery'];
/** Timing of a tile and the chip, SI units. */
export type TimingConfig = z.output<typeof TimingSchema>;
/** Digital neuron hardware, SI units. */
export type NeuronsConfig = z.output<typeof NeuronsSchema>;
/** Delay implementation. */
export type DelaysConfig = z.output<typeof DelaysSchema>;
