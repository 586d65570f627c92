import { loadCrossbar } from '../crossbar/loadCrossbar.js';
import { loadDevice } from '../devices/loadDevice.js';
import { XsnnError, type XsnnIssue } from '../config/XsnnError.js';
import { isCheckpointDir, loadCheckpoint } from '../snn/Checkpoint.js';
import type { ResolvedSweep } from './resolveSweep.js';

/**
 * Validates everything a co-simulation sweep reads, before its first point: every
 * device preset and periphery (crossbar) preset with its full schema (units,
 * ranges) and every xsnn checkpoint folder in full (manifest, sizes, SHA-256,
 * finite weights). All problems found are reported together as one
 * {@link XsnnError}, each naming the file and the sweep entry that uses it.
 * Checkpoints in other formats are left to the evaluator that reads them.
 */
export function validateSweepInputs(sweep: ResolvedSweep): void {
  const issues: XsnnIssue[] = [];
  const attempt = (what: () => void, path: Array<string | number>, entry: string): void => {
    try {
      what();
    } catch (err) {
      if (!(err instanceof XsnnError)) throw err;
      issues.push(...err.issues, { code: 'invalid_reference', message: `${entry} named here is invalid`, path, file: sweep.specFile });
    }
  };
  sweep.devices.forEach((d, i) => attempt(() => loadDevice(d.file), ['devices', i], `device preset '${d.name}'`));
  sweep.periphery.forEach((p, i) => attempt(() => loadCrossbar(p.file), ['periphery', i], `periphery preset '${p.name}'`));
  sweep.networks.forEach((n, i) => {
    if (isCheckpointDir(n.checkpoint)) attempt(() => loadCheckpoint(n.checkpoint), ['networks', i], `checkpoint of network '${n.name}'`);
  });
  if (issues.length > 0) throw new XsnnError(issues);
}
