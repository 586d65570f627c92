import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../config/presets.js';

/** The installed xsnn version (from package.json), recorded in checkpoints and reports. */
export const version: string = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
