import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../core/atomicWrite.js';
import { XsnnError } from '../config/XsnnError.js';
import { zodIssues } from '../config/zodIssues.js';
import { MAPPING_FORMAT_VERSION, type Mapping } from './Mapping.js';

/** Options of {@link mappingToJson}. */
export interface MappingToJsonOptions {
  /**
   * Include the wall-clock `timing` (the only non-deterministic part).
   * @defaultValue true
   */
  readonly timing?: boolean;
}

/**
 * Serialises a mapping as JSON (the documented file format): the {@link Mapping}
 * fields with each tile's typed arrays as plain arrays:
 * `{ format: "xsnn-mapping", version: 1, rows, cols, nnz, options: {tileRows,
 * tileCols, splitColumns, algorithm, seed, energyWeight, trafficWeight,
 * inputRates}, metrics: {...}, candidates: [...], timing: {...}, tiles: [{ rows,
 * cols, rowPtr, colIdx, values }] }`. Without timing, equal mappings give
 * byte-identical text.
 */
export function mappingToJson(mapping: Mapping, options: MappingToJsonOptions = {}): string {
  const { tiles, timing, ...head } = mapping;
  const body = {
    ...head,
    ...(options.timing === false ? {} : { timing }),
    tiles: tiles.map((t) => ({
      rows: Array.from(t.rows),
      cols: Array.from(t.cols),
      rowPtr: Array.from(t.rowPtr),
      colIdx: Array.from(t.colIdx),
      values: Array.from(t.values),
    })),
  };
  return `${JSON.stringify(body)}\n`;
}

const int = z.number().int().nonnegative();
const num = z.number();
const tileSchema = z.strictObject({ rows: z.array(int), cols: z.array(int), rowPtr: z.array(int), colIdx: z.array(int), values: z.array(num) });
const boundsSchema = z.strictObject({ nnz: int, row: int, col: int, max: int });
const mappingSchema = z.strictObject({
  format: z.literal('xsnn-mapping'),
  version: z.literal(MAPPING_FORMAT_VERSION),
  rows: int,
  cols: int,
  nnz: int,
  options: z.strictObject({
    tileRows: z.number().int().positive(),
    tileCols: z.number().int().positive(),
    splitColumns: z.boolean(),
    algorithm: z.string(),
    seed: z.number().int(),
    energyWeight: num,
    trafficWeight: num,
    inputRates: z.enum(['uniform', 'given']),
  }),
  metrics: z.strictObject({
    tiles: int,
    naiveTiles: int,
    lowerBound: boundsSchema,
    tilesPerLowerBound: num,
    tilesPerNaive: num,
    utilisation: num,
    sumLambda: int,
    sumMu: int,
    rowReadEnergy: num,
    traffic: int,
  }),
  candidates: z.array(z.strictObject({ algorithm: z.string(), tiles: int, rowReadEnergy: num, traffic: num, skipped: z.string().optional() })),
  timing: z.strictObject({ seconds: num, candidates: z.array(num) }).optional(),
  tiles: z.array(tileSchema),
});

/** Parses mapping JSON text (see {@link mappingToJson}); problems are XsnnErrors naming `file` and the field. */
export function parseMapping(text: string, file = '<mapping>'): Mapping {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new XsnnError(`not valid JSON: ${(err as Error).message}`, { file });
  }
  const r = mappingSchema.safeParse(data);
  if (!r.success) {
    throw new XsnnError(zodIssues(r.error, { file, prefix: 'not an xsnn mapping: ' }), {}, { cause: r.error });
  }
  const v = r.data;
  return {
    ...v,
    format: 'xsnn-mapping',
    version: MAPPING_FORMAT_VERSION,
    candidates: v.candidates.map((c) => ({
      algorithm: c.algorithm,
      tiles: c.tiles,
      rowReadEnergy: c.rowReadEnergy,
      traffic: c.traffic,
      ...(c.skipped !== undefined ? { skipped: c.skipped } : {}),
    })),
    timing: v.timing ?? { seconds: 0, candidates: [] },
    tiles: v.tiles.map((t) => ({
      rows: Int32Array.from(t.rows),
      cols: Int32Array.from(t.cols),
      rowPtr: Int32Array.from(t.rowPtr),
      colIdx: Int32Array.from(t.colIdx),
      values: Float32Array.from(t.values),
    })),
  };
}

/** Loads a mapping file written by {@link saveMapping} / `xsnn map --out`. */
export function loadMapping(file: string): Mapping {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new XsnnError(`cannot read the mapping: ${(err as Error).message}`, { file });
  }
  return parseMapping(text, file);
}

/** Writes a mapping file atomically (temporary file, then rename). */
export function saveMapping(file: string, mapping: Mapping): void {
  writeFileAtomic(file, mappingToJson(mapping));
}
