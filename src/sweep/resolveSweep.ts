import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { hashValue } from '../core/hash.js';
import { loadPreset } from '../config/presets.js';
import { XsnnError } from '../config/XsnnError.js';
import { hashCheckpoint } from './hashCheckpoint.js';
import { loadDevice } from '../devices/loadDevice.js';
import { looksLikeCheckpoint, readCheckpointManifest } from '../snn/checkpointManifest.js';
import { AnyPresetSchema, isPresetPath, pathInSpec, type LoadedSweepSpec } from './loadSweepSpec.js';
import { OWN_SIGMA, type SweepSpec } from './SweepSpec.js';
import type { PresetRef } from './SweepPoint.js';
import type { TrainingBudget } from './SweepManifest.js';

/** A preset with its merged raw contents (kept for the report's methods section). */
export interface ResolvedPreset extends PresetRef {
  readonly raw: Record<string, unknown>;
  /** Devices, when the sweep has a variation level `own`: the preset's own device-to-device σ. */
  readonly ownSigma?: number;
}

/** A network of a sweep with its checkpoint located and hashed. */
export interface ResolvedNetwork {
  readonly name: string;
  readonly role: 'dense' | 'compressed';
  readonly recipe: string | null;
  /** Absolute checkpoint path. */
  readonly checkpoint: string;
  readonly checkpointHash: string;
  /** What the checkpoint was trained on, from its manifest (null when it is not an xsnn checkpoint folder). */
  readonly training: TrainingBudget | null;
  /**
   * Distinct weight levels its synapses take, level 0 of the pruned ones included
   * (its manifest's `counts.levels`): fewer than the recipe's quantization grid when
   * training left a level empty. Null when not quantized or not an xsnn checkpoint folder.
   */
  readonly levelsUsed: number | null;
}

/** What the manifest of the checkpoint at `path` tells a report; nulls when it is not an xsnn checkpoint folder (a damaged manifest is an error). */
function manifestFacts(path: string): Pick<ResolvedNetwork, 'training' | 'levelsUsed'> {
  const file = join(path, 'manifest.json');
  if (!looksLikeCheckpoint(file)) return { training: null, levelsUsed: null };
  const { trainImages, epochs, levels } = readCheckpointManifest(file).counts;
  return { training: { trainImages, epochs }, levelsUsed: levels };
}

/** A sweep definition with every preset and checkpoint resolved and hashed. */
export interface ResolvedSweep {
  readonly spec: SweepSpec;
  readonly specFile: string;
  /**
   * Hash of everything that determines the results: the definition's values and
   * the contents hashes of its checkpoints and presets (not their paths).
   */
  readonly definitionHash: string;
  readonly networks: ReadonlyArray<ResolvedNetwork>;
  readonly devices: ReadonlyArray<ResolvedPreset>;
  readonly periphery: ReadonlyArray<ResolvedPreset>;
}

/** Options of {@link resolveSweep}. */
export interface ResolveSweepOptions {
  /** Folder of checkpoints trained from recipes (default `out/ckpt`, relative to `cwd`). */
  readonly checkpointRoot?: string;
  /** Base of a relative `checkpointRoot` (default `process.cwd()`). */
  readonly cwd?: string;
  /**
   * Base of relative `checkpoint:` paths: the folder of the definition file
   * that names them (`loaded.dirs.networks`; {@link resolveSweep} fills it in).
   * Default `cwd`.
   */
  readonly baseDir?: string;
}

/**
 * Where a network's checkpoint lives: its `checkpoint:` path (relative to
 * `baseDir`, the folder of the definition that names it), or
 * `<checkpointRoot>/<recipe>`.
 */
export function checkpointPathOf(net: SweepSpec['networks'][number], options: ResolveSweepOptions = {}): string {
  const cwd = options.cwd ?? process.cwd();
  if (net.checkpoint !== undefined) return resolve(options.baseDir ?? cwd, net.checkpoint);
  const recipeName = (net.recipe ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/\.ya?ml$/i, '');
  return resolve(cwd, options.checkpointRoot ?? 'out/ckpt', recipeName);
}

/** The folder relative `checkpoint:` paths of a loaded definition resolve against (the file that wrote `networks:`). */
export function networksDir(loaded: LoadedSweepSpec): string {
  return loaded.dirs?.networks ?? dirname(loaded.file);
}

/**
 * A preset a sweep names, loaded and hashed. Its `name` is the shipped name,
 * or the file's base name for a path (`../devices/taox-16.yaml` → `taox-16`),
 * which is what the evaluator's record carries.
 */
function resolvePreset(kind: 'devices' | 'crossbar', ref: string, loaded: LoadedSweepSpec, field: string, withOwnSigma: boolean): ResolvedPreset {
  try {
    const p = loadPreset(kind, pathInSpec(loaded, kind === 'devices' ? 'devices' : 'periphery', ref), AnyPresetSchema);
    const ownSigma = withOwnSigma ? loadDevice(p.file).deviceToDevice.sigma : undefined;
    return { name: p.name, file: p.file, hash: hashValue(p.raw), raw: p.raw, ...(ownSigma !== undefined ? { ownSigma } : {}) };
  } catch (err) {
    // keep every issue's own location (the preset file and line) and say which entry of the sweep named it
    if (err instanceof XsnnError)
      throw new XsnnError(
        [...err.issues, { code: 'invalid_reference', message: `${kind} preset '${ref}' named here is invalid`, path: field.split('.'), file: loaded.file }],
        {},
        { cause: err },
      );
    throw err;
  }
}

function checkUniqueNames(presets: ReadonlyArray<ResolvedPreset>, written: ReadonlyArray<string>, file: string, what: string): void {
  const seen = new Map<string, number>();
  presets.forEach((p, i) => {
    const j = seen.get(p.name);
    if (j !== undefined)
      throw new XsnnError(`${what}.${i}: '${written[i]}' and '${written[j]}' are both named '${p.name}' (results and reports tell presets apart by name)`, {
        file,
        expected: 'preset files with different base names',
      });
    seen.set(p.name, i);
  });
}

/**
 * Resolves a loaded sweep definition: loads each device and periphery preset
 * (hashing its merged contents) and hashes each checkpoint. A missing checkpoint
 * is an error that says how to train it.
 */
export function resolveSweep(loaded: LoadedSweepSpec, options: ResolveSweepOptions = {}): ResolvedSweep {
  const { file } = loaded;
  const own = loaded.spec.variation.levels.includes(OWN_SIGMA);
  const devices = loaded.spec.devices.map((d, i) => resolvePreset('devices', d, loaded, `devices.${i}`, own));
  const periphery = loaded.spec.periphery.map((p, i) => resolvePreset('crossbar', p, loaded, `periphery.${i}`, false));
  checkUniqueNames(devices, loaded.spec.devices, file, 'devices');
  checkUniqueNames(periphery, loaded.spec.periphery, file, 'periphery');
  // the summary's reference device and periphery are named as the points are (a path → its base name)
  const refName = (ref: string | undefined): string | undefined => (ref !== undefined && isPresetPath(ref) ? basename(ref).replace(/\.ya?ml$/i, '') : ref);
  const report = loaded.spec.report;
  const spec: SweepSpec =
    report !== undefined && (isPresetPath(report.device ?? '') || isPresetPath(report.periphery ?? ''))
      ? {
          ...loaded.spec,
          report: {
            ...report,
            ...(report.device !== undefined ? { device: refName(report.device)! } : {}),
            ...(report.periphery !== undefined ? { periphery: refName(report.periphery)! } : {}),
          },
        }
      : loaded.spec;
  const networks = spec.networks.map((net, i): ResolvedNetwork => {
    const checkpoint = checkpointPathOf(net, { ...options, baseDir: options.baseDir ?? networksDir(loaded) });
    if (!existsSync(checkpoint)) {
      throw new XsnnError(`network '${net.name}': no checkpoint at ${checkpoint}`, {
        file,
        field: `networks.${i}`,
        expected:
          net.recipe !== undefined
            ? `a checkpoint trained from recipe '${net.recipe}' (run \`xsnn report --spec ${file}\`, which trains missing checkpoints, or \`xsnn train\`)`
            : 'an existing checkpoint folder',
      });
    }
    return {
      name: net.name,
      role: net.role,
      recipe: net.recipe ?? null,
      checkpoint,
      checkpointHash: hashCheckpoint(checkpoint),
      ...manifestFacts(checkpoint),
    };
  });
  const definitionHash = hashValue({
    name: spec.name,
    seed: spec.seed,
    samples: spec.samples,
    images: spec.images,
    variation: spec.variation,
    crossbars: spec.crossbars,
    networks: networks.map((n) => ({ name: n.name, role: n.role, checkpointHash: n.checkpointHash })),
    devices: devices.map((d) => ({ name: d.name, hash: d.hash })),
    periphery: periphery.map((p) => ({ name: p.name, hash: p.hash })),
  });
  return { spec, specFile: file, definitionHash, networks, devices, periphery };
}
