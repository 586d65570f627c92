import { InvalidArgumentError } from 'commander';
import { XsnnError } from '../config/XsnnError.js';

/** Prints one JSON object on stdout (the `--json` contract of every subcommand). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A commander option parser for whole numbers ≥ `min`; anything else is a usage error naming the option. */
export function parseIntOption(name: string, min = 0): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} expects a whole number >= ${min}, got "${value}"`);
    return n;
  };
}

/**
 * A commander option parser from a parse function that throws an XsnnError: its
 * message becomes a usage error naming the option (exit code 2).
 */
export function usageParser<T>(name: string, parse: (value: string) => T): (value: string) => T {
  return (value: string) => {
    try {
      return parse(value);
    } catch (err) {
      if (err instanceof XsnnError) throw new InvalidArgumentError(`${name}: ${err.message}`);
      throw err;
    }
  };
}

/** A commander parser for one of `names` (e.g. `--algorithm`); anything else is a usage error listing them. */
export function parseChoice(name: string, names: ReadonlyArray<string>): (value: string) => string {
  return (value: string) => {
    if (!names.includes(value)) throw new InvalidArgumentError(`${name} expects one of ${names.join(', ')}, got "${value}"`);
    return value;
  };
}

const TILE_SHORTHAND = /^\s*([+-]?\d+(?:\.\d*)?)\s*[x×]\s*([+-]?\d+(?:\.\d*)?)\s*$/;

/** A commander parser for `--crossbar`: a preset name or path is kept; an `RxC` shorthand must have whole R, C >= 1 (else a usage error). */
export function parseCrossbarRef(value: string): string {
  const m = TILE_SHORTHAND.exec(value);
  if (m !== null && !(Number.isInteger(Number(m[1])) && Number.isInteger(Number(m[2])) && Number(m[1]) >= 1 && Number(m[2]) >= 1)) {
    throw new InvalidArgumentError(`--crossbar expects RxC with whole numbers R, C >= 1 (e.g. 128x128) or a crossbar preset, got "${value}"`);
  }
  const v = value.trim();
  if (v === '') throw new InvalidArgumentError('--crossbar expects RxC (e.g. 128x128) or a crossbar preset, got ""');
  // something that looks like a size but is not RxC (64y64, 64x) is a usage error that says so
  if (/^\d/.test(v) && !/^\d+\s*[x×X]\s*\d+$/.test(v) && !/[\\/]|\.ya?ml$/i.test(v)) {
    throw new InvalidArgumentError(`--crossbar expects RxC (rows x columns, e.g. 64x64 or 64x128), a crossbar preset name, or a YAML path, got "${value}"`);
  }
  return value;
}
