import type { Report } from '../report/report.js'

/** The report as JSON, for `report-json` and report.json: `{ window, incidents, highlights, skipped, totals }`. */
export function renderReportJson(report: Report, options: { pretty?: boolean } = {}): string {
  const { window, incidents, highlights, skipped, totals } = report
  const ordered = { window, incidents, highlights, skipped, totals }
  return options.pretty === true ? `${JSON.stringify(ordered, null, 2)}\n` : JSON.stringify(ordered)
}
