/**
 * xsnn: co-simulate spiking neural networks on in-memory crossbar hardware.
 * Data flows one way: data → snn → crossbar (mapping) → energy → report.
 */
export * from './config/index.js';
export * from './data/index.js';
export * from './snn/index.js';
export * from './devices/index.js';
export * from './crossbar/index.js';
export * from './mapping/index.js';
export * from './energy/index.js';
export * from './cosim/index.js';
export * from './sweep/index.js';
export * from './report/index.js';
export { version } from './core/version.js';
export { runCli, buildProgram } from './cli/main.js';
