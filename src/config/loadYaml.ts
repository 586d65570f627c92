import { readFileSync } from 'node:fs';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { XsnnError } from './XsnnError.js';

/** A YAML file read into a plain object, with what is needed to point at its lines. */
export interface YamlSource {
  readonly file: string;
  readonly data: unknown;
  /** 1-based line of the value at `path`, or of its nearest existing parent. */
  lineOf(path: ReadonlyArray<PropertyKey>): number | undefined;
}

/**
 * Reads and parses a YAML file; syntax errors become an {@link XsnnError} with the
 * file and line.
 */
export function readYaml(file: string): YamlSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new XsnnError(`cannot read file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file });
  }
  return parseYamlText(text, file);
}

/** Parses YAML text that came from `file` (used for messages only). */
export function parseYamlText(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    // linePos is only filled in with prettyErrors; compute the line from the offset.
    const line = first.linePos?.[0]?.line ?? lineCounter.linePos(first.pos[0]).line;
    throw new XsnnError(`malformed YAML: ${first.message.split('\n')[0] ?? ''}`, line === undefined ? { file } : { file, line });
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data) || !isMap(doc.contents)) {
    throw new XsnnError('expected a YAML mapping (key: value lines) at the top level', { file, line: 1 });
  }
  return {
    file,
    data,
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
        const offset = node?.range?.[0];
        if (offset !== undefined) return lineCounter.linePos(offset).line;
      }
      return undefined;
    },
  };
}

/**
 * Validates `data` with a zod schema and turns the first issue into an
 * {@link XsnnError} naming the file, line, field, and what was expected.
 * `sources` are searched in order for the line that defines the failing field
 * (an override file before the base it extends).
 */
export function validate<S extends z.ZodType>(schema: S, data: unknown, sources: ReadonlyArray<YamlSource>): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path;
  let file = sources[0]?.file;
  let line: number | undefined;
  for (const src of sources) {
    if (hasPath(src.data, path)) {
      file = src.file;
      line = src.lineOf(path);
      break;
    }
  }
  if (line === undefined && sources[0] !== undefined) line = sources[0].lineOf(path);
  const field = path.map(String).join('.');
  let problem = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys: string[] }).keys;
    problem = `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `'${k}'`).join(', ')}`;
    const at = [...path, keys[0]!];
    for (const src of sources) {
      if (hasPath(src.data, at)) {
        file = src.file;
        line = src.lineOf(at);
        break;
      }
    }
  }
  const loc: { file?: string; line?: number; field?: string } = {};
  if (file !== undefined) loc.file = file;
  if (line !== undefined) loc.line = line;
  if (field !== '') loc.field = field;
  throw new XsnnError(problem, loc);
}

function hasPath(data: unknown, path: ReadonlyArray<PropertyKey>): boolean {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !(key in cur)) return false;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return true;
}

/** Reads a YAML file and validates it against `schema` (see {@link validate}). */
export function loadYaml<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const src = readYaml(file);
  return validate(schema, src.data, [src]);
}
