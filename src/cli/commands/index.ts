import type { Command } from 'commander';

/** Registers one subcommand on the program. One file per subcommand in this folder. */
export type RegisterCommand = (program: Command) => void;

/** Every `xsnn` subcommand, in help order. */
export const commands: RegisterCommand[] = [];
