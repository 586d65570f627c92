import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../core/atomicWrite.js';
import { XsnnError } from '../config/XsnnError.js';
import { zodIssues } from '../config/zodIssues.js';

/**
 * Learned weights to draw as receptive fields: `weights` is row-major
 * `inputs × neurons` (row = input pixel, column = neuron; the layout of
 * `CsrMatrix`), `inputs = imageWidth · imageHeight`.
 */
export interface ReceptiveFieldsInput {
  readonly network: string;
  readonly checkpointHash: string;
  readonly weights: Float32Array;
  readonly inputs: number;
  /** Neurons in `weights` (columns). */
  readonly neurons: number;
  /** Neurons of the network (≥ `neurons` when only the first ones are kept). */
  readonly totalNeurons: number;
  readonly imageWidth: number;
  readonly imageHeight: number;
}

/**
 * One mapping's tiles, to draw which crossbar cells hold a synapse. Each tile is
 * either a list of occupied cells, flat `(row, col)` pairs in tile coordinates,
 * or a dense `rows × cols` row-major occupancy matrix (non-zero = occupied).
 */
export interface TileOccupancyInput {
  readonly network: string;
  readonly rows: number;
  readonly cols: number;
  /** Size of the weight matrix mapped (inputs × neurons), for the caption. */
  readonly matrixRows: number;
  readonly matrixCols: number;
  /** The matrix is delay-expanded: `matrixRows` = inputs × this many delay groups, one physical row each. */
  readonly delayGroups?: number;
  readonly tiles: ReadonlyArray<{ readonly cells: Int32Array } | { readonly occupied: Uint8Array }>;
}

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const RfFile = z.strictObject({
  kind: z.literal('receptive-fields'),
  network: z.string(),
  checkpointHash: z.string(),
  inputs: z.number().int().positive(),
  neurons: z.number().int().positive(),
  totalNeurons: z.number().int().positive(),
  imageWidth: z.number().int().positive(),
  imageHeight: z.number().int().positive(),
  weightsF32LE: b64,
});
const OccFile = z.strictObject({
  kind: z.literal('tile-occupancy'),
  network: z.string(),
  rows: z.number().int().positive(),
  cols: z.number().int().positive(),
  matrixRows: z.number().int().positive(),
  matrixCols: z.number().int().positive(),
  delayGroups: z.number().int().positive().optional(),
  tiles: z.array(z.strictObject({ cellsI32LE: b64 })),
});

function toB64(a: Float32Array | Int32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

/** Checks a receptive-fields input; a mismatch is an `XsnnError` naming the field. */
export function checkReceptiveFields(rf: ReceptiveFieldsInput): void {
  if (rf.inputs !== rf.imageWidth * rf.imageHeight)
    throw new XsnnError(`receptive fields: inputs (${rf.inputs}) must equal imageWidth × imageHeight (${rf.imageWidth}×${rf.imageHeight})`, {
      field: 'inputs',
    });
  if (rf.weights.length !== rf.inputs * rf.neurons)
    throw new XsnnError(`receptive fields: weights has ${rf.weights.length} values, expected inputs × neurons = ${rf.inputs * rf.neurons}`, {
      field: 'weights',
    });
  if (!(rf.totalNeurons >= rf.neurons))
    throw new XsnnError(`receptive fields: totalNeurons (${rf.totalNeurons}) must be >= neurons (${rf.neurons})`, { field: 'totalNeurons' });
  for (let i = 0; i < rf.weights.length; i++)
    if (!Number.isFinite(rf.weights[i]!))
      throw new XsnnError(`receptive fields: weight ${i} is not finite`, { field: 'weights', received: String(rf.weights[i]) });
}

/** Occupied cells of a tile as flat `(row, col)` pairs. */
export function tileCells(tile: TileOccupancyInput['tiles'][number], rows: number, cols: number): Int32Array {
  if ('cells' in tile) return tile.cells;
  const out: number[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (tile.occupied[r * cols + c] !== 0) out.push(r, c);
  return Int32Array.from(out);
}

/**
 * Saves figure inputs into `<resultsDir>/figures/` (`receptive-fields-<network>.json`,
 * `occupancy-<network>-<R>x<C>.json`), where `xsnn report --results` finds them.
 */
export function writeFigureInputs(
  resultsDir: string,
  inputs: { receptiveFields?: ReadonlyArray<ReceptiveFieldsInput>; occupancy?: ReadonlyArray<TileOccupancyInput> },
): void {
  const dir = join(resultsDir, 'figures');
  for (const rf of inputs.receptiveFields ?? []) {
    checkReceptiveFields(rf);
    const data: z.infer<typeof RfFile> = {
      kind: 'receptive-fields',
      network: rf.network,
      checkpointHash: rf.checkpointHash,
      inputs: rf.inputs,
      neurons: rf.neurons,
      totalNeurons: rf.totalNeurons,
      imageWidth: rf.imageWidth,
      imageHeight: rf.imageHeight,
      weightsF32LE: toB64(rf.weights),
    };
    writeFileAtomic(join(dir, `receptive-fields-${rf.network}.json`), JSON.stringify(data));
  }
  for (const occ of inputs.occupancy ?? []) {
    const data: z.infer<typeof OccFile> = {
      kind: 'tile-occupancy',
      network: occ.network,
      rows: occ.rows,
      cols: occ.cols,
      matrixRows: occ.matrixRows,
      matrixCols: occ.matrixCols,
      ...(occ.delayGroups !== undefined ? { delayGroups: occ.delayGroups } : {}),
      tiles: occ.tiles.map((t) => ({ cellsI32LE: toB64(tileCells(t, occ.rows, occ.cols)) })),
    };
    writeFileAtomic(join(dir, `occupancy-${occ.network}-${occ.rows}x${occ.cols}.json`), JSON.stringify(data));
  }
}

function parseFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new XsnnError('corrupt figure input (not JSON)', { file });
  }
  const r = schema.safeParse(data);
  if (!r.success) {
    throw new XsnnError(zodIssues(r.error, { file, prefix: 'invalid figure input: ' }), {}, { cause: r.error });
  }
  return r.data;
}

function fromB64<T extends Float32Array | Int32Array>(text: string, Ctor: { new (b: ArrayBuffer): T; BYTES_PER_ELEMENT: number }, file: string): T {
  const buf = Buffer.from(text, 'base64');
  if (buf.length % Ctor.BYTES_PER_ELEMENT !== 0) throw new XsnnError('figure input: binary array has a partial element', { file });
  const copy = new ArrayBuffer(buf.length);
  new Uint8Array(copy).set(buf);
  return new Ctor(copy);
}

/** Reads the figure inputs saved in `<resultsDir>/figures/` (none if the folder is absent), in file-name order. */
export function readFigureInputs(resultsDir: string): { receptiveFields: ReceptiveFieldsInput[]; occupancy: TileOccupancyInput[] } {
  const dir = join(resultsDir, 'figures');
  const out = { receptiveFields: [] as ReceptiveFieldsInput[], occupancy: [] as TileOccupancyInput[] };
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name);
    if (name.startsWith('receptive-fields-') && name.endsWith('.json')) {
      const d = parseFile(file, RfFile);
      const rf = {
        network: d.network,
        checkpointHash: d.checkpointHash,
        inputs: d.inputs,
        neurons: d.neurons,
        totalNeurons: d.totalNeurons,
        imageWidth: d.imageWidth,
        imageHeight: d.imageHeight,
        weights: fromB64(d.weightsF32LE, Float32Array, file),
      };
      try {
        checkReceptiveFields(rf);
      } catch (err) {
        throw new XsnnError((err as Error).message, { file });
      }
      out.receptiveFields.push(rf);
    } else if (name.startsWith('occupancy-') && name.endsWith('.json')) {
      const d = parseFile(file, OccFile);
      out.occupancy.push({
        network: d.network,
        rows: d.rows,
        cols: d.cols,
        matrixRows: d.matrixRows,
        matrixCols: d.matrixCols,
        ...(d.delayGroups !== undefined ? { delayGroups: d.delayGroups } : {}),
        tiles: d.tiles.map((t) => ({ cells: fromB64(t.cellsI32LE, Int32Array, file) })),
      });
    }
  }
  return out;
}
