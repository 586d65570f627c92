import type { z } from 'zod';
import type { XsnnIssue } from './XsnnError.js';

/** Where a zod issue's path lies in a file (the default: `file`, no line). */
export type IssueLocator = (path: ReadonlyArray<PropertyKey>) => { readonly file?: string; readonly line?: number };

/** Options of {@link zodIssues}. */
export interface ZodIssuesOptions {
  /** File every issue is in (unless `locate` says otherwise). */
  readonly file?: string;
  /** Finds the file and line of a field path (YAML sources). */
  readonly locate?: IssueLocator;
  /** Prefixed to every message, e.g. `invalid sweep manifest: `. @defaultValue `''` */
  readonly prefix?: string;
}

/**
 * Every issue of a zod error as {@link XsnnIssue}s (not only the first): code, path,
 * file and line, what was expected and what was received. An unknown key points at
 * the key itself.
 */
export function zodIssues(error: z.ZodError, options: ZodIssuesOptions = {}): XsnnIssue[] {
  return error.issues.map((issue) => oneIssue(issue, options));
}

function oneIssue(issue: z.core.$ZodIssue, options: ZodIssuesOptions): XsnnIssue {
  const path = issue.path.map((k) => (typeof k === 'number' ? k : String(k)));
  let message = issue.message;
  let expected: string | undefined;
  let received: string | undefined;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys;
    message = `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `'${k}'`).join(', ')}`;
    expected = 'only the keys the schema defines';
  } else if (issue.code === 'invalid_type') {
    expected = String(issue.expected);
    if ('input' in issue) received = describe(issue.input);
  } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // "Invalid input" says nothing: list what each alternative wanted
    const wants = issue.errors.map((alt) => alt[0]?.message).filter((m): m is string => m !== undefined);
    if (wants.length > 0) message = `none of the accepted forms matches: ${[...new Set(wants)].join('; or ')}`;
    if ('input' in issue) received = describe(issue.input);
  } else if ('input' in issue && issue.input !== undefined) {
    received = describe(issue.input);
  }
  const at = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path;
  const where = options.locate?.(at) ?? {};
  const file = where.file ?? options.file;
  return {
    code: issue.code,
    message: `${options.prefix ?? ''}${message}`,
    ...(path.length > 0 ? { path } : {}),
    ...(file !== undefined ? { file } : {}),
    ...(where.line !== undefined ? { line: where.line } : {}),
    ...(expected !== undefined && !message.includes(`expected ${expected}`) ? { expected } : {}),
    ...(received !== undefined ? { received } : {}),
  };
}

/** A short description of a received value. */
function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v !== 'object') return typeof v;
  return Array.isArray(v) ? 'an array' : 'an object';
}
