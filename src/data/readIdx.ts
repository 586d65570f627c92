import { readFileSync } from 'node:fs';
import { XsnnError } from '../config/XsnnError.js';

/** An IDX array (the MNIST file format): unsigned bytes with their dimensions. */
export interface IdxArray {
  readonly dims: ReadonlyArray<number>;
  readonly data: Uint8Array;
}

/**
 * Parses an IDX file of unsigned bytes (magic 0x00000801 labels, 0x00000803
 * images). The header, dimensions and exact length are checked; a truncated or
 * foreign file is an {@link XsnnError} naming the file.
 */
export function readIdx(file: string, expectedRank?: number): IdxArray {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (err) {
    throw new XsnnError(`cannot read IDX file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file });
  }
  return parseIdx(buf, file, expectedRank);
}

/** Parses IDX bytes (see {@link readIdx}); `file` is used in messages. */
export function parseIdx(buf: Uint8Array, file: string, expectedRank?: number): IdxArray {
  if (buf.length < 4)
    throw new XsnnError('corrupt IDX file: shorter than its 4-byte header', { file, expected: '>= 4 bytes', received: `${buf.length} bytes` });
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const zero = view.getUint16(0);
  const type = view.getUint8(2);
  const rank = view.getUint8(3);
  if (zero !== 0 || type !== 0x08) {
    throw new XsnnError('corrupt IDX file: bad magic number', {
      file,
      expected: 'magic 0x0000 08 xx (unsigned bytes)',
      received: `0x${view.getUint32(0).toString(16).padStart(8, '0')}`,
    });
  }
  if (expectedRank !== undefined && rank !== expectedRank) {
    throw new XsnnError('corrupt IDX file: wrong number of dimensions', { file, expected: String(expectedRank), received: String(rank) });
  }
  const header = 4 + 4 * rank;
  if (buf.length < header) throw new XsnnError('corrupt IDX file: truncated header', { file });
  const dims: number[] = [];
  let total = 1;
  for (let d = 0; d < rank; d++) {
    const n = view.getUint32(4 + 4 * d);
    dims.push(n);
    total *= n;
  }
  // the product is checked against the bytes actually read before anything is allocated from it
  if (buf.length !== header + total) {
    throw new XsnnError('corrupt IDX file: length does not match its dimensions', {
      file,
      expected: `${header + total} bytes for dims ${dims.join('x')}`,
      received: `${buf.length} bytes`,
    });
  }
  return { dims, data: buf.subarray(header, header + total) };
}
