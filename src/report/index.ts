/**
 * Reports: from sweep results to a PDF (pdfkit; charts by chart.js on
 * @napi-rs/canvas with the bundled DejaVu Sans font), with the same data as CSV
 * and JSON; and the whole train → sweep → report pipeline from a definition.
 */
export { writeReport, type WriteReportOptions, type WrittenReport } from './writeReport.js';
export { buildReportData, type BuildReportDataOptions } from './buildReportData.js';
export type { ReportData, Series, SizeSeries, Breakdown, SummaryRow, ReferencePoint, MethodTerm, PresetValues, ModeGroup, TimeVsSize } from './ReportData.js';
export { buildReportCharts, type ReportFigure } from './reportCharts.js';
export { renderChartPng, type RenderChartOptions } from './renderChart.js';
export { renderReportPdf, type RenderReportPdfOptions, type ReportFigures } from './renderReportPdf.js';
export { renderReceptiveFields, type RenderReceptiveFieldsOptions } from './renderReceptiveFields.js';
export { renderTileOccupancy, occupancyStats, type RenderTileOccupancyOptions } from './renderTileOccupancy.js';
export { writeFigureInputs, readFigureInputs, checkReceptiveFields, tileCells, type ReceptiveFieldsInput, type TileOccupancyInput } from './FigureInputs.js';
export { occupancyFromMapping } from './occupancyFromMapping.js';
export { resultsCsv } from './resultsCsv.js';
export { runReportSpec, referenceSize, type RunReportSpecOptions, type ReportSpecRun, type RecipeTrainer, type FigureSources } from './runReportSpec.js';
export { trainRecipe, checkpointFigureSources } from './defaultPipeline.js';
export { FONT_FAMILY, FONT_FILES, registerChartFonts } from './fonts.js';
export { pickScale, formatNumber, formatFixedDigits, formatFixedRatio, sizeLabel, displayName, type DisplayScale } from './format.js';
