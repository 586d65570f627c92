import type { LoadedSweepSpec } from './loadSweepSpec.js';

/**
 * A sweep definition set to train its networks from scratch: each network
 * that names a recipe loses its `checkpoint:` folder, so its checkpoint is
 * `<checkpointRoot>/<recipe>` (trained by `runReportSpec` when missing) rather
 * than a shipped or earlier one. Networks without a recipe keep theirs.
 * `xsnn report --spec … --retrain` uses it.
 */
export function retrainSpec(loaded: LoadedSweepSpec): LoadedSweepSpec {
  const networks = loaded.spec.networks.map((n) => {
    if (n.recipe === undefined || n.checkpoint === undefined) return n;
    const { checkpoint: _dropped, ...rest } = n;
    return rest;
  });
  return { ...loaded, spec: { ...loaded.spec, networks } };
}
