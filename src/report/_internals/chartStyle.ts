import type { ReportFigure } from '../ReportFigure.js';
import type { Series } from '../ReportData.js';

/** Styling shared by the report's charts: colours, dashes, axes and legends (chart.js option objects). */

/** Tableau-10 colours. */
export const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
/** Line dash patterns, one per network (solid, dashed, dotted, dash-dot). */
export const DASHES: number[][] = [[], [14, 8], [4, 6], [16, 6, 4, 6]];

/** Names of {@link DASHES}, for captions. */
export const DASH_NAMES = ['solid', 'dashed', 'dotted', 'dash-dot'];

/** `solid: dense, dashed: compressed`: which line style is which network. */
export function dashLegend(series: ReadonlyArray<Series>): string {
  const nets = [...new Set(series.map((x) => x.network))];
  return nets.map((n, i) => `${DASH_NAMES[i % DASH_NAMES.length]}: ${n}`).join(', ');
}

/** Whether a series has at least one finite value. */
export const hasData = (s: Series): boolean => s.values.some((v) => v !== null && Number.isFinite(v));

/** An axis title in the report's chart font size. */
export function axisTitle(text: string) {
  return { display: true, text, font: { size: 22 } };
}

/** The legend below the chart: line samples (`lines`) or filled boxes (bars). */
export function legend(lines = true) {
  // line charts: a zero-height legend box is a line sample drawn with the dataset's dash; bars: filled boxes
  return { position: 'bottom' as const, labels: { font: { size: 19 }, boxWidth: 44, padding: 14, ...(lines ? { boxWidth: 60, boxHeight: 0 } : {}) } };
}

/** The crossbar-size category axis. */
export function sizeAxis() {
  return { type: 'category' as const, offset: true, title: axisTitle('Crossbar size (rows × columns)') };
}

/** A logarithmic value axis when every value is positive, else a linear one from zero. */
export function logAxis(title: string, allPositive: boolean) {
  return allPositive ? { type: 'logarithmic' as const, title: axisTitle(title) } : { type: 'linear' as const, beginAtZero: true, title: axisTitle(title) };
}

/** Whether every non-null value (times `scale`) is positive, so a log axis can show it. */
export function allPositive(series: ReadonlyArray<Series>, scale = 1): boolean {
  return series.every((s) => s.values.every((v) => v === null || v * scale > 0));
}

/** A figure that is not drawn: its title and caption, and why (`png: null`). */
export function note(id: string, title: string, caption: string, why: string): ReportFigure {
  return { id, title, caption, png: null, note: why };
}
