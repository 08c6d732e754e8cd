import type { Highlight } from '../../src/model/highlight.js'
import type { Skipped } from '../../src/model/skipped.js'
import type { Report, ReportIncident } from '../../src/report/report.js'

/** An incident of the report: 45 minutes on Apr 24, no impact, issue `number` of acme/infra. */
export function incidentEntry(
  partial: Partial<ReportIncident> & Pick<ReportIncident, 'number'>,
): ReportIncident {
  return {
    url: `https://github.com/acme/infra/issues/${partial.number}`,
    title: `Incident ${partial.number}`,
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
  }
}

/** A highlight of the report: shipped May 6 by Bo, issue `number` of acme/infra. */
export function highlightEntry(partial: Partial<Highlight> & Pick<Highlight, 'number'>): Highlight {
  return {
    url: `https://github.com/acme/infra/issues/${partial.number}`,
    title: `Project ${partial.number}`,
    author: 'bo',
    who: ['Bo'],
    summary: 'Shipped.',
    shipped: '2024-05-06',
    links: null,
    notes: [],
    ...partial,
  }
}

/** A report as of 2024-05-07 in New York, with the entries given and totals that match them. */
export function makeReport(entries: {
  incidents?: Partial<ReportIncident>[]
  highlights?: Partial<Highlight>[]
  skipped?: Partial<Skipped>[]
}): Report {
  const incidents = (entries.incidents ?? []).map((partial, index) =>
    incidentEntry({ number: 100 + index, title: `Incident ${index}`, ...partial }),
  )
  const highlights = (entries.highlights ?? []).map((partial, index) =>
    highlightEntry({ number: 200 + index, title: `Project ${index}`, ...partial }),
  )
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
