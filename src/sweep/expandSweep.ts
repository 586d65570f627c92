import { hashValue } from '../core/hash.js';
import type { ResolvedSweep } from './resolveSweep.js';
import type { SweepPoint } from './SweepPoint.js';
import { OWN_SIGMA } from './SweepSpec.js';

/**
 * Every point of a resolved sweep, in a deterministic order: network,
 * periphery, device, variation, crossbar size (each in definition order;
 * variation levels after the first only at the sizes `variation.crossbars`
 * lists, if it does; a level `own` is the device preset's own σ, and a level
 * giving a device a σ it already has is skipped). Points that differ only in their crossbar size form a
 * *simulation group* (`groupKey`, `groupCrossbars`): with a linear periphery
 * one co-simulation serves every size of the group (`simulateCrossbars`); they
 * are adjacent, so shards and worker tasks keep them together.
 */
export function expandSweep(sweep: ResolvedSweep): SweepPoint[] {
  const { spec } = sweep;
  const points: SweepPoint[] = [];
  for (const net of sweep.networks) {
    for (const periphery of sweep.periphery) {
      for (const device of sweep.devices) {
        const sigmas: number[] = [];
        for (let v = 0; v < spec.variation.levels.length; v++) {
          const level = spec.variation.levels[v]!;
          const sigma = level === OWN_SIGMA ? device.ownSigma! : level;
          if (sigmas.includes(sigma)) continue; // `own` and a number may name the same σ
          sigmas.push(sigma);
          const sizes = spec.crossbars.filter(
            (size) => v === 0 || spec.variation.crossbars === null || spec.variation.crossbars.some((c) => c.rows === size.rows && c.cols === size.cols),
          );
          const groupKey = hashValue({ checkpointHash: net.checkpointHash, periphery: periphery.hash, device: device.hash, variationSigma: sigma });
          const groupCrossbars = sizes.map((size) => ({ rows: size.rows, cols: size.cols }));
          for (const size of sizes) {
            const identity = {
              network: { name: net.name, role: net.role, checkpointHash: net.checkpointHash },
              crossbar: { rows: size.rows, cols: size.cols, periphery: { name: periphery.name, hash: periphery.hash } },
              device: { name: device.name, hash: device.hash },
              variationSigma: sigma,
              samples: spec.samples,
              seed: spec.seed,
              images: spec.images,
              ...(spec.labels !== undefined ? { labels: spec.labels } : {}),
            };
            points.push({
              key: hashValue(identity),
              groupKey,
              groupCrossbars,
              network: { name: net.name, role: net.role, recipe: net.recipe, checkpoint: net.checkpoint, checkpointHash: net.checkpointHash },
              crossbar: { rows: size.rows, cols: size.cols, periphery: { name: periphery.name, file: periphery.file, hash: periphery.hash } },
              device: { name: device.name, file: device.file, hash: device.hash },
              variationSigma: sigma,
              samples: spec.samples,
              seed: spec.seed,
              images: { label: spec.images.label, test: spec.images.test, ...(spec.images.energy !== undefined ? { energy: spec.images.energy } : {}) },
              ...(spec.labels !== undefined ? { labels: spec.labels } : {}),
            });
          }
        }
      }
    }
  }
  return points;
}
