import { InvalidArgumentError } from 'commander';

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
