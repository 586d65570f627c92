import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { XsnnError } from '../config/XsnnError.js';
import { zodIssues } from '../config/zodIssues.js';

const presetEntry = z.strictObject({ name: z.string(), file: z.string(), hash: z.string(), raw: z.record(z.string(), z.unknown()) });
const trainingBudget = z.strictObject({ trainImages: z.number().int().nonnegative(), epochs: z.number().int().nonnegative() });
/** Training images per epoch and epochs of a checkpoint (its manifest's `counts`). */
export type TrainingBudget = z.infer<typeof trainingBudget>;

/**
 * `<outDir>/sweep.json`: the sweep definition a results folder belongs to, its
 * hash, and the presets and checkpoints it resolved to (with their contents
 * hashes, and the preset values, for the report's provenance and methods).
 */
export const SweepManifestSchema = z.strictObject({
  format: z.literal('xsnn-sweep/1'),
  xsnnVersion: z.string(),
  name: z.string(),
  definitionHash: z.string().regex(/^[0-9a-f]{64}$/),
  specFile: z.string(),
  /** The definition as written (after `extends:`). */
  definition: z.record(z.string(), z.unknown()),
  seed: z.number().int(),
  pointCount: z.number().int().nonnegative(),
  networks: z.array(
    z.strictObject({
      name: z.string(),
      role: z.enum(['dense', 'compressed']),
      recipe: z.string().nullable(),
      checkpoint: z.string(),
      checkpointHash: z.string(),
      /** Training images per epoch and epochs of the checkpoint (null: not an xsnn checkpoint; absent in manifests of before 2026-12-04). */
      training: trainingBudget.nullable().optional(),
      /** Distinct weight levels the checkpoint's synapses take, level 0 of the pruned ones included (its manifest's `counts.levels`; null: not quantized or not an xsnn checkpoint; absent in manifests of before 2026-12-04). */
      levelsUsed: z.number().int().nonnegative().nullable().optional(),
    }),
  ),
  devices: z.array(presetEntry),
  periphery: z.array(presetEntry),
});
/** See {@link SweepManifestSchema}. */
export type SweepManifest = z.infer<typeof SweepManifestSchema>;

/** Path of the manifest in a results folder. */
export function manifestPath(dir: string): string {
  return join(dir, 'sweep.json');
}

/** Reads `<dir>/sweep.json`; `null` if absent, `XsnnError` if unreadable. */
export function readSweepManifest(dir: string): SweepManifest | null {
  const file = manifestPath(dir);
  if (!existsSync(file)) return null;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new XsnnError('corrupt sweep manifest (not JSON)', { file });
  }
  const parsed = SweepManifestSchema.safeParse(data);
  if (!parsed.success) {
    throw new XsnnError(zodIssues(parsed.error, { file, prefix: 'invalid sweep manifest: ' }), {}, { cause: parsed.error });
  }
  return parsed.data;
}
