import type { ReportData } from '../ReportData.js';
import type { ReportRecords } from './ReportRecords.js';

/** `images.label` of a sweep definition as written (null when absent or not a number). */
function labelImagesOf(definition: Record<string, unknown>): number | null {
  const images = definition['images'];
  if (typeof images !== 'object' || images === null) return null;
  const n = (images as Record<string, unknown>)['label'];
  return typeof n === 'number' ? n : null;
}

const sortedNumbers = (xs: ReadonlyArray<number>): number[] => [...new Set(xs)].sort((a, b) => a - b);

/** Where the results came from: seeds, checkpoints, presets, samples and image budgets. */
export function provenanceOf(rr: ReportRecords): ReportData['provenance'] {
  const { manifest, recs } = rr;
  return {
    seeds: sortedNumbers([manifest.seed, ...recs.map((r) => r.seed)]),
    networks: manifest.networks.map((n) => ({
      name: n.name,
      role: n.role,
      recipe: n.recipe,
      checkpointHash: n.checkpointHash,
      synapses: rr.firstOf(n.name)?.network.synapses ?? null,
      levels: rr.firstOf(n.name)?.network.levels ?? null,
      levelsUsed: n.levelsUsed ?? null,
      trainImages: n.training?.trainImages ?? null,
      epochs: n.training?.epochs ?? null,
    })),
    devices: manifest.devices.map((d) => ({ name: d.name, hash: d.hash })),
    periphery: manifest.periphery.map((p) => ({ name: p.name, hash: p.hash })),
    samples: sortedNumbers(recs.map((r) => r.samples)),
    testImages: sortedNumbers(recs.map((r) => r.testImages)),
    energyImages: sortedNumbers(recs.map((r) => r.energyImages)),
    labels: [...new Set(recs.map((r) => r.labels))].sort(),
    labelImages: labelImagesOf(manifest.definition),
  };
}
