import { formatSignificant, sizeLabel } from '../../core/formatFigure.js';
import { displayName } from '../format.js';
import type { ReferencePoint } from '../ReportData.js';

/** The reference point in words, written once for every place that names it: `64×64 crossbars, device rram-hfox-32nm, periphery base, σ = 0 %`. */
export function referenceText(ref: ReferencePoint): string {
  return `${sizeLabel(ref.rows, ref.cols)} crossbars, device ${displayName(ref.device)}, periphery ${displayName(ref.periphery)}, σ = ${formatSignificant(ref.variationSigma * 100, 3)} %`;
}
