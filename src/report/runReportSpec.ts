import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { XsnnError } from '../config/XsnnError.js';
import type { EvaluatorRef, PointEvaluator } from '../sweep/PointEvaluator.js';
import { checkpointPathOf, networksDir, resolveSweep, type ResolvedNetwork } from '../sweep/resolveSweep.js';
import { loadSweepSpec, pathInSpec, type LoadedSweepSpec } from '../sweep/loadSweepSpec.js';
import { runSweep, type SweepRunSummary } from '../sweep/runSweep.js';
import type { SweepSpec } from '../sweep/SweepSpec.js';
import type { PresetRef } from '../sweep/SweepPoint.js';
import { writeFigureInputs, type ReceptiveFieldsInput, type TileOccupancyInput } from './FigureInputs.js';
import { writeReport, type WrittenReport } from './writeReport.js';

/** Trains the checkpoint of a recipe into `checkpointDir` (which must not exist yet). */
export type RecipeTrainer = (options: { readonly recipe: string; readonly checkpointDir: string; readonly network: string }) => Promise<void>;

/** Where the report's pictures come from (each optional: a missing one is noted in the PDF). */
export interface FigureSources {
  /** Learned weights of a network, for the receptive-field grid. */
  readonly receptiveFields?: (network: ResolvedNetwork) => Promise<ReceptiveFieldsInput | null>;
  /** One mapping of a network on `rows × cols` tiles, for the occupancy picture. */
  readonly tileOccupancy?: (network: ResolvedNetwork, at: OccupancyTarget) => Promise<TileOccupancyInput | null>;
}

/** The crossbar the occupancy picture maps a network on: the summary's tile size, periphery and device presets. */
export interface OccupancyTarget {
  readonly rows: number;
  readonly cols: number;
  /** The crossbar (periphery) preset the summary shows: how the network is stored and whether delays take rows of their own. */
  readonly periphery?: PresetRef;
  /** The device preset the summary shows. */
  readonly device?: PresetRef;
}

/** Options of {@link runReportSpec}. */
export interface RunReportSpecOptions {
  /** Sweep definition (`reports/` name or YAML path), or one already loaded (e.g. `retrainSpec`'s). */
  readonly spec: string | LoadedSweepSpec;
  /** PDF to write (CSV and JSON next to it). */
  readonly out: string;
  /** Sweep results folder (default `out/sweeps/<spec name>`); reused, so a rerun evaluates only missing points. */
  readonly resultsDir?: string;
  /** Folder of checkpoints trained from recipes (default `out/ckpt`). */
  readonly checkpointRoot?: string;
  readonly evaluator: EvaluatorRef | PointEvaluator;
  /** Trains missing checkpoints; without one, a missing checkpoint is an error. */
  readonly trainer?: RecipeTrainer;
  readonly figures?: FigureSources;
  /** Worker threads of the sweep (default: cores). */
  readonly workers?: number;
  /** Report date (ISO 8601; default: when the last point finished). */
  readonly date?: string;
  /** Progress messages (default: none). */
  readonly log?: (message: string) => void;
}

/** What {@link runReportSpec} did. */
export interface ReportSpecRun {
  readonly trained: ReadonlyArray<string>;
  readonly sweep: SweepRunSummary;
  readonly report: WrittenReport;
  readonly resultsDir: string;
}

/** The crossbar size the summary and the occupancy picture use: `report.crossbar`, else the largest square ≤ 128, else the first. */
export function referenceSize(spec: SweepSpec): { rows: number; cols: number } {
  if (spec.report?.crossbar !== undefined) return spec.report.crossbar;
  const squares = spec.crossbars.filter((c) => c.rows === c.cols && c.rows <= 128).sort((a, b) => a.rows - b.rows);
  return squares[squares.length - 1] ?? spec.crossbars[0]!;
}

/**
 * The whole pipeline from a sweep definition: trains each network whose
 * checkpoint is missing (from its recipe), runs the sweep (resuming an
 * interrupted one), saves the figure inputs (receptive fields of each network,
 * the occupancy of the compressed network's mapping at the reference size) and
 * writes the report. Evaluator, trainer and figure sources are injected.
 */
export async function runReportSpec(options: RunReportSpecOptions): Promise<ReportSpecRun> {
  const log = options.log ?? (() => {});
  const loaded = typeof options.spec === 'string' ? loadSweepSpec(options.spec) : options.spec;
  const { spec } = loaded;
  const checkpointRoot = options.checkpointRoot ?? 'out/ckpt';
  const trained: string[] = [];
  for (const [i, net] of spec.networks.entries()) {
    const dir = checkpointPathOf(net, { checkpointRoot, baseDir: networksDir(loaded) });
    if (existsSync(dir)) continue;
    if (net.recipe === undefined || options.trainer === undefined) {
      throw new XsnnError(
        `network '${net.name}': no checkpoint at ${dir}${net.recipe === undefined ? ' and no recipe to train it from' : ' and no trainer available'}`,
        { file: loaded.file, field: `networks.${i}` },
      );
    }
    const recipe = pathInSpec(loaded, 'networks', net.recipe);
    log(`training ${net.name} from recipe ${net.recipe} → ${dir}`);
    await options.trainer({ recipe, checkpointDir: dir, network: net.name });
    if (!existsSync(dir)) throw new XsnnError(`runReportSpec: the trainer did not write a checkpoint for '${net.name}'`, { file: dir });
    trained.push(net.name);
  }
  const resolved = resolveSweep(loaded, { checkpointRoot });
  const resultsDir = options.resultsDir ?? join('out', 'sweeps', spec.name);
  log(`sweeping ${spec.name} → ${resultsDir}`);
  const sweep = await runSweep({
    spec: resolved,
    outDir: resultsDir,
    evaluator: options.evaluator,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
  });
  const rfs: ReceptiveFieldsInput[] = [];
  const occ: TileOccupancyInput[] = [];
  const size = referenceSize(spec);
  for (const net of resolved.networks) {
    const rf = (await options.figures?.receptiveFields?.(net)) ?? null;
    if (rf !== null) rfs.push(rf);
  }
  const target = resolved.networks.find((n) => n.role === 'compressed') ?? resolved.networks[0]!;
  const at: OccupancyTarget = {
    ...size,
    ...optionalPreset('periphery', resolved.periphery, spec.report?.periphery),
    ...optionalPreset('device', resolved.devices, spec.report?.device),
  };
  const o = (await options.figures?.tileOccupancy?.(target, at)) ?? null;
  if (o !== null) occ.push(o);
  writeFigureInputs(resultsDir, { receptiveFields: rfs, occupancy: occ });
  log(`writing report → ${options.out}`);
  const report = await writeReport({ resultsDir, out: options.out, ...(options.date !== undefined ? { date: options.date } : {}) });
  return { trained, sweep, report, resultsDir };
}

/** The preset named `name` (or the first), as an optional field. */
function optionalPreset<K extends string>(key: K, presets: ReadonlyArray<PresetRef>, name: string | undefined): Partial<Record<K, PresetRef>> {
  const p = presets.find((x) => x.name === name) ?? presets[0];
  return (p !== undefined ? { [key]: p } : {}) as Partial<Record<K, PresetRef>>;
}
