import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { loadPreset } from '../config/presets.js';
import { SweepSpecSchema, type SweepSpec } from './SweepSpec.js';

/** The fields of a sweep definition that may hold relative paths. */
export type SweepPathField = 'networks' | 'devices' | 'periphery';

/** A sweep definition read from YAML and validated. */
export interface LoadedSweepSpec {
  readonly spec: SweepSpec;
  /** The YAML file it came from. */
  readonly file: string;
  /** Merged raw YAML (after `extends:`), as written. */
  readonly raw: Record<string, unknown>;
  /**
   * For each field that may hold paths, the folder of the file that wrote it
   * (the definition itself, or the base it `extends:`): relative paths in that
   * field resolve against it. Absent: the definition's own folder.
   */
  readonly dirs?: Readonly<Partial<Record<SweepPathField, string>>>;
}

/**
 * Loads a sweep definition: a `reports/` preset name (`paper-mnist`) or a YAML
 * path. Problems (malformed YAML, unknown keys, a bad size or σ) are an
 * `XsnnError` naming file, line and field. Relative paths it holds (recipes,
 * checkpoints, device and periphery presets) are relative to the file that
 * names them (see {@link pathInSpec}).
 */
export function loadSweepSpec(ref: string): LoadedSweepSpec {
  const loaded = loadPreset('reports', ref, SweepSpecSchema);
  const dirs: Partial<Record<SweepPathField, string>> = {};
  for (const field of ['networks', 'devices', 'periphery'] as const) {
    const src = loaded.chain.find((c) => c.data !== null && typeof c.data === 'object' && field in c.data);
    dirs[field] = dirname(src?.file ?? loaded.file);
  }
  return { spec: loaded.value, file: loaded.file, raw: loaded.raw, dirs };
}

/** Whether a preset reference is a path (has a separator or ends in `.yaml`/`.yml`) rather than a shipped name. */
export function isPresetPath(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.ya?ml$/i.test(ref);
}

/**
 * A path written in a sweep definition's `field`, made absolute against the
 * folder of the file that wrote it (a shipped preset name is returned as is):
 * the one rule for relative paths in presets.
 */
export function pathInSpec(loaded: LoadedSweepSpec, field: SweepPathField, ref: string): string {
  if (!isPresetPath(ref) || isAbsolute(ref)) return ref;
  return resolve(loaded.dirs?.[field] ?? dirname(loaded.file), ref);
}

/** Any preset read without its own schema, for hashing its contents. */
export const AnyPresetSchema = z.record(z.string(), z.unknown());
