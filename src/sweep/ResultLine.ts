import { z } from 'zod';
import { ResultRecordSchema } from '../core/ResultRecord.js';

/**
 * One line of `results.jsonl`: a finished point's key, its result, when it
 * finished (ISO 8601, UTC) and how long it took. Lines are compared by `key` and
 * `record`; `finishedAt` and `elapsedS` only describe the run.
 */
export const ResultLineSchema = z.strictObject({
  key: z.string().regex(/^[0-9a-f]{64}$/, 'expected the point key (sha256 hex)'),
  finishedAt: z.iso.datetime(),
  elapsedS: z.number().nonnegative(),
  record: ResultRecordSchema,
});
/** See {@link ResultLineSchema}. */
export type ResultLine = z.infer<typeof ResultLineSchema>;
