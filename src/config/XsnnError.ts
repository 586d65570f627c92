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
 * One problem, as data (in the manner of a zod issue): what kind, where (file,
 * line, field path), what was expected and what was found. Formatted into text
 * only when the error is printed ({@link formatIssue}).
 */
export interface XsnnIssue {
  /** Kind of problem: a zod issue code (`invalid_type`, `too_big`, `unrecognized_keys`...), or `invalid_value`, `io`, `usage`, `custom`. */
  readonly code: string;
  /** The problem in words, without the location. */
  readonly message: string;
  /** Field path inside `file` (keys and array indices). */
  readonly path?: ReadonlyArray<string | number>;
  readonly file?: string;
  readonly line?: number;
  readonly expected?: string;
  readonly received?: string;
}

/** Options of the {@link XsnnError} constructor. */
export interface XsnnErrorOptions {
  /** The error this one explains (kept as `cause`). */
  readonly cause?: unknown;
  /** A usage error (bad command-line value): the CLI exits with 2 instead of 1. @defaultValue false */
  readonly usage?: boolean;
  /** Issue code of the single issue made from `problem`. @defaultValue `'custom'` */
  readonly code?: string;
}

/**
 * The one error type xsnn throws for bad input (configuration, data, checkpoints,
 * arguments of public functions). It holds its problems as data ({@link XsnnIssue}s:
 * code, path, file, line, expected, received) and formats them only when printed
 * (`message`, `toString()`); the CLI prints `message` without a stack trace and
 * exits 1, or 2 for a usage error. `cause` keeps the error it explains.
 *
 * A formatted issue reads `file:line: field 'a.b': problem (expected …, received …)`;
 * several issues are printed one per line.
 */
export class XsnnError extends Error {
  override readonly name = 'XsnnError';
  /** Every problem found (at least one). */
  readonly issues: ReadonlyArray<XsnnIssue>;
  /** True for a command-line usage error (exit code 2). */
  readonly usage: boolean;

  /**
   * One problem at one location (`new XsnnError(problem, location, options)`), or
   * several: `new XsnnError(issues, {}, options)`.
   */
  constructor(problem: string | ReadonlyArray<XsnnIssue>, location: ErrorLocation = {}, options: XsnnErrorOptions = {}) {
    super('', options.cause !== undefined ? { cause: options.cause } : undefined);
    this.issues = typeof problem === 'string' ? [issueAt(problem, location, options.code ?? 'custom')] : [...problem];
    if (this.issues.length === 0) this.issues = [{ code: 'custom', message: 'unknown problem' }];
    this.usage = options.usage === true;
    // formatted on demand: the message is a view of the issues
    Object.defineProperty(this, 'message', { get: () => this.issues.map(formatIssue).join('\n'), enumerable: false, configurable: true });
  }

  /** The location of the first issue (file, dotted field, line, expected, received). */
  get location(): ErrorLocation {
    const i = this.issues[0]!;
    const field = i.path !== undefined && i.path.length > 0 ? i.path.map(String).join('.') : undefined;
    return {
      ...(i.file !== undefined ? { file: i.file } : {}),
      ...(field !== undefined ? { field } : {}),
      ...(i.line !== undefined ? { line: i.line } : {}),
      ...(i.expected !== undefined ? { expected: i.expected } : {}),
      ...(i.received !== undefined ? { received: i.received } : {}),
    };
  }
}

/** A usage error: a command-line value that is not allowed (exit code 2). */
export function usageError(problem: string, location: ErrorLocation = {}): XsnnError {
  return new XsnnError(problem, location, { usage: true, code: 'usage' });
}

function issueAt(message: string, at: ErrorLocation, code: string): XsnnIssue {
  return {
    code,
    message,
    ...(at.field !== undefined && at.field !== '' ? { path: at.field.split('.') } : {}),
    ...(at.file !== undefined ? { file: at.file } : {}),
    ...(at.line !== undefined ? { line: at.line } : {}),
    ...(at.expected !== undefined ? { expected: at.expected } : {}),
    ...(at.received !== undefined ? { received: at.received } : {}),
  };
}

/** One issue as text: `file:line: field 'a.b': problem (expected …, received …)`. */
export function formatIssue(issue: XsnnIssue): string {
  const where: string[] = [];
  if (issue.file !== undefined) where.push(issue.line !== undefined ? `${issue.file}:${issue.line}` : issue.file);
  if (issue.path !== undefined && issue.path.length > 0) where.push(`field '${issue.path.map(String).join('.')}'`);
  const tail: string[] = [];
  if (issue.expected !== undefined) tail.push(`expected ${issue.expected}`);
  if (issue.received !== undefined) tail.push(`received ${issue.received}`);
  const head = where.length > 0 ? `${where.join(': ')}: ` : '';
  return `${head}${issue.message}${tail.length > 0 ? ` (${tail.join(', ')})` : ''}`;
}

/**
 * Fail fast at a public boundary: throws an {@link XsnnError} naming the function
 * when `condition` is false.
 */
export function checkArgument(condition: boolean, fn: string, problem: string): asserts condition {
  if (!condition) throw new XsnnError(`${fn}: ${problem}`);
}
