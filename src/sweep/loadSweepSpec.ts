import { z } from 'zod';
import { loadPreset } from '../config/presets.js';
import { SweepSpecSchema, type SweepSpec } from './SweepSpec.js';

/** A sweep definition read from YAML and validated. */
export interface LoadedSweepSpec {
  readonly spec: SweepSpec;
  /** The YAML file it came from. */
  readonly file: string;
  /** Merged raw YAML (after `extends:`), as written. */
  readonly raw: Record<string, unknown>;
}

/**
 * Loads a sweep definition: a `reports/` preset name (`paper-mnist`) or a YAML
 * path. Problems (malformed YAML, unknown keys, a bad size or σ) are an
 * `XsnnError` naming file, line and field.
 */
export function loadSweepSpec(ref: string): LoadedSweepSpec {
  const loaded = loadPreset('reports', ref, SweepSpecSchema);
  return { spec: loaded.value, file: loaded.file, raw: loaded.raw };
}

/** Any preset read without its own schema, for hashing its contents. */
export const AnyPresetSchema = z.record(z.string(), z.unknown());
