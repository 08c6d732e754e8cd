import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { shippedTemplate } from '../../src/forms/shipped-forms.js'
import type { GitHubIssue } from '../../src/model/issue.js'
import { buildReport } from '../../src/report/build-report.js'
import { computeWindow } from '../../src/report/window.js'
import {
  highlightBody,
  highlightIssue,
  incidentBody,
  incidentIssue,
  IMPACT_OPTION,
  makeIssue,
} from './issue-bodies.js'

// Incidents: 2024-04-24T04:00Z to 2024-05-08T04:00Z; highlights: from 2024-05-01T04:00Z.
const WINDOW = computeWindow({
  asOf: '2024-05-07',
  timezone: 'America/New_York',
  incidentWindowDays: 14,
  highlightWindowDays: 7,
})

const TEMPLATES = { incident: shippedTemplate('incident'), highlight: shippedTemplate('highlight') }

const AUTHOR_REASON =
  'author association `NONE` is not in `author-associations` (OWNER, MEMBER, COLLABORATOR); a maintainer can add the `infra-log-confirmed` label to include it'

function build(issues: GitHubIssue[], window = WINDOW) {
  return buildReport({
    issues,
    templates: TEMPLATES,
    labels: { incident: 'incident', highlight: 'highlight' },
    window,
    authorAssociations: ['OWNER', 'MEMBER', 'COLLABORATOR'],
    confirmedLabel: 'infra-log-confirmed',
  })
}

/** Where each issue number went: incidents, highlights, skipped, outside the window. */
function placement(issues: GitHubIssue[], window = WINDOW) {
  const { report, outOfWindow } = build(issues, window)
  return {
    incidents: report.incidents.map((incident) => incident.number),
    highlights: report.highlights.map((highlight) => highlight.number),
    skipped: report.skipped.map((skipped) => skipped.number),
    outOfWindow: outOfWindow.map((entry) => entry.number),
  }
}

describe('buildReport: incident window edges', () => {
  it('leaves out an incident that ends exactly when the window starts', () => {
    const issue = incidentIssue(1, {
      started: '2024-04-23 23:00 America/New_York',
      resolved: '2024-04-24 00:00 America/New_York',
    })
    expect(build([issue]).outOfWindow).toEqual([
      { number: 1, repository: 'acme/platform', label: 'incident' },
    ])
    expect(build([issue]).report.incidents).toEqual([])
  })

  it('keeps an incident that ends a minute into the window', () => {
    const issue = incidentIssue(1, {
      started: '2024-04-23 23:00 America/New_York',
      resolved: '2024-04-24 00:01 America/New_York',
    })
    expect(placement([issue]).incidents).toEqual([1])
  })

  it('keeps an incident that began before the window and ended inside it, with its full duration', () => {
    const issue = incidentIssue(1, {
      started: '2024-04-20T10:00-04:00',
      resolved: '2024-04-25T10:00-04:00',
    })
    const [incident] = build([issue]).report.incidents
    expect(incident).toMatchObject({
      number: 1,
      started: '2024-04-20T14:00:00Z',
      ended: '2024-04-25T14:00:00Z',
      endSource: 'resolved',
      durationMinutes: 5 * 24 * 60,
      ongoing: false,
    })
  })

  it('leaves out an incident that starts exactly at the window end', () => {
    const issue = incidentIssue(1, { started: '2024-05-08 00:00 America/New_York', duration: '1h' })
    expect(placement([issue])).toEqual({
      incidents: [],
      highlights: [],
      skipped: [],
      outOfWindow: [1],
    })
  })

  it('keeps one that starts a minute before the end', () => {
    const issue = incidentIssue(1, { started: '2024-05-07 23:59 America/New_York', duration: '1h' })
    expect(build([issue]).report.incidents[0]).toMatchObject({
      durationMinutes: 60,
      endSource: 'duration',
    })
  })

  it('counts an ongoing incident up to the window end', () => {
    const issue = incidentIssue(1, { started: '2024-05-07 20:30 America/New_York' })
    const [incident] = build([issue]).report.incidents
    expect(incident).toMatchObject({
      started: '2024-05-08T00:30:00Z',
      ended: null,
      endSource: 'ongoing',
      ongoing: true,
      durationMinutes: 210,
    })
  })

  it('keeps an ongoing incident that began long before the window', () => {
    const issue = incidentIssue(1, { started: '2024-03-01 00:00 UTC' })
    const [incident] = build([issue]).report.incidents
    expect(incident?.ongoing).toBe(true)
    expect(incident?.durationMinutes).toBe(
      (Date.parse('2024-05-08T04:00:00Z') - Date.parse('2024-03-01T00:00:00Z')) / 60_000,
    )
  })

  it('keeps a zero-length incident inside the window, and at its start, but not at its end', () => {
    const at = (n: number, time: string) => incidentIssue(n, { started: time, resolved: time })
    const result = placement([
      at(1, '2024-04-24T00:00-04:00'),
      at(2, '2024-05-01T09:00-04:00'),
      at(3, '2024-05-08T00:00-04:00'),
      at(4, '2024-04-23T23:59-04:00'),
    ])
    expect(result).toEqual({ incidents: [1, 2], highlights: [], skipped: [], outOfWindow: [3, 4] })
    expect(build([at(2, '2024-05-01T09:00-04:00')]).report.incidents[0]?.durationMinutes).toBe(0)
  })

  it('ends an incident at closed_at when neither Resolved nor Duration is given', () => {
    const issue = incidentIssue(
      1,
      { started: '2024-05-02 10:00 EDT' },
      { closed_at: '2024-05-02T14:42:00Z' },
    )
    expect(build([issue]).report.incidents[0]).toMatchObject({
      ended: '2024-05-02T14:42:00Z',
      endSource: 'closed_at',
      durationMinutes: 42,
    })
  })

  it('measures an incident across a daylight-saving change in real minutes', () => {
    const window = computeWindow({
      asOf: '2024-11-12',
      timezone: 'America/New_York',
      incidentWindowDays: 14,
      highlightWindowDays: 7,
    })
    const issue = incidentIssue(
      1,
      { started: '2024-11-03 00:40 EDT', resolved: '2024-11-03 03:10 America/New_York' },
      { created_at: '2024-11-03T05:00:00Z' },
    )
    expect(build([issue], window).report.incidents[0]).toMatchObject({
      started: '2024-11-03T04:40:00Z',
      ended: '2024-11-03T08:10:00Z',
      durationMinutes: 210,
    })
  })
})

describe('buildReport: which issues count', () => {
  it('ignores pull requests, even labelled ones', () => {
    const pr = {
      ...incidentIssue(1, { started: '2024-05-02 10:00 EDT' }),
      pull_request: { url: 'x' },
    }
    expect(placement([pr])).toEqual({ incidents: [], highlights: [], skipped: [], outOfWindow: [] })
  })

  it('ignores issues with neither label', () => {
    const issue = {
      ...incidentIssue(1, { started: '2024-05-02 10:00 EDT' }),
      labels: [{ name: 'bug' }],
    }
    expect(placement([issue])).toEqual({
      incidents: [],
      highlights: [],
      skipped: [],
      outOfWindow: [],
    })
  })

  it('matches labels whatever their case and shape', () => {
    const issue = { ...incidentIssue(1, { started: '2024-05-02 10:00 EDT' }), labels: ['Incident'] }
    expect(placement([issue]).incidents).toEqual([1])
  })

  it('reads the configured labels', () => {
    const issue = {
      ...incidentIssue(1, { started: '2024-05-02 10:00 EDT' }),
      labels: [{ name: 'outage' }],
    }
    const { report } = buildReport({
      issues: [issue],
      templates: TEMPLATES,
      labels: { incident: 'outage', highlight: 'shipped' },
      window: WINDOW,
      authorAssociations: ['MEMBER'],
      confirmedLabel: 'ok',
    })
    expect(report.incidents.map((incident) => incident.number)).toEqual([1])
  })

  it('considers an issue with both labels once for each', () => {
    const issue = {
      ...incidentIssue(
        1,
        { started: '2024-05-02 10:00 EDT', duration: '30m' },
        { created_at: '2024-05-02T15:00:00Z' },
      ),
      labels: [{ name: 'incident' }, { name: 'highlight' }],
    }
    const { report, outOfWindow } = build([issue])
    expect(report.incidents.map((incident) => incident.number)).toEqual([1])
    expect(report.highlights).toEqual([])
    expect(report.skipped).toEqual([
      {
        number: 1,
        url: 'https://github.com/acme/platform/issues/1',
        repository: 'acme/platform',
        label: 'highlight',
        title: 'Issue 1',
        reasons: [
          'No field of the Highlight form was found: no `### ` heading in the body is one of its labels; expected headings like `### Who` and `### What shipped`, each followed by its value.',
          'What shipped: missing (required); describe what shipped and why it matters',
        ],
      },
    ])
    expect(outOfWindow).toEqual([])
  })

  it('lists an issue with both labels under each label when both bodies fail', () => {
    const issue = makeIssue({
      number: 5,
      body: 'free text',
      labels: [{ name: 'highlight' }, { name: 'incident' }],
      created_at: '2024-05-02T15:00:00Z',
    })
    const { report } = build([issue])
    expect(report.skipped.map((skipped) => [skipped.number, skipped.label])).toEqual([
      [5, 'highlight'],
      [5, 'incident'],
    ])
  })
})

describe('buildReport: authors', () => {
  const outsider = (more: Partial<GitHubIssue> = {}) =>
    incidentIssue(
      9,
      { started: '2024-05-02 10:00 EDT', duration: '1h' },
      {
        author_association: 'NONE',
        created_at: '2024-05-02T15:00:00Z',
        title: 'Your service is down',
        ...more,
      },
    )

  it("skips an outsider's issue with the reason, and publishes none of its content", () => {
    const { report, outOfWindow } = build([outsider()])
    expect(report.incidents).toEqual([])
    expect(report.skipped).toEqual([
      {
        number: 9,
        url: 'https://github.com/acme/platform/issues/9',
        repository: 'acme/platform',
        label: 'incident',
        title: 'Your service is down',
        reasons: [AUTHOR_REASON],
      },
    ])
    expect(outOfWindow).toEqual([])
    expect(JSON.stringify(report)).not.toContain('What happened in incident 9')
  })

  it("skips an outsider's issue even when its body is not a form", () => {
    const { report } = build([outsider({ body: 'hello' })])
    expect(report.skipped.map((skipped) => skipped.reasons)).toEqual([[AUTHOR_REASON]])
  })

  it("puts an outsider's issue from before the window outside it", () => {
    const issue = outsider({
      created_at: '2024-04-01T00:00:00Z',
      closed_at: '2024-04-02T00:00:00Z',
    })
    expect(placement([issue])).toEqual({
      incidents: [],
      highlights: [],
      skipped: [],
      outOfWindow: [9],
    })
  })

  it("includes an outsider's issue a maintainer confirmed", () => {
    const issue = outsider({ labels: [{ name: 'incident' }, { name: 'infra-log-confirmed' }] })
    expect(placement([issue]).incidents).toEqual([9])
  })

  it('judges the author before the window: an old outsider issue open now is listed', () => {
    const issue = outsider({ created_at: '2024-01-01T00:00:00Z' })
    expect(placement([issue]).skipped).toEqual([9])
  })
})

describe('buildReport: unusable incidents', () => {
  it('skips one whose readable Started is inside the window, with every reason', () => {
    const issue = makeIssue({
      number: 3,
      labels: [{ name: 'incident' }],
      created_at: '2024-05-02T15:00:00Z',
      body: incidentBody({ started: '2024-05-02 10:00 EDT', summary: 'Something broke.' }),
    })
    const { report } = build([issue])
    expect(report.skipped).toHaveLength(1)
    // Only Impact is wrong, and it is said once: by the parser, not again by the conversion.
    expect(report.skipped[0]?.reasons).toEqual([
      expect.stringMatching(/^Impact: required, but nothing is chosen/),
    ])
  })

  it('puts one whose readable Started and Resolved are before the window outside it', () => {
    const issue = makeIssue({
      number: 3,
      labels: [{ name: 'incident' }],
      // Filed late: the issue's own dates are in the window, the incident is not.
      created_at: '2024-05-02T15:00:00Z',
      body: incidentBody({
        started: '2024-04-01 10:00 EDT',
        resolved: '2024-04-01 11:00 EDT',
        summary: 'Something broke.',
      }),
    })
    expect(placement([issue]).outOfWindow).toEqual([3])
  })

  it('uses the issue dates when Started cannot be read', () => {
    const body = incidentBody({ started: 'last Tuesday', summary: 'Something broke.' })
    const inWindow = makeIssue({
      number: 4,
      labels: ['incident'],
      body,
      created_at: '2024-05-02T15:00:00Z',
    })
    const openSinceBefore = makeIssue({
      number: 5,
      labels: ['incident'],
      body,
      created_at: '2024-04-01T00:00:00Z',
    })
    const closedBefore = makeIssue({
      number: 6,
      labels: ['incident'],
      body,
      created_at: '2024-04-01T00:00:00Z',
      closed_at: '2024-04-02T00:00:00Z',
    })
    const createdAfter = makeIssue({
      number: 7,
      labels: ['incident'],
      body,
      created_at: '2024-05-08T04:00:00Z',
    })
    expect(placement([inWindow, openSinceBefore, closedBefore, createdAfter])).toEqual({
      incidents: [],
      highlights: [],
      skipped: [4, 5],
      outOfWindow: [6, 7],
    })
  })

  it('keeps a readable Started with an unreadable Resolved running until the issue was closed', () => {
    const body = incidentBody({
      started: '2024-04-20 10:00 EDT',
      resolved: 'after lunch',
      impact: IMPACT_OPTION.low,
      summary: 'x',
    })
    const closedInside = makeIssue({
      number: 1,
      labels: ['incident'],
      body,
      closed_at: '2024-04-25T00:00:00Z',
    })
    const closedBefore = makeIssue({
      number: 2,
      labels: ['incident'],
      body,
      closed_at: '2024-04-21T00:00:00Z',
    })
    const open = makeIssue({ number: 3, labels: ['incident'], body })
    expect(placement([closedInside, closedBefore, open])).toEqual({
      incidents: [],
      highlights: [],
      skipped: [1, 3],
      outOfWindow: [2],
    })
    expect(build([open]).report.skipped[0]?.reasons).toEqual([
      expect.stringMatching(/^Resolved: "after lunch" is not a time/),
    ])
  })

  it('skips an issue with no body at all when it was open during the window', () => {
    const issue = makeIssue({
      number: 8,
      labels: ['incident'],
      body: '',
      created_at: '2024-05-03T00:00:00Z',
    })
    const noBody = { ...issue, body: null }
    const { report } = build([noBody])
    expect(report.skipped.map((skipped) => skipped.number)).toEqual([8])
    expect(report.skipped[0]?.reasons.length).toBeGreaterThan(0)
  })
})

describe('buildReport: highlights', () => {
  it('keeps highlights shipped inside the highlight window, by local day', () => {
    const result = placement([
      highlightIssue(1, '2024-04-30'),
      highlightIssue(2, '2024-05-01'),
      highlightIssue(3, '2024-05-07'),
      highlightIssue(4, '2024-05-08'),
    ])
    expect(result).toEqual({ incidents: [], highlights: [2, 3], skipped: [], outOfWindow: [1, 4] })
  })

  it('takes the local day of closed_at when Shipped on is empty', () => {
    // 2024-05-01T03:30Z is still April 30 in New York.
    const lateEvening = highlightIssue(1, undefined, {
      created_at: '2024-04-29T12:00:00Z',
      closed_at: '2024-05-01T03:30:00Z',
    })
    const nextMorning = highlightIssue(2, undefined, {
      created_at: '2024-04-29T12:00:00Z',
      closed_at: '2024-05-01T04:30:00Z',
    })
    expect(placement([lateEvening, nextMorning])).toMatchObject({
      highlights: [2],
      outOfWindow: [1],
    })
  })

  it('skips an unusable highlight opened or closed inside the window, else leaves it out', () => {
    const body = highlightBody({ who: 'Ana', shipped: 'soon' })
    const opened = makeIssue({
      number: 1,
      labels: ['highlight'],
      body,
      created_at: '2024-05-02T00:00:00Z',
    })
    const closed = makeIssue({
      number: 2,
      labels: ['highlight'],
      body,
      created_at: '2024-04-02T00:00:00Z',
      closed_at: '2024-05-02T00:00:00Z',
    })
    const neither = makeIssue({
      number: 3,
      labels: ['highlight'],
      body,
      created_at: '2024-04-02T00:00:00Z',
    })
    expect(placement([opened, closed, neither])).toEqual({
      incidents: [],
      highlights: [],
      skipped: [1, 2],
      outOfWindow: [3],
    })
  })

  it('applies the author rule to highlights', () => {
    const issue = highlightIssue(1, '2024-05-02', { author_association: 'NONE' })
    const { report } = build([issue])
    expect(report.skipped).toEqual([
      expect.objectContaining({ number: 1, label: 'highlight', reasons: [AUTHOR_REASON] }),
    ])
  })
})

describe('buildReport: order and totals', () => {
  const issues = [
    incidentIssue(30, { started: '2024-05-03 10:00 EDT', duration: '45m' }, { impact: 'severe' }),
    incidentIssue(10, { started: '2024-05-03 10:00 EDT', duration: '1h' }, { impact: 'none' }),
    incidentIssue(20, { started: '2024-05-01 08:00 EDT', duration: '2h 30m' }, { impact: 'none' }),
    incidentIssue(
      5,
      { started: '2024-05-03 10:00 EDT', duration: '15m' },
      { repository: 'acme/zeta', impact: 'high' },
    ),
    incidentIssue(
      5,
      { started: '2024-05-03 10:00 EDT', duration: '20m' },
      { repository: 'acme/alpha', impact: 'high' },
    ),
    incidentIssue(40, { started: '2024-05-06 09:00 EDT' }, { impact: 'moderate' }),
    highlightIssue(12, '2024-05-06'),
    highlightIssue(11, '2024-05-06'),
    highlightIssue(13, '2024-05-02'),
    makeIssue({ number: 2, labels: ['incident'], body: 'x', created_at: '2024-05-02T00:00:00Z' }),
    makeIssue({
      number: 2,
      labels: ['highlight'],
      body: 'x',
      created_at: '2024-05-02T00:00:00Z',
      repository: 'acme/alpha',
    }),
  ]

  it('sorts incidents by start, then repository, then number', () => {
    const { report } = build(issues)
    expect(report.incidents.map((incident) => [incident.repository, incident.number])).toEqual([
      ['acme/platform', 20],
      ['acme/alpha', 5],
      ['acme/platform', 10],
      ['acme/platform', 30],
      ['acme/zeta', 5],
      ['acme/platform', 40],
    ])
  })

  it('sorts highlights by shipped day, then number, and skipped by repository then number', () => {
    const { report } = build(issues)
    expect(report.highlights.map((highlight) => highlight.number)).toEqual([13, 11, 12])
    expect(
      report.skipped.map((skipped) => [skipped.repository, skipped.number, skipped.label]),
    ).toEqual([
      ['acme/alpha', 2, 'highlight'],
      ['acme/platform', 2, 'incident'],
    ])
  })

  it('totals the impact levels, the minutes, the highlights and the skipped', () => {
    const { report } = build(issues)
    // #40 is ongoing: 2024-05-06 13:00Z to the window end, 2024-05-08 04:00Z.
    expect(report.totals).toEqual({
      incidents: 6,
      byImpact: { none: 2, low: 0, moderate: 1, high: 2, severe: 1 },
      incidentMinutes: 45 + 60 + 150 + 15 + 20 + 39 * 60,
      highlights: 3,
      skipped: 2,
    })
  })

  it('gives byte-identical output for any order of the input', () => {
    const expected = JSON.stringify(build(issues))
    fc.assert(
      fc.property(fc.shuffledSubarray(issues, { minLength: issues.length }), (shuffled) => {
        expect(JSON.stringify(build(shuffled))).toBe(expected)
      }),
      { numRuns: 100 },
    )
  })

  it('gives byte-identical output for any order of generated issues', () => {
    const arbitraryIssue = fc
      .record({
        number: fc.integer({ min: 1, max: 40 }),
        repository: fc.constantFrom('acme/a', 'acme/b'),
        day: fc.integer({ min: 20, max: 30 }),
        hour: fc.integer({ min: 0, max: 23 }),
        minutes: fc.integer({ min: 0, max: 3000 }),
        kind: fc.constantFrom('incident', 'highlight', 'both', 'broken', 'outsider'),
      })
      .map(({ number, repository, day, hour, minutes, kind }): GitHubIssue => {
        const started = `2024-04-${day} ${String(hour).padStart(2, '0')}:00 EDT`
        const created_at = `2024-04-${day}T12:00:00Z`
        if (kind === 'highlight')
          return highlightIssue(number, `2024-04-${day}`, { repository, created_at })
        if (kind === 'broken')
          return makeIssue({ number, repository, labels: ['incident'], body: '###', created_at })
        const issue = incidentIssue(
          number,
          { started, duration: `${minutes}m` },
          { repository, created_at },
        )
        if (kind === 'both') return { ...issue, labels: ['incident', 'highlight'] }
        if (kind === 'outsider') return { ...issue, author_association: 'NONE' }
        return issue
      })
    const window = computeWindow({
      asOf: '2024-04-27',
      timezone: 'America/New_York',
      incidentWindowDays: 3,
      highlightWindowDays: 2,
    })
    fc.assert(
      fc.property(
        fc
          .array(arbitraryIssue, { maxLength: 25 })
          .chain((list) =>
            fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })),
          ),
        ([list, shuffled]) => {
          expect(JSON.stringify(build(shuffled, window))).toBe(JSON.stringify(build(list, window)))
        },
      ),
      { numRuns: 60 },
    )
  })

  it('handles 200 incidents in one day', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      incidentIssue(
        1000 + i,
        {
          started: `2024-05-03 ${String(Math.floor(i / 60) + 8).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} EDT`,
          duration: '5m',
        },
        { impact: (['none', 'low', 'moderate', 'high', 'severe'] as const)[i % 5] },
      ),
    ).reverse()
    const { report } = build(many)
    expect(report.incidents).toHaveLength(200)
    expect(report.incidents.map((incident) => incident.number)).toEqual(
      Array.from({ length: 200 }, (_, i) => 1000 + i),
    )
    expect(report.totals.byImpact).toEqual({
      none: 40,
      low: 40,
      moderate: 40,
      high: 40,
      severe: 40,
    })
    expect(report.totals.incidentMinutes).toBe(1000)
  })
})
