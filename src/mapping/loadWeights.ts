import { existsSync, statSync } from 'node:fs';
import { XsnnError } from '../config/XsnnError.js';
import { assertCsr, type CsrMatrix } from '../core/CsrMatrix.js';
import { checkpointCsr, loadCheckpoint } from '../snn/index.js';
import { readMatrixMarket } from './readMatrixMarket.js';

/**
 * Loads the weights to map: a checkpoint directory written by `xsnn train`
 * (its surviving input→excitatory synapses) or a Matrix Market `.mtx` file
 * (rows = inputs, columns = neurons). Every weight must be finite.
 */
export function loadWeights(path: string): CsrMatrix {
  if (!existsSync(path))
    throw new XsnnError('no such weights file or checkpoint directory', { file: path, expected: 'a .mtx file or a checkpoint directory of `xsnn train`' });
  const w = statSync(path).isDirectory() ? checkpointCsr(loadCheckpoint(path)) : readMatrixMarket(path);
  assertCsr(w, path);
  return w;
}
