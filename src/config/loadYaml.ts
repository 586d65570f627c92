import { readFileSync } from 'node:fs';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { XsnnError } from './XsnnError.js';
import { zodIssues } from './zodIssues.js';

/** A YAML file read into a plain object, with what is needed to point at its lines. */
export interface YamlSource {
  readonly file: string;
  readonly data: unknown;
  /** 1-based line of the value at `path`, or of its nearest existing parent. */
  lineOf(path: ReadonlyArray<PropertyKey>): number | undefined;
}

/** Most alias expansions a YAML file may make (presets use none; the yaml package's default is 100). */
export const MAX_ALIAS_COUNT = 100;

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
  let data: unknown;
  try {
    // aliases expand on conversion: a "billion laughs" document stops here, not in the caller
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    throw new XsnnError(`malformed YAML: ${err instanceof Error ? err.message : String(err)}`, { file }, { cause: err, code: 'invalid_yaml' });
  }
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
 * Validates `data` with a zod schema; every issue (not only the first) goes into
 * one {@link XsnnError}, each naming the file, line, field, and what was expected.
 * `sources` are searched in order for the line that defines the failing field
 * (an override file before the base it extends).
 */
export function validateConfig<S extends z.ZodType>(schema: S, data: unknown, sources: ReadonlyArray<YamlSource>): z.output<S> {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  throw new XsnnError(zodIssues(result.error, { locate: (path) => locateIn(sources, path) }), {}, { cause: result.error });
}

/** The file and line defining `path`: the first source that has it, else the first source's nearest parent. */
function locateIn(sources: ReadonlyArray<YamlSource>, path: ReadonlyArray<PropertyKey>): { file?: string; line?: number } {
  for (const src of sources) {
    if (hasPath(src.data, path)) {
      const line = src.lineOf(path);
      return line === undefined ? { file: src.file } : { file: src.file, line };
    }
  }
  const first = sources[0];
  if (first === undefined) return {};
  const line = first.lineOf(path);
  return line === undefined ? { file: first.file } : { file: first.file, line };
}

function hasPath(data: unknown, path: ReadonlyArray<PropertyKey>): boolean {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !(key in cur)) return false;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return true;
}

/** Reads a YAML file and validates it against `schema` (see {@link validateConfig}). */
export function loadYaml<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const src = readYaml(file);
  return validateConfig(schema, src.data, [src]);
}
