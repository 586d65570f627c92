import type { Command } from 'commander';
import { dirname } from 'node:path';
import { z } from 'zod';
import { listPresetNames, loadPreset, resolvePresetPath, type LoadedPreset, type PresetKind } from '../../config/presets.js';
import { readYaml } from '../../config/loadYaml.js';
import { XsnnError } from '../../config/XsnnError.js';
import { formatQuantity } from '../../config/units.js';
import { CrossbarSchema } from '../../crossbar/CrossbarSchema.js';
import { loadCrossbar } from '../../crossbar/loadCrossbar.js';
import { DeviceSchema } from '../../devices/DeviceSchema.js';
import { loadDevice } from '../../devices/loadDevice.js';
import { SnnRecipeSchema } from '../../snn/SnnRecipe.js';
import { SweepSpecSchema } from '../../sweep/SweepSpec.js';
import { printJson } from '../output.js';

/** Every preset kind, in listing order. */
const KINDS: readonly PresetKind[] = ['devices', 'crossbar', 'snn', 'reports'];

/** Any YAML mapping: snn and reports presets are validated by their own modules; here they are only read. */
const AnyMapping = z.record(z.string(), z.unknown());

/** One line of `xsnn presets --json`. */
export interface PresetListing {
  readonly name: string;
  readonly kind: PresetKind;
  readonly source: string;
  /** The preset it extends, if any. */
  readonly extends: string | null;
  readonly title: string | null;
  readonly file: string;
}

function loadRaw(kind: PresetKind, ref: string, relativeTo?: string): LoadedPreset<Record<string, unknown>> {
  return loadPreset(kind, ref, AnyMapping, relativeTo);
}

/** Validates a device or crossbar preset with its real schema (throws a located XsnnError when it is wrong). */
function validateTyped(kind: PresetKind, file: string): void {
  if (kind === 'devices') loadDevice(file);
  else if (kind === 'crossbar') loadCrossbar(file);
}

/**
 * Lists the shipped presets of every kind with name, kind and source
 * (devices and crossbar presets are fully validated on the way).
 */
export function listPresets(): PresetListing[] {
  const out: PresetListing[] = [];
  for (const kind of KINDS) {
    for (const name of listPresetNames(kind)) {
      const p = loadRaw(kind, name);
      validateTyped(kind, p.file);
      const own = p.chain[0]!.data as Record<string, unknown>;
      out.push({
        name,
        kind,
        source: typeof p.raw['source'] === 'string' ? p.raw['source'] : '(no source)',
        extends: typeof own['extends'] === 'string' ? own['extends'] : null,
        title: typeof p.raw['name'] === 'string' ? p.raw['name'] : null,
        file: p.file,
      });
    }
  }
  return out;
}

/** One resolved leaf of a preset, and how it relates to the base it extends. */
export interface PresetField {
  readonly path: string;
  readonly value: unknown;
  /** `own`: set by this preset with no base value; `override`: differs from the base; `inherited`: from the base (or no base). */
  readonly origin: 'own' | 'override' | 'inherited';
  readonly baseValue?: unknown;
}

function leaves(data: unknown, prefix: string, out: Map<string, unknown>): void {
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    for (const [k, v] of Object.entries(data)) leaves(v, prefix === '' ? k : `${prefix}.${k}`, out);
  } else {
    out.set(prefix, data);
  }
}

/** Resolved fields of a preset, each marked own / override / inherited relative to the base it extends. */
export function presetFields(kind: PresetKind, ref: string): { preset: LoadedPreset<Record<string, unknown>>; fields: PresetField[]; base: string | null } {
  const preset = loadRaw(kind, ref);
  validateTyped(kind, preset.file);
  const own = preset.chain[0]!.data as Record<string, unknown>;
  const baseRef = typeof own['extends'] === 'string' ? own['extends'] : null;
  const baseLeaves = new Map<string, unknown>();
  if (baseRef !== null) leaves(loadRaw(kind, baseRef, dirname(preset.file)).raw, '', baseLeaves);
  const ownLeaves = new Map<string, unknown>();
  leaves(own, '', ownLeaves);
  const all = new Map<string, unknown>();
  leaves(preset.raw, '', all);
  const fields: PresetField[] = [];
  for (const [path, value] of all) {
    if (baseRef === null || !ownLeaves.has(path)) fields.push({ path, value, origin: 'inherited' });
    else if (!baseLeaves.has(path)) fields.push({ path, value, origin: 'own' });
    else if (JSON.stringify(baseLeaves.get(path)) !== JSON.stringify(value)) fields.push({ path, value, origin: 'override', baseValue: baseLeaves.get(path) });
    else fields.push({ path, value, origin: 'inherited' });
  }
  return { preset, fields, base: baseRef };
}

/** Each kind's schema: a file is of the kind whose schema it validates against (all are strict). */
const SCHEMAS: Record<PresetKind, z.ZodObject> = { devices: DeviceSchema, crossbar: CrossbarSchema, snn: SnnRecipeSchema, reports: SweepSpecSchema };
/** Keys every kind may have, which say nothing about the kind. */
const COMMON_KEYS = new Set(['name', 'source', 'notes', 'description', 'seed', 'extends']);

/**
 * The kind of a preset file, from its contents: the one kind whose schema the
 * file (after `extends:`) validates against; failing that (a file with an error
 * in it), the kind whose own keys it uses most (`conductance`, `levels` →
 * devices; `rows`, `periphery` → crossbar; `network`, `learning` → snn;
 * `networks`, `crossbars` → reports). An error saying so when neither decides.
 */
export function inferPresetKind(file: string): PresetKind {
  const valid = KINDS.filter((k) => {
    try {
      loadPreset(k, file, SCHEMAS[k]);
      return true;
    } catch {
      return false;
    }
  });
  if (valid.length === 1) return valid[0]!;
  const data = readYaml(file).data;
  const own = Object.keys(data !== null && typeof data === 'object' ? data : {}).filter((k) => !COMMON_KEYS.has(k));
  const score = (k: PresetKind): number => own.filter((key) => key in SCHEMAS[k].shape).length;
  const candidates = valid.length > 1 ? valid : KINDS;
  const best = Math.max(...candidates.map(score));
  const top = candidates.filter((k) => score(k) === best);
  if (best > 0 && top.length === 1) return top[0]!;
  throw new XsnnError(`presets show: cannot tell which kind of preset ${file} is (top-level keys: ${own.join(', ') || 'none'})`, {
    file,
    expected: `--kind ${KINDS.join('|')}`,
  });
}

function findKind(name: string, kind: string | undefined): PresetKind {
  if (kind !== undefined) {
    if (!(KINDS as readonly string[]).includes(kind))
      throw new XsnnError(`unknown preset kind '${kind}'`, { field: '--kind', expected: KINDS.join(', '), received: kind });
    return kind as PresetKind;
  }
  if (/[\\/]|\.ya?ml$/i.test(name)) return inferPresetKind(resolvePresetPath('devices', name));
  const hits = KINDS.filter((k) => listPresetNames(k).includes(name));
  if (hits.length === 1) return hits[0]!;
  if (hits.length === 0) {
    throw new XsnnError(`no preset named '${name}'`, { expected: 'a name listed by `xsnn presets`, or a path to a YAML file' });
  }
  throw new XsnnError(`preset name '${name}' exists in several kinds (${hits.join(', ')}); choose one with --kind`);
}

function showValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function derivedLines(kind: PresetKind, file: string): string[] {
  if (kind === 'devices') {
    const d = loadDevice(file);
    return [
      `G_min = ${formatQuantity(d.gMinS, 'S')}, G_max = ${formatQuantity(d.gMaxS, 'S')} (R_off = ${formatQuantity(1 / d.gMinS, 'ohm')}, R_on = ${formatQuantity(1 / d.gMaxS, 'ohm')})`,
      `levels = ${Number.isFinite(d.levelCount) ? d.levelCount : 'continuous'}`,
      `cell area = ${d.cellAreaF2} F^2 x (${formatQuantity(d.nodeM, 'm')})^2 = ${(d.cellAreaM2 / 1e-12).toPrecision(4)} um^2`,
    ];
  }
  if (kind === 'crossbar') {
    const x = loadCrossbar(file);
    return [
      `device = ${x.device.name} (${x.device.title})`,
      `node = ${formatQuantity(x.nodeM, 'm')}`,
      `weight = ${x.weightBits === undefined ? 'device levels' : `${x.weightBits} bits`}, ${x.cellsPerWeight} cell(s) per weight, ${x.columnsPerWeight} column(s) per weight (${x.weightEncoding})`,
      `neurons per tile (logical columns) = ${x.logicalCols}`,
    ];
  }
  return [];
}

/** Registers `xsnn presets [--json]` and `xsnn presets show <name> [--kind k] [--json]`. */
export function registerPresets(program: Command): void {
  const cmd = program
    .command('presets')
    .description('list the shipped presets of every kind (devices, crossbar, snn, reports) with their sources')
    .option('--json', 'print a JSON array of {name, kind, source, extends, title, file}')
    .action((opts: { json?: boolean }) => {
      const list = listPresets();
      if (opts.json === true) {
        printJson(list);
        return;
      }
      const w = Math.max(4, ...list.map((p) => p.name.length));
      process.stdout.write(`${'kind'.padEnd(9)} ${'name'.padEnd(w)}  source\n`);
      for (const p of list) {
        const src = p.source.replace(/\s+/g, ' ');
        process.stdout.write(`${p.kind.padEnd(9)} ${p.name.padEnd(w)}  ${src.length > 100 ? `${src.slice(0, 99)}…` : src}\n`);
      }
    });
  cmd
    .command('show <name>')
    .description("print a preset's resolved values with units; * marks values that override the base it extends")
    .option(
      '--kind <kind>',
      `preset kind: ${KINDS.join(', ')} (default: the kind whose shipped presets have that name, or, for a path, the kind the file's contents validate as)`,
    )
    .option('--json', 'print {name, kind, file, extends, fields:[{path, value, origin, baseValue}]}')
    .action((name: string, opts: { kind?: string; json?: boolean }) => {
      // `--json` after `show` may be claimed by the parent `presets` command (same flag): honour either.
      const json = opts.json === true || cmd.opts<{ json?: boolean }>().json === true;
      const looksLikePath = /[\\/]|\.ya?ml$/i.test(name);
      const kind = findKind(name, opts.kind);
      if (looksLikePath) resolvePresetPath(kind, name);
      const { preset, fields, base } = presetFields(kind, name);
      if (json) {
        printJson({ name: preset.name, kind, file: preset.file, extends: base, fields });
        return;
      }
      const out: string[] = [`${preset.name} (${kind})${base !== null ? ` extends ${base}` : ''}  [${preset.file}]`];
      if (base !== null) out.push(`  * = differs from ${base}; + = not in ${base}`);
      const w = Math.max(...fields.map((f) => f.path.length));
      for (const f of fields) {
        const mark = f.origin === 'override' ? '*' : f.origin === 'own' ? '+' : ' ';
        const tail = f.origin === 'override' && !['name', 'source', 'notes'].includes(f.path) ? `   (overrides base: ${showValue(f.baseValue)})` : '';
        out.push(`${mark} ${f.path.padEnd(w)}  ${showValue(f.value).replace(/\s+/g, ' ')}${tail}`);
      }
      const derived = derivedLines(kind, preset.file);
      if (derived.length > 0) out.push('', 'resolved:', ...derived.map((l) => `  ${l}`));
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
