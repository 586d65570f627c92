import { existsSync } from 'node:fs';
import { checkOutputPath } from '../../core/checkOutputPath.js';
import { usageError } from '../../config/XsnnError.js';
import { assertReplaceableCheckpoint } from '../../snn/Checkpoint.js';

/**
 * Checks `train --out` before any training: the location must be writable; an
 * existing path must be an xsnn checkpoint (anything else is never replaced), and
 * replacing a checkpoint needs `--force`.
 */
export function checkTrainOutput(out: string, force: boolean): void {
  checkOutputPath(out, 'dir', 'train --out');
  if (!existsSync(out)) return;
  assertReplaceableCheckpoint(out);
  if (!force) throw usageError('train --out: a checkpoint exists at this path; pass --force to replace it', { file: out, expected: 'a new path, or --force' });
}
