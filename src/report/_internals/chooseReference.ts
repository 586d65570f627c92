import type { SweepManifest } from '../../sweep/SweepManifest.js';
import { ReportReferenceSchema } from '../../sweep/SweepSpec.js';
import type { ReferencePoint } from '../ReportData.js';
import type { ReportRecords } from './ReportRecords.js';

/**
 * The summary's reference point: `over`, then the definition's `report:` section,
 * then built-in choices (the largest square size up to 128×128, else the size
 * nearest 128×128 in cells; the first device and periphery; the smallest σ).
 */
export function chooseReference(manifest: SweepManifest, rr: ReportRecords, over: Partial<ReferencePoint>): ReferencePoint {
  const fromSpec = ReportReferenceSchema.safeParse(manifest.definition['report'] ?? {});
  const spec = fromSpec.success ? fromSpec.data : {};
  const sizes = rr.sizes;
  let size = spec.crossbar ?? null;
  if (size === null) {
    const squares = sizes.filter((s) => s.rows === s.cols && s.rows <= 128);
    size =
      squares.length > 0
        ? squares[squares.length - 1]!
        : [...sizes].sort((a, b) => Math.abs(Math.log((a.rows * a.cols) / 16384)) - Math.abs(Math.log((b.rows * b.cols) / 16384)))[0]!;
  }
  const recs = rr.recs;
  return {
    rows: over.rows ?? size.rows,
    cols: over.cols ?? size.cols,
    device: over.device ?? spec.device ?? manifest.devices[0]?.name ?? recs[0]!.device.name,
    periphery: over.periphery ?? spec.periphery ?? manifest.periphery[0]?.name ?? recs[0]!.crossbar.periphery,
    variationSigma: over.variationSigma ?? spec.variation ?? rr.sigmas[0]!,
  };
}
