import { hashValue } from '../_internals/hash.js';
import type { ResolvedSweep } from './resolveSweep.js';
import type { SweepPoint } from './SweepPoint.js';

/**
 * Every point of a resolved sweep, in a deterministic order: network, crossbar
 * size, periphery, device, variation (each in definition order; variation levels
 * after the first only at the sizes `variation.crossbars` lists, if it does). Points that
 * share a network and a size (and so a mapping) are adjacent.
 */
export function expandSweep(sweep: ResolvedSweep): SweepPoint[] {
  const { spec } = sweep;
  const points: SweepPoint[] = [];
  for (const net of sweep.networks) {
    for (const size of spec.crossbars) {
      const groupKey = hashValue({ checkpointHash: net.checkpointHash, rows: size.rows, cols: size.cols });
      for (const periphery of sweep.periphery) {
        for (const device of sweep.devices) {
          for (let v = 0; v < spec.variation.levels.length; v++) {
            const sigma = spec.variation.levels[v]!;
            if (v > 0 && spec.variation.crossbars !== null && !spec.variation.crossbars.some((c) => c.rows === size.rows && c.cols === size.cols)) continue;
            const identity = {
              network: { name: net.name, role: net.role, checkpointHash: net.checkpointHash },
              crossbar: { rows: size.rows, cols: size.cols, periphery: { name: periphery.name, hash: periphery.hash } },
              device: { name: device.name, hash: device.hash },
              variationSigma: sigma,
              samples: spec.samples,
              seed: spec.seed,
              images: spec.images,
            };
            points.push({
              key: hashValue(identity),
              groupKey,
              network: { name: net.name, role: net.role, recipe: net.recipe, checkpoint: net.checkpoint, checkpointHash: net.checkpointHash },
              crossbar: { rows: size.rows, cols: size.cols, periphery: { name: periphery.name, file: periphery.file, hash: periphery.hash } },
              device: { name: device.name, file: device.file, hash: device.hash },
              variationSigma: sigma,
              samples: spec.samples,
              seed: spec.seed,
              images: { label: spec.images.label, test: spec.images.test },
            });
          }
        }
      }
    }
  }
  return points;
}
