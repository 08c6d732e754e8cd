import type { Highlight } from '../../src/model/highlight.js'
import type { Skipped } from '../../src/model/skipped.js'
import type { Report, ReportIncident } from '../../src/report/report.js'

/** A report as of 2024-05-07 in New York, with the entries given and totals that match them. */
export function makeReport(entries: {
  incidents?: Partial<ReportIncident>[]
  highlights?: Partial<Highlight>[]
  skipped?: Partial<Skipped>[]
}): Report {
  const incidents = (entries.incidents ?? []).map((partial, index): ReportIncident => ({
    number: 100 + index,
    url: `https://github.com/acme/infra/issues/${100 + index}`,
    title: `Incident ${index}`,
    author: 'ana',
    started: '2024-04-24T16:30:00Z',
    ended: '2024-04-24T17:15:00Z',
    endSource: 'resolved',
    impact: 'none',
    services: [],
    regions: [],
    summary: 'Fixed.',
    customerImpact: null,
    postmortem: null,
    notes: [],
    durationMinutes: 45,
    ongoing: false,
    ...partial,
  }))
  const highlights = (entries.highlights ?? []).map((partial, index): Highlight => ({
    number: 200 + index,
    url: `https://github.com/acme/infra/issues/${200 + index}`,
    title: `Project ${index}`,
    author: 'bo',
    who: ['Bo'],
    summary: 'Shipped.',
    shipped: '2024-05-06',
    links: null,
    notes: [],
    ...partial,
  }))
  const skipped = (entries.skipped ?? []).map((partial, index): Skipped => ({
    number: 300 + index,
    url: `https://github.com/acme/infra/issues/${300 + index}`,
    label: 'incident',
    title: `Broken ${index}`,
    reasons: ['Started: missing (required)'],
    ...partial,
  }))
  const byImpact = { none: 0, low: 0, moderate: 0, high: 0, severe: 0 }
  for (const incident of incidents) byImpact[incident.impact] += 1
  return {
    window: {
      asOf: '2024-05-07',
      timezone: 'America/New_York',
      incidents: { start: '2024-04-24T04:00:00Z', end: '2024-05-08T04:00:00Z', days: 14 },
      highlights: { start: '2024-05-01T04:00:00Z', end: '2024-05-08T04:00:00Z', days: 7 },
    },
    incidents,
    highlights,
    skipped,
    totals: {
      incidents: incidents.length,
      byImpact,
      incidentMinutes: incidents.reduce((sum, incident) => sum + incident.durationMinutes, 0),
      highlights: highlights.length,
      skipped: skipped.length,
    },
  }
}
