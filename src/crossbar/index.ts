/** Crossbar tile specifications (sizes, weight storage, periphery) and their presets. */
export { CrossbarSchema, type CrossbarConfig, type Periphery } from './CrossbarSchema.js';
export { type CrossbarSpec } from './CrossbarSpec.js';
export { loadCrossbar, crossbarFromConfig, type LoadCrossbarOptions } from './loadCrossbar.js';
