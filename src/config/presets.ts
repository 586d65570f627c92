import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { readYaml, validateConfig, type YamlSource } from './loadYaml.js';
import { XsnnError } from './XsnnError.js';

/** The folders of YAML presets shipped at the package root. */
export type PresetKind = 'devices' | 'crossbar' | 'snn' | 'reports';

/** Absolute path of the installed package root (holds `devices/`, `snn/`, …). */
export const packageRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of a shipped preset folder. */
export function presetDir(kind: PresetKind): string {
  return join(packageRoot, kind);
}

/**
 * Resolves a preset reference: a path to a YAML file (anything containing a path
 * separator or ending in `.yaml`/`.yml`), or the name of a shipped preset in
 * `<package>/<kind>/<name>.yaml`. A relative path resolves against `relativeTo`:
 * callers pass the folder of the file that names the preset (the one rule for
 * relative paths in presets); the command line passes nothing (the working
 * directory). Default `process.cwd()`.
 */
export function resolvePresetPath(kind: PresetKind, ref: string, relativeTo?: string): string {
  const looksLikePath = ref.includes('/') || ref.includes('\\') || /\.ya?ml$/i.test(ref);
  if (looksLikePath) {
    const path = isAbsolute(ref) ? ref : resolve(relativeTo ?? process.cwd(), ref);
    if (!existsSync(path)) throw new XsnnError(`no such ${kind} preset file`, { file: path });
    return path;
  }
  const local = relativeTo !== undefined ? join(relativeTo, `${ref}.yaml`) : undefined;
  if (local !== undefined && existsSync(local)) return local;
  const shipped = join(presetDir(kind), `${ref}.yaml`);
  if (existsSync(shipped)) return shipped;
  const known = listPresetNames(kind);
  throw new XsnnError(`unknown ${kind} preset '${ref}'`, {
    expected: known.length > 0 ? `one of ${known.join(', ')} or a path to a YAML file` : 'a path to a YAML file',
  });
}

/** Names of the presets shipped in `<package>/<kind>/`, sorted. */
export function listPresetNames(kind: PresetKind): string[] {
  const dir = presetDir(kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** A preset after `extends:` resolution and validation. */
export interface LoadedPreset<T> {
  /** Validated value (units already converted to SI numbers). */
  readonly value: T;
  /** The preset's name (file name without `.yaml`). */
  readonly name: string;
  /** The file that was asked for. */
  readonly file: string;
  /** The chain of files, the asked-for one first, then each base it extends. */
  readonly chain: ReadonlyArray<YamlSource>;
  /** The merged raw YAML data (strings with units), before validation. */
  readonly raw: Record<string, unknown>;
}

/**
 * Loads a preset of `kind` by name or path, resolving `extends: <name|path>`
 * (deep merge: mappings merge key by key, anything else is replaced by the
 * override; `notes:` is not inherited, as it explains the file's own values),
 * then validates the merged data with `schema`. Errors name the file
 * and line that defined the failing field.
 */
export function loadPreset<S extends z.ZodType>(kind: PresetKind, ref: string, schema: S, relativeTo?: string): LoadedPreset<z.output<S>> {
  const file = resolvePresetPath(kind, ref, relativeTo);
  const chain: YamlSource[] = [];
  const seen = new Set<string>();
  let current: string | undefined = file;
  while (current !== undefined) {
    if (seen.has(current)) throw new XsnnError('preset extends itself (cycle)', { file: current, field: 'extends' });
    seen.add(current);
    const src = readYaml(current);
    chain.push(src);
    const ext = (src.data as Record<string, unknown>)['extends'];
    if (ext === undefined) break;
    if (typeof ext !== 'string') {
      const line = src.lineOf(['extends']);
      throw new XsnnError(
        'extends must name a preset or a YAML path',
        line === undefined ? { file: current, field: 'extends' } : { file: current, line, field: 'extends' },
      );
    }
    current = resolvePresetPath(kind, ext, dirname(current));
  }
  let merged: Record<string, unknown> = {};
  for (let k = chain.length - 1; k >= 0; k--) merged = deepMerge(merged, chain[k]!.data as Record<string, unknown>);
  delete merged['extends'];
  // `notes:` say where a file's own values came from: a preset does not inherit its base's
  const ownNotes = (chain[0]!.data as Record<string, unknown>)['notes'];
  if (ownNotes === undefined) delete merged['notes'];
  else merged['notes'] = ownNotes;
  const value = validateConfig(schema, merged, chain);
  const base = file.split(/[\\/]/).pop() ?? file;
  return { value, name: base.replace(/\.ya?ml$/i, ''), file, chain, raw: merged };
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? deepMerge(prev, value) : value;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
