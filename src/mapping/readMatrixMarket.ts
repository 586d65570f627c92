import { readFileSync } from 'node:fs';
import { XsnnError } from '../config/XsnnError.js';
import type { CsrMatrix } from '../core/CsrMatrix.js';

/**
 * Parses a Matrix Market file (`%%MatrixMarket matrix coordinate
 * real|integer|pattern general`) into CSR. Rows are inputs, columns neurons;
 * every listed entry is a synapse (pattern entries get weight 1). Strict: a
 * malformed header, size line or entry, an index out of range, a duplicate entry,
 * a non-finite value, or a count that does not match the size line is an
 * XsnnError naming `file` and the line.
 */
export function parseMatrixMarket(text: string, file = '<matrix>'): CsrMatrix {
  const lines = text.split(/\r?\n/);
  const fail = (line: number, problem: string, expected?: string, received?: string): never => {
    throw new XsnnError(problem, { file, line, ...(expected !== undefined ? { expected } : {}), ...(received !== undefined ? { received } : {}) });
  };
  const header = (lines[0] ?? '').trim();
  const h = header.split(/\s+/).map((s) => s.toLowerCase());
  if (h[0] !== '%%matrixmarket')
    fail(1, 'not a Matrix Market file', "a first line '%%MatrixMarket matrix coordinate real general'", JSON.stringify(header.slice(0, 60)));
  if (h[1] !== 'matrix' || h[2] !== 'coordinate') fail(1, 'unsupported Matrix Market object or format', "'matrix coordinate'", `'${h[1] ?? ''} ${h[2] ?? ''}'`);
  const field = h[3];
  if (field !== 'real' && field !== 'integer' && field !== 'pattern') fail(1, 'unsupported Matrix Market field', 'real, integer or pattern', String(field));
  if (h[4] !== 'general') fail(1, 'unsupported Matrix Market symmetry', 'general', String(h[4]));
  if (h.length > 5) fail(1, 'extra words in the Matrix Market header', undefined, header);
  let li = 1;
  while (li < lines.length && (lines[li]!.startsWith('%') || lines[li]!.trim() === '')) li++;
  if (li >= lines.length) fail(li, 'missing size line', "'rows cols entries'");
  const sizeParts = lines[li]!.trim().split(/\s+/);
  const sizes = sizeParts.map(Number);
  if (sizeParts.length !== 3 || !sizes.every((v) => Number.isInteger(v) && v >= 0))
    fail(li + 1, 'malformed size line', "three whole numbers 'rows cols entries'", JSON.stringify(lines[li]));
  const [rows, cols, count] = sizes as [number, number, number];
  if (rows * cols < count) fail(li + 1, 'more entries than matrix cells', `at most ${rows * cols}`, String(count));
  const I = new Int32Array(count);
  const J = new Int32Array(count);
  const V = new Float32Array(count);
  const lineOf = new Int32Array(count);
  let e = 0;
  const want = field === 'pattern' ? 2 : 3;
  const parts: string[] = [];
  for (li = li + 1; li < lines.length; li++) {
    const raw = lines[li]!;
    tokens(raw, parts);
    if (parts.length === 0 || parts[0]!.startsWith('%')) continue;
    if (parts.length !== want) fail(li + 1, 'malformed entry', want === 2 ? "'row col'" : "'row col value'", JSON.stringify(raw.slice(0, 60)));
    if (e >= count) fail(li + 1, 'more entries than the size line announces', String(count));
    const i = Number(parts[0]);
    const j = Number(parts[1]);
    if (!Number.isInteger(i) || i < 1 || i > rows) fail(li + 1, 'row index out of range', `a whole number in 1..${rows}`, parts[0]);
    if (!Number.isInteger(j) || j < 1 || j > cols) fail(li + 1, 'column index out of range', `a whole number in 1..${cols}`, parts[1]);
    let v = 1;
    if (field !== 'pattern') {
      const txt = parts[2]!;
      v = Number(txt);
      if (!Number.isFinite(v)) fail(li + 1, 'non-finite or malformed weight', 'a finite number', txt);
      if (field === 'integer' && !Number.isInteger(v)) fail(li + 1, 'non-integer value in an integer matrix', 'a whole number', txt);
      if (!Number.isFinite(Math.fround(v))) fail(li + 1, 'weight overflows float32', 'a finite float32', txt);
    }
    I[e] = i - 1;
    J[e] = j - 1;
    V[e] = v;
    lineOf[e] = li + 1;
    e++;
  }
  if (e !== count) fail(lines.length, 'fewer entries than the size line announces', String(count), String(e));
  const { rowPtr, order } = sortEntries(I, J, rows, cols);
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

/** Entry order sorted by (row, col), by a stable counting sort by column, then by row (O(nnz)); and the CSR row pointers. */
function sortEntries(I: Int32Array, J: Int32Array, rows: number, cols: number): { rowPtr: Int32Array; order: Int32Array } {
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
  return { rowPtr, order };
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
