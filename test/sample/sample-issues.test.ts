import { describe, expect, it } from 'vitest'
import { shippedTemplate } from '../../src/forms/shipped-forms.js'
import { GitHubIssueSchema } from '../../src/model/issue.js'
import { buildReport } from '../../src/report/build-report.js'
import { computeWindow } from '../../src/report/window.js'
import {
  SAMPLE_AS_OF,
  SAMPLE_ISSUES,
  SAMPLE_REPOSITORY,
  SAMPLE_TIMEZONE,
} from '../../src/sample/sample-issues.js'

// The parser and the conversion each say that Impact is missing.
const SKIPPED_429 = [
  'Impact: required, but nothing is chosen; choose one of `None: no customer impact`, `Low: a few customers, minor disruption`, `Moderate: some customers or one region`, `High: many customers or several regions`, `Severe: fleetwide or critical path down`.',
  'Started: "last Tuesday around lunch" is not a time; write it as 2024-04-24T12:30-04:00, 2024-04-24 12:30 America/New_York or 2024-04-24 12:30 EDT (US zone abbreviations, UTC and GMT work too); without a zone, America/New_York is assumed',
]

function buildSample() {
  return buildReport({
    issues: SAMPLE_ISSUES,
    templates: { incident: shippedTemplate('incident'), highlight: shippedTemplate('highlight') },
    labels: { incident: 'incident', highlight: 'highlight' },
    window: computeWindow({
      asOf: SAMPLE_AS_OF,
      timezone: SAMPLE_TIMEZONE,
      incidentWindowDays: 14,
      highlightWindowDays: 7,
    }),
    authorAssociations: ['OWNER', 'MEMBER', 'COLLABORATOR'],
    confirmedLabel: 'infra-log-confirmed',
  })
}

describe('the sample data set', () => {
  it('is what the REST API would return', () => {
    for (const issue of SAMPLE_ISSUES) {
      expect(GitHubIssueSchema.parse(issue)).toEqual(issue)
      expect(issue.html_url).toBe(`https://github.com/${SAMPLE_REPOSITORY}/issues/${issue.number}`)
      expect(issue.state).toBe(issue.closed_at === null ? 'open' : 'closed')
      if (issue.closed_at != null) {
        expect(Date.parse(issue.closed_at)).toBeGreaterThan(Date.parse(issue.created_at))
      }
    }
    const numbers = SAMPLE_ISSUES.map((issue) => issue.number)
    expect(new Set(numbers).size).toBe(numbers.length)
    // Numbers follow the order the issues were opened in, as on GitHub.
    const byCreation = [...SAMPLE_ISSUES].sort(
      (a, b) => Date.parse(a.created_at) - Date.parse(b.created_at),
    )
    expect(byCreation.map((issue) => issue.number)).toEqual([...numbers].sort((a, b) => a - b))
  })

  it('has bodies in the form GitHub renders', () => {
    for (const issue of SAMPLE_ISSUES) {
      const headings = (issue.body ?? '').match(/^### .*$/gm)
      const isIncident = issue.labels.some(
        (label) => typeof label !== 'string' && label.name === 'incident',
      )
      expect(headings?.filter((heading) => heading !== '### upstream pools')).toEqual(
        isIncident
          ? [
              '### Started',
              '### Resolved',
              '### Duration',
              '### Impact',
              '### Affected services',
              '### Regions',
              '### What happened',
              '### Customer impact',
              '### Post-mortem',
            ]
          : ['### Who', '### What shipped', '### Shipped on', '### Links'],
      )
      expect(issue.body).not.toMatch(/\n\n\n|\s$|^\s/)
    }
  })

  it(`places every issue as intended for ${SAMPLE_AS_OF}`, () => {
    const { report, outOfWindow } = buildSample()
    expect(report.incidents.map((incident) => incident.number)).toEqual([
      412, 415, 418, 422, 421, 424, 425, 427, 430, 434, 436,
    ])
    expect(report.highlights.map((highlight) => highlight.number)).toEqual([
      426, 428, 432, 433, 435, 437,
    ])
    expect(report.skipped.map((skipped) => [skipped.number, skipped.reasons])).toEqual([
      [429, SKIPPED_429],
      [
        431,
        [
          'author association `NONE` is not in `author-associations` (OWNER, MEMBER, COLLABORATOR); a maintainer can add the `infra-log-confirmed` label to include it',
        ],
      ],
    ])
    expect(outOfWindow).toEqual([
      { number: 403, label: 'incident' },
      { number: 419, label: 'highlight' },
    ])
  })

  it('tells each incident as intended', () => {
    const { report } = buildSample()
    const shown = report.incidents.map((incident) => ({
      number: incident.number,
      started: incident.started,
      ended: incident.ended,
      endSource: incident.endSource,
      durationMinutes: incident.durationMinutes,
      impact: incident.impact,
    }))
    expect(shown).toEqual([
      // Began before the window (Oct 29, 21:50 EDT), ended inside it.
      {
        number: 412,
        started: '2024-10-30T01:50:00Z',
        ended: '2024-10-30T04:35:00Z',
        endSource: 'resolved',
        durationMinutes: 165,
        impact: 'moderate',
      },
      {
        number: 415,
        started: '2024-10-31T08:12:00Z',
        ended: '2024-10-31T08:16:00Z',
        endSource: 'duration',
        durationMinutes: 4,
        impact: 'low',
      },
      {
        number: 418,
        started: '2024-11-01T18:05:00Z',
        ended: '2024-11-01T21:25:00Z',
        endSource: 'duration',
        durationMinutes: 200,
        impact: 'none',
      },
      // Across the fall-back change, about two days.
      {
        number: 422,
        started: '2024-11-02T22:00:00Z',
        ended: '2024-11-04T21:30:00Z',
        endSource: 'resolved',
        durationMinutes: 2850,
        impact: 'low',
      },
      // Across the fall-back change: 2h 30m on the wall clock, 3h 30m in fact.
      {
        number: 421,
        started: '2024-11-03T04:40:00Z',
        ended: '2024-11-03T08:10:00Z',
        endSource: 'resolved',
        durationMinutes: 210,
        impact: 'high',
      },
      {
        number: 424,
        started: '2024-11-04T14:10:00Z',
        ended: '2024-11-04T14:52:00Z',
        endSource: 'closed_at',
        durationMinutes: 42,
        impact: 'none',
      },
      {
        number: 425,
        started: '2024-11-05T15:20:00Z',
        ended: '2024-11-05T16:05:00Z',
        endSource: 'duration',
        durationMinutes: 45,
        impact: 'none',
      },
      {
        number: 427,
        started: '2024-11-06T21:02:00Z',
        ended: '2024-11-06T21:19:00Z',
        endSource: 'resolved',
        durationMinutes: 17,
        impact: 'severe',
      },
      {
        number: 430,
        started: '2024-11-08T08:10:00Z',
        ended: '2024-11-08T09:40:00Z',
        endSource: 'duration',
        durationMinutes: 90,
        impact: 'moderate',
      },
      {
        number: 434,
        started: '2024-11-10T14:45:00Z',
        ended: '2024-11-10T16:05:00Z',
        endSource: 'resolved',
        durationMinutes: 80,
        impact: 'high',
      },
      // Ongoing: counted up to the window end, 2024-11-13 00:00 EST.
      {
        number: 436,
        started: '2024-11-12T12:30:00Z',
        ended: null,
        endSource: 'ongoing',
        durationMinutes: 990,
        impact: 'low',
      },
    ])
    expect(
      report.incidents.filter((incident) => incident.postmortem !== null).map((i) => i.number),
    ).toEqual([427])
    expect(report.incidents.every((incident) => incident.notes.length === 0)).toBe(true)
    for (const incident of report.incidents) {
      expect(incident.services.length).toBeGreaterThan(0)
      expect(incident.regions.length).toBeGreaterThan(0)
      expect(incident.customerImpact).not.toBeNull()
      expect(incident.title).not.toMatch(/^\[Incident\]/)
    }
  })

  it('keeps the escaping exercise in one summary', () => {
    const { report } = buildSample()
    const severe = report.incidents.find((incident) => incident.number === 427)
    expect(severe?.summary).toContain('```nginx\n### upstream pools\n')
    expect(severe?.summary).toContain('@northwind-cloud/edge-oncall')
    expect(severe?.summary).toContain('<code>503</code>')
    expect(severe?.services).toEqual(['Request routing', 'API', 'Web dashboard'])
    expect(severe?.regions).toEqual(['sjc', 'iad', 'ams', 'fra', 'sin'])
  })

  it('tells each highlight as intended', () => {
    const { report } = buildSample()
    expect(report.highlights.map((h) => [h.number, h.shipped, h.who])).toEqual([
      [426, '2024-11-06', ['Keiko Tanaka', '@mfernandez']],
      [428, '2024-11-07', ['Dmitri Volkov']],
      [432, '2024-11-08', ['Amara Okafor']],
      [433, '2024-11-09', ["Sam O'Neill"]],
      // Shipped on left empty: closed 2024-11-11 14:30 EST.
      [435, '2024-11-11', ['Lena Brandt', 'Mateo Fernández']],
      [437, '2024-11-12', ['@tkowalski']],
    ])
  })

  it('covers every impact level', () => {
    const { report } = buildSample()
    expect(report.totals).toEqual({
      incidents: 11,
      byImpact: { none: 3, low: 3, moderate: 2, high: 2, severe: 1 },
      incidentMinutes: 165 + 4 + 200 + 2850 + 210 + 42 + 45 + 17 + 90 + 80 + 990,
      highlights: 6,
      skipped: 2,
    })
  })
})
