import type { ReportFigure } from '../reportCharts.js';
import type { ReportFigures } from '../ReportFigures.js';
import type { PdfLayout } from './PdfLayout.js';

/** The chart sections (tiles, breakdowns, per device, hardware time, accuracy), then receptive fields and tile occupancy. */
export function figureSections(out: PdfLayout, figures: ReportFigures): void {
  const byId = (prefix: string): ReportFigure[] => figures.charts.filter((c) => c.id.startsWith(prefix));
  for (const f of byId('tiles-vs-size')) out.figure(f);
  out.section('Energy per inference breakdown', byId('energy-breakdown-'));
  out.section('Area breakdown', byId('area-breakdown-'));
  out.section('Energy and area per device', [...byId('energy-vs-size'), ...byId('area-vs-size')]);
  out.section('Hardware time: latency by stage, energy and latency', [...byId('latency-breakdown'), ...byId('energy-latency-vs-size')]);
  out.section('Accuracy and device variation', byId('accuracy-vs-variation'));
  out.section(
    'Learned receptive fields',
    figures.receptiveFields,
    290,
    'No receptive-field figure: the results folder has no figures/receptive-fields-*.json (written by `xsnn report --spec` from the checkpoints).',
  );
  out.section(
    'Tile occupancy of one mapping',
    figures.occupancy,
    400,
    'No tile-occupancy figure: the results folder has no figures/occupancy-*.json (written by `xsnn report --spec` from the mapper).',
  );
}
