import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { hashValue } from '../core/hash.js';
import { loadPreset } from '../config/presets.js';
import { XsnnError } from '../config/XsnnError.js';
import { hashCheckpoint } from './hashCheckpoint.js';
import { AnyPresetSchema, type LoadedSweepSpec } from './loadSweepSpec.js';
import type { SweepSpec } from './SweepSpec.js';
import type { PresetRef } from './SweepPoint.js';

/** A preset with its merged raw contents (kept for the report's methods section). */
export interface ResolvedPreset extends PresetRef {
  readonly raw: Record<string, unknown>;
}

/** A network of a sweep with its checkpoint located and hashed. */
export interface ResolvedNetwork {
  readonly name: string;
  readonly role: 'dense' | 'compressed';
  readonly recipe: string | null;
  /** Absolute checkpoint path. */
  readonly checkpoint: string;
  readonly checkpointHash: string;
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
  /** Base of relative checkpoint paths (default `process.cwd()`). */
  readonly cwd?: string;
}

/** Where a network's checkpoint lives: its `checkpoint:` path, or `<checkpointRoot>/<recipe>`. */
export function checkpointPathOf(net: SweepSpec['networks'][number], options: ResolveSweepOptions = {}): string {
  const cwd = options.cwd ?? process.cwd();
  if (net.checkpoint !== undefined) return resolve(cwd, net.checkpoint);
  const recipeName = (net.recipe ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/\.ya?ml$/i, '');
  return resolve(cwd, options.checkpointRoot ?? 'out/ckpt', recipeName);
}

function resolvePreset(kind: 'devices' | 'crossbar', name: string, specFile: string, field: string): ResolvedPreset {
  try {
    const p = loadPreset(kind, name, AnyPresetSchema);
    return { name, file: p.file, hash: hashValue(p.raw), raw: p.raw };
  } catch (err) {
    // keep every issue's own location (the preset file and line) and say which entry of the sweep named it
    if (err instanceof XsnnError)
      throw new XsnnError(
        [...err.issues, { code: 'invalid_reference', message: `${kind} preset '${name}' named here is invalid`, path: field.split('.'), file: specFile }],
        {},
        { cause: err },
      );
    throw err;
  }
}

/**
 * Resolves a loaded sweep definition: loads each device and periphery preset
 * (hashing its merged contents) and hashes each checkpoint. A missing checkpoint
 * is an error that says how to train it.
 */
export function resolveSweep(loaded: LoadedSweepSpec, options: ResolveSweepOptions = {}): ResolvedSweep {
  const { spec, file } = loaded;
  const devices = spec.devices.map((d, i) => resolvePreset('devices', d, file, `devices.${i}`));
  const periphery = spec.periphery.map((p, i) => resolvePreset('crossbar', p, file, `periphery.${i}`));
  const networks = spec.networks.map((net, i): ResolvedNetwork => {
    const checkpoint = checkpointPathOf(net, options);
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
    return { name: net.name, role: net.role, recipe: net.recipe ?? null, checkpoint, checkpointHash: hashCheckpoint(checkpoint) };
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
