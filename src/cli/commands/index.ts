import type { Command } from 'commander';
import { registerTrain } from './train.js';
import { registerEval } from './eval.js';
import { registerSweep } from './sweep.js';
import { registerMerge } from './merge.js';
import { registerReport } from './report.js';
import { registerMap } from './map.js';
import { registerPresets } from './presets.js';
import { registerSimulate } from './simulate.js';
import { registerCompare } from './compare.js';

/** Registers one subcommand on the program. One file per subcommand in this folder. */
export type RegisterCommand = (program: Command) => void;

/** Every `xsnn` subcommand, in help order. */
export const commands: RegisterCommand[] = [
  registerTrain,
  registerEval,
  registerSweep,
  registerMerge,
  registerReport,
  registerMap,
  registerSimulate,
  registerCompare,
  registerPresets,
];
