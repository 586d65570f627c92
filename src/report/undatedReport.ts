/**
 * The date of a report written without `--date`: a fixed instant, so that equal
 * records give byte-identical PDF, CSV and JSON files (the run times of the points
 * are not used). The title page then says the report is undated; `--date` prints
 * the given date and uses it as the PDF's creation and modification date.
 */
export const UNDATED_REPORT = '2000-01-01T00:00:00.000Z';
