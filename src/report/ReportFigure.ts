/** One figure of the report: a rendered chart, or a note saying why it is absent. */
export interface ReportFigure {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  /** PNG bytes, or `null` when there was nothing to plot (then `note` says why). */
  readonly png: Buffer | null;
  readonly note: string | null;
}
