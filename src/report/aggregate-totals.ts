import { IMPACT_LEVELS, type Impact } from '../model/impact.js'
import type { ReportIncident, Report } from './report.js'

/** Counts per impact level, the incidents' total minutes, and the highlight and skipped counts. */
export function aggregateTotals(params: {
  incidents: ReportIncident[]
  highlights: unknown[]
  skipped: unknown[]
}): Report['totals'] {
  const byImpact = Object.fromEntries(IMPACT_LEVELS.map((level) => [level, 0])) as Record<
    Impact,
    number
  >
  let incidentMinutes = 0
  for (const incident of params.incidents) {
    byImpact[incident.impact] += 1
    incidentMinutes += incident.durationMinutes
  }
  return {
    incidents: params.incidents.length,
    byImpact,
    incidentMinutes,
    highlights: params.highlights.length,
    skipped: params.skipped.length,
  }
}
