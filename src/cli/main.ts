#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import { version } from '../core/version.js';
import { errorReport } from './errorText.js';

/**
 * Builds the `xsnn` command-line program (commander). Exported so tests and
 * embedding tools can run it in-process.
 */
export function buildProgram(): Command {
  const program = new Command('xsnn')
    .description('Co-simulate spiking neural networks on in-memory crossbar hardware')
    .version(version)
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    const report = errorReport(err);
    process.stderr.write(report.text);
    return report.exitCode;
  }
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === (await import('node:url')).pathToFileURL((await import('node:fs')).realpathSync(process.argv[1])).href;
if (isMain) {
  // `xsnn presets | head`: a reader that stops early is not an error
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const code = await runCli(process.argv.slice(2));
  process.exitCode = code;
}
