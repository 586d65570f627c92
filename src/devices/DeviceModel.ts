import type { DeviceConfig } from './DeviceSchema.js';

/**
 * A resolved device model: every quantity in SI units, names carrying the unit.
 * Built by {@link loadDevice} from a preset (or {@link deviceFromConfig} from a
 * validated config object). Immutable; safe to share between tiles and workers.
 *
 * Weight ↔ conductance convention (non-negative Diehl & Cook weights): w ∈ [0, w_max]
 * maps linearly onto [G_min, G_max]; a reference column carrying G_min per row
 * cancels the baseline (see `conductanceToWeight`).
 */
export interface DeviceModel {
  /** Preset name (file name without `.yaml`), or `inline`. */
  readonly name: string;
  /** Human-readable name from the preset. */
  readonly title: string;
  /** The preset file, when loaded from one. */
  readonly file: string | undefined;
  /** Citation of the figures. */
  readonly source: string;
  readonly notes: string | undefined;
  /** Technology node (feature size F) in metres. */
  readonly nodeM: number;
  /** Minimum conductance (HRS) in siemens. */
  readonly gMinS: number;
  /** Maximum conductance (LRS) in siemens. */
  readonly gMaxS: number;
  /** Number of programmable levels; `Infinity` for a continuous (ideal analog) cell. */
  readonly levelCount: number;
  /** Explicit ascending level list in S when the preset gave one (else levels are computed). */
  readonly levelListS: ReadonlyArray<number> | undefined;
  /** NeuroSim write-nonlinearity A (0 = linear, evenly spaced levels). */
  readonly writeNonlinearity: number;
  readonly deviceToDevice: { readonly distribution: 'gaussian' | 'lognormal'; readonly sigma: number };
  /** σ of the per-write cycle-to-cycle programming error, fraction of G_max − G_min. */
  readonly writeCycleToCycleSigma: number;
  /** σ of the per-read noise, fraction of G_max − G_min. */
  readonly readNoiseSigma: number;
  readonly stuckAtHrsRate: number;
  readonly stuckAtLrsRate: number;
  readonly readVoltageV: number;
  readonly readPulseS: number;
  readonly writeVoltageV: number;
  readonly writePulseS: number;
  readonly pulsesPerLevel: number;
  readonly cellType: '0T1R' | '1T1R' | 'SRAM';
  /** Cell area in F². */
  readonly cellAreaF2: number;
  /** Cell area in m² (cellAreaF2 · nodeM²). */
  readonly cellAreaM2: number;
  readonly cellTransistors: number;
  readonly prunedPositions: 'unformed' | 'gmin';
}

/**
 * Turns a validated {@link DeviceConfig} into a {@link DeviceModel}:
 * G_max = 1/R_on, G_min = G_max / (on/off ratio) when the ratio form is used.
 */
export function deviceFromConfig(config: DeviceConfig, meta: { name?: string; file?: string } = {}): DeviceModel {
  const c = config.conductance;
  const gMaxS = c.gMax ?? 1 / c.rOn!;
  const gMinS = c.gMin ?? gMaxS / c.onOffRatio!;
  const levels = config.levels;
  const levelListS = Array.isArray(levels) ? Object.freeze([...levels]) : undefined;
  const levelCount = levels === 'continuous' ? Number.POSITIVE_INFINITY : Array.isArray(levels) ? levels.length : levels;
  return Object.freeze({
    name: meta.name ?? 'inline',
    title: config.name,
    file: meta.file,
    source: config.source,
    notes: config.notes,
    nodeM: config.node,
    gMinS,
    gMaxS,
    levelCount,
    levelListS,
    writeNonlinearity: config.writeNonlinearity ?? 0,
    deviceToDevice: Object.freeze({ ...config.variation.deviceToDevice }),
    writeCycleToCycleSigma: config.variation.writeCycleToCycle,
    readNoiseSigma: config.variation.readNoise,
    stuckAtHrsRate: config.faults.stuckAtHrs,
    stuckAtLrsRate: config.faults.stuckAtLrs,
    readVoltageV: config.read.voltage,
    readPulseS: config.read.pulse,
    writeVoltageV: config.write.voltage,
    writePulseS: config.write.pulse,
    pulsesPerLevel: config.write.pulsesPerLevel,
    cellType: config.cell.type,
    cellAreaF2: config.cell.area,
    cellAreaM2: config.cell.area * config.node * config.node,
    cellTransistors: config.cell.transistors,
    prunedPositions: config.prunedPositions,
  });
}
