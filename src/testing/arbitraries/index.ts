import { bernoulliCase } from './bernoulliCase.js';
import { edgeCase } from './edgeCase.js';
import { mappingCase } from './mappingCase.js';
import { plantedCase } from './plantedCase.js';
import { powerLawCase } from './powerLawCase.js';
import { tileShape } from './tileShape.js';
import { tinyCase } from './tinyCase.js';

export type { BernoulliCaseConstraints } from './bernoulliCase.js';
export type { MappingCaseConstraints } from './mappingCase.js';
export type { PlantedCaseConstraints } from './plantedCase.js';
export type { PowerLawCaseConstraints } from './powerLawCase.js';
export type { TileShapeConstraints } from './tileShape.js';
export type { TinyCaseConstraints } from './tinyCase.js';

/** fast-check arbitraries of mapping problems ({@link MappingCase}s). */
export const arbitraries = { mappingCase, bernoulliCase, plantedCase, powerLawCase, edgeCase, tinyCase, tileShape } as const;
