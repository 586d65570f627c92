/**
 * Where a problem was found: the file, the field path inside it, and the line.
 * Every field is optional because library calls have no file.
 */
export interface ErrorLocation {
  /** File the bad value came from (YAML preset, dataset, checkpoint, matrix...). */
  readonly file?: string;
  /** Dotted field path inside the file, e.g. `read.voltage`. */
  readonly field?: string;
  /** 1-based line in `file`, when known. */
  readonly line?: number;
  /** What was expected, e.g. `a resistance in ohm`. */
  readonly expected?: string;
  /** What was found instead. */
  readonly received?: string;
}

/**
 * The one error type xsnn throws for bad input (configuration, data, checkpoints,
 * arguments of public functions). The CLI prints `message` and exits non-zero;
 * library users can read the structured location.
 *
 * The message already contains the location, formatted as
 * `file:line: field: problem (expected …, received …)`.
 */
export class XsnnError extends Error {
  override readonly name = 'XsnnError';
  readonly location: ErrorLocation;

  constructor(problem: string, location: ErrorLocation = {}) {
    super(formatLocated(problem, location));
    this.location = location;
  }
}

function formatLocated(problem: string, at: ErrorLocation): string {
  const where: string[] = [];
  if (at.file !== undefined) where.push(at.line !== undefined ? `${at.file}:${at.line}` : at.file);
  if (at.field !== undefined && at.field !== '') where.push(`field '${at.field}'`);
  const tail: string[] = [];
  if (at.expected !== undefined) tail.push(`expected ${at.expected}`);
  if (at.received !== undefined) tail.push(`received ${at.received}`);
  const head = where.length > 0 ? `${where.join(': ')}: ` : '';
  return `${head}${problem}${tail.length > 0 ? ` (${tail.join(', ')})` : ''}`;
}

/**
 * Fail fast at a public boundary: throws an {@link XsnnError} naming the function
 * when `condition` is false.
 */
export function check(condition: boolean, fn: string, problem: string): asserts condition {
  if (!condition) throw new XsnnError(`${fn}: ${problem}`);
}
