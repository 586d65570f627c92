import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { XsnnError } from '../config/XsnnError.js';
import { zodIssues } from '../config/zodIssues.js';

/** Format name written in every manifest. */
export const CHECKPOINT_FORMAT = 'xsnn-snn-checkpoint';
/** Current format version; loading refuses other versions. */
export const CHECKPOINT_VERSION = 1;

const count = () => z.number().int().nonnegative();
const size = () => z.number().int().positive();

/** One array file of a checkpoint, as listed in its manifest. */
export const CheckpointFileSchema = z.object({
  name: z.string().min(1),
  dtype: z.enum(['f32', 'f64', 'u8', 'i8']),
  shape: z.array(count()),
  bytes: count(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a hex SHA-256'),
  /** Where the bytes are while a replacement is being committed (a hidden staging name); absent: at `name`. */
  path: z
    .string()
    .regex(/^\.[^/\\]+$/, 'expected a hidden file name in the checkpoint folder')
    .optional(),
});

/**
 * The zod schema of a checkpoint's `manifest.json`: every field a loader reads is
 * checked here (types, whole numbers, the dataset identity agreeing with the input
 * count) before any array is read or allocated.
 */
export const CheckpointManifestSchema = z
  .object({
    format: z.literal(CHECKPOINT_FORMAT),
    formatVersion: z.literal(CHECKPOINT_VERSION),
    xsnnVersion: z.string(),
    recipeName: z.string(),
    recipe: z.record(z.string(), z.unknown()),
    recipeResolved: z.unknown(),
    seed: count(),
    dataset: z.object({ name: z.string(), sha256: z.string(), width: size(), height: size(), channels: size(), classes: size() }),
    counts: z.object({
      trainImages: count(),
      epochs: count(),
      presentations: count(),
      excSpikes: count(),
      synapses: count(),
      prunedFraction: z.number().min(0).max(1),
      levels: count().nullable(),
    }),
    nInputs: size(),
    neurons: size(),
    maxDelay: count(),
    labelSource: z.object({ labelImages: count(), seed: count() }).optional(),
    files: z.array(CheckpointFileSchema),
  })
  .superRefine((m, ctx) => {
    const d = m.dataset;
    if (d.width * d.height * d.channels !== m.nInputs) {
      ctx.addIssue({
        code: 'custom',
        path: ['dataset'],
        message: `dataset identity ${d.width}x${d.height}x${d.channels} (${d.width * d.height * d.channels} inputs) disagrees with nInputs ${m.nInputs}`,
      });
    }
  });

/** A checkpoint's manifest.json, validated. */
export type CheckpointManifest = z.infer<typeof CheckpointManifestSchema>;
/** One array file entry of a manifest. */
export type CheckpointFileEntry = CheckpointManifest['files'][number];

/** Reads and validates `manifest.json` (every issue reported, naming the file and field). */
export function readCheckpointManifest(file: string): CheckpointManifest {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new XsnnError(
      `damaged checkpoint manifest: ${err instanceof Error ? err.message : String(err)}`,
      { file, expected: 'a JSON manifest' },
      { cause: err },
    );
  }
  const r = CheckpointManifestSchema.safeParse(data, { reportInput: true });
  if (!r.success) throw new XsnnError(zodIssues(r.error, { file, prefix: 'damaged checkpoint manifest: ' }), {}, { cause: r.error });
  return r.data;
}

/** True when `dir` holds a manifest whose `format` says it is an xsnn checkpoint (damaged or not). */
export function looksLikeCheckpoint(manifestFile: string): boolean {
  try {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as { format?: unknown };
    return m !== null && typeof m === 'object' && m.format === CHECKPOINT_FORMAT;
  } catch {
    return false;
  }
}
