import { readFileSync } from 'node:fs';
import { XsnnError } from '../config/XsnnError.js';
import type { CsrMatrix } from '../core/CsrMatrix.js';

/**
 * Largest row or column count of a matrix, 2^26: the parser allocates a few
 * 32-bit arrays per row and per column (256 MiB each at this size), far above any
 * network here (784 × 6400) and far below what exhausts the memory.
 */
export const MAX_MATRIX_DIMENSION = 2 ** 26;
/** Most entries a Matrix Market file may declare (32-bit positions). */
export const MAX_MATRIX_ENTRIES = 2 ** 31 - 1;

type Field = 'real' | 'integer' | 'pattern';
type Fail = (line: number, problem: string, expected?: string, received?: string) => never;

/** Coordinate entries in file order (0-based), with the line each came from. */
interface Entries {
  readonly I: Int32Array;
  readonly J: Int32Array;
  readonly V: Float32Array;
  readonly lineOf: Int32Array;
}

/**
 * Parses a Matrix Market file (`%%MatrixMarket matrix coordinate
 * real|integer|pattern general`) into CSR. Rows are inputs, columns neurons;
 * every listed entry is a synapse (pattern entries get weight 1). Strict: a
 * malformed header, size line or entry, an index out of range, a duplicate entry,
 * a non-finite value, a count that does not match the size line, or a size that
 * cannot be held (over {@link MAX_MATRIX_DIMENSION} rows or columns, over
 * {@link MAX_MATRIX_ENTRIES} entries, or more entries than the text has lines —
 * checked before anything is allocated) is an XsnnError naming `file` and the line.
 */
export function parseMatrixMarket(text: string, file = '<matrix>'): CsrMatrix {
  const lines = text.split(/\r?\n/);
  const fail: Fail = (line, problem, expected, received) => {
    throw new XsnnError(problem, { file, line, ...(expected !== undefined ? { expected } : {}), ...(received !== undefined ? { received } : {}) });
  };
  const field = parseHeader(lines[0] ?? '', fail);
  const { rows, cols, count, sizeLine } = parseSizeLine(lines, fail);
  const entries = parseEntries(lines, sizeLine + 1, { rows, cols, count, field }, fail);
  return toCsr(entries, rows, cols, fail);
}

/** Checks the `%%MatrixMarket matrix coordinate <field> general` line; returns the field. */
function parseHeader(first: string, fail: Fail): Field {
  const header = first.trim();
  const h = header.split(/\s+/).map((s) => s.toLowerCase());
  if (h[0] !== '%%matrixmarket')
    fail(1, 'not a Matrix Market file', "a first line '%%MatrixMarket matrix coordinate real general'", JSON.stringify(header.slice(0, 60)));
  if (h[1] !== 'matrix' || h[2] !== 'coordinate') fail(1, 'unsupported Matrix Market object or format', "'matrix coordinate'", `'${h[1] ?? ''} ${h[2] ?? ''}'`);
  const field = h[3];
  if (field !== 'real' && field !== 'integer' && field !== 'pattern') fail(1, 'unsupported Matrix Market field', 'real, integer or pattern', String(field));
  if (h[4] !== 'general') fail(1, 'unsupported Matrix Market symmetry', 'general', String(h[4]));
  if (h.length > 5) fail(1, 'extra words in the Matrix Market header', undefined, header);
  return field;
}

/** Finds and checks the `rows cols entries` line (0-based index `sizeLine`), refusing sizes that cannot be held. */
function parseSizeLine(lines: string[], fail: Fail): { rows: number; cols: number; count: number; sizeLine: number } {
  let li = 1;
  while (li < lines.length && (lines[li]!.startsWith('%') || lines[li]!.trim() === '')) li++;
  if (li >= lines.length) fail(li, 'missing size line', "'rows cols entries'");
  const sizeParts = lines[li]!.trim().split(/\s+/);
  const sizes = sizeParts.map(Number);
  if (sizeParts.length !== 3 || !sizes.every((v) => Number.isInteger(v) && v >= 0))
    fail(li + 1, 'malformed size line', "three whole numbers 'rows cols entries'", JSON.stringify(lines[li]));
  const [rows, cols, count] = sizes as [number, number, number];
  if (rows > MAX_MATRIX_DIMENSION || cols > MAX_MATRIX_DIMENSION)
    fail(li + 1, 'matrix too large', `at most ${MAX_MATRIX_DIMENSION} rows and columns`, `${rows} x ${cols}`);
  if (count > MAX_MATRIX_ENTRIES) fail(li + 1, 'too many entries', `at most ${MAX_MATRIX_ENTRIES}`, String(count));
  if (rows * cols < count) fail(li + 1, 'more entries than matrix cells', `at most ${rows * cols}`, String(count));
  // every entry needs a line: a size line announcing more is refused before allocating for it
  if (count > lines.length - li - 1)
    fail(li + 1, 'the size line announces more entries than the file has lines', `at most ${lines.length - li - 1}`, String(count));
  return { rows, cols, count, sizeLine: li };
}

/** Reads the entry lines from `start` (0-based), checking each. */
function parseEntries(lines: string[], start: number, size: { rows: number; cols: number; count: number; field: Field }, fail: Fail): Entries {
  const { rows, cols, count, field } = size;
  const I = new Int32Array(count);
  const J = new Int32Array(count);
  const V = new Float32Array(count);
  const lineOf = new Int32Array(count);
  let e = 0;
  const want = field === 'pattern' ? 2 : 3;
  const parts: string[] = [];
  for (let li = start; li < lines.length; li++) {
    const raw = lines[li]!;
    tokens(raw, parts);
    if (parts.length === 0 || parts[0]!.startsWith('%')) continue;
    if (parts.length !== want) fail(li + 1, 'malformed entry', want === 2 ? "'row col'" : "'row col value'", JSON.stringify(raw.slice(0, 60)));
    if (e >= count) fail(li + 1, 'more entries than the size line announces', String(count));
    const i = Number(parts[0]);
    const j = Number(parts[1]);
    if (!Number.isInteger(i) || i < 1 || i > rows) fail(li + 1, 'row index out of range', `a whole number in 1..${rows}`, parts[0]);
    if (!Number.isInteger(j) || j < 1 || j > cols) fail(li + 1, 'column index out of range', `a whole number in 1..${cols}`, parts[1]);
    I[e] = i - 1;
    J[e] = j - 1;
    V[e] = field === 'pattern' ? 1 : entryValue(parts[2]!, field, li + 1, fail);
    lineOf[e] = li + 1;
    e++;
  }
  if (e !== count) fail(lines.length, 'fewer entries than the size line announces', String(count), String(e));
  return { I, J, V, lineOf };
}

function entryValue(txt: string, field: Field, line: number, fail: Fail): number {
  const v = Number(txt);
  if (!Number.isFinite(v)) fail(line, 'non-finite or malformed weight', 'a finite number', txt);
  if (field === 'integer' && !Number.isInteger(v)) fail(line, 'non-integer value in an integer matrix', 'a whole number', txt);
  if (!Number.isFinite(Math.fround(v))) fail(line, 'weight overflows float32', 'a finite float32', txt);
  return v;
}

/** Sorts entries by (row, col) (stable counting sorts, O(nnz)) into CSR; a duplicate entry is an error naming both lines. */
function toCsr({ I, J, V, lineOf }: Entries, rows: number, cols: number, fail: Fail): CsrMatrix {
  const count = I.length;
  const byCol = new Int32Array(count);
  {
    const ptr = new Int32Array(cols + 1);
    for (let q = 0; q < count; q++) ptr[J[q]! + 1]!++;
    for (let j = 0; j < cols; j++) ptr[j + 1]! += ptr[j]!;
    for (let q = 0; q < count; q++) byCol[ptr[J[q]!]!++] = q;
  }
  const rowPtr = new Int32Array(rows + 1);
  for (let q = 0; q < count; q++) rowPtr[I[q]! + 1]!++;
  for (let i = 0; i < rows; i++) rowPtr[i + 1]! += rowPtr[i]!;
  const next = rowPtr.slice(0, rows);
  const order = new Int32Array(count);
  for (let p = 0; p < count; p++) {
    const q = byCol[p]!;
    order[next[I[q]!]!++] = q;
  }
  const colIdx = new Int32Array(count);
  const values = new Float32Array(count);
  for (let p = 0; p < count; p++) {
    const q = order[p]!;
    if (p > 0 && I[order[p - 1]!] === I[q] && J[order[p - 1]!] === J[q]) {
      fail(lineOf[q]!, `duplicate entry (${I[q]! + 1}, ${J[q]! + 1})`, 'each entry once', `also on line ${lineOf[order[p - 1]!]}`);
    }
    colIdx[p] = J[q]!;
    values[p] = V[q]!;
  }
  return { rows, cols, rowPtr, colIdx, values };
}

/** Splits a line on spaces and tabs into `out` (reused), without regular expressions. */
function tokens(line: string, out: string[]): void {
  out.length = 0;
  let start = -1;
  for (let c = 0; c <= line.length; c++) {
    const code = c < line.length ? line.charCodeAt(c) : 32;
    const blank = code === 32 || code === 9 || code === 13;
    if (blank) {
      if (start >= 0) {
        out.push(line.slice(start, c));
        start = -1;
      }
    } else if (start < 0) start = c;
  }
}

/** Reads a Matrix Market file ({@link parseMatrixMarket}); a missing file is an XsnnError. */
export function readMatrixMarket(file: string): CsrMatrix {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new XsnnError(`cannot read the matrix: ${(err as Error).message}`, { file });
  }
  return parseMatrixMarket(text, file);
}

/** Writes CSR as Matrix Market text (`coordinate real general`, 1-based, float32 values round-trip exactly). */
export function formatMatrixMarket(w: CsrMatrix, comment?: string): string {
  const out: string[] = ['%%MatrixMarket matrix coordinate real general'];
  if (comment !== undefined) for (const line of comment.split('\n')) out.push(`% ${line}`);
  out.push(`${w.rows} ${w.cols} ${w.rowPtr[w.rows]}`);
  for (let i = 0; i < w.rows; i++) {
    for (let k = w.rowPtr[i]!; k < w.rowPtr[i + 1]!; k++) out.push(`${i + 1} ${w.colIdx[k]! + 1} ${w.values[k]!}`);
  }
  return `${out.join('\n')}\n`;
}
