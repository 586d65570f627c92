import type { ReportFigure } from './reportCharts.js';

/** Figures of a report, by section: charts from the results, receptive fields and tile occupancy from `figures/`. */
export interface ReportFigures {
  readonly charts: ReadonlyArray<ReportFigure>;
  readonly receptiveFields: ReadonlyArray<ReportFigure>;
  readonly occupancy: ReadonlyArray<ReportFigure>;
}
