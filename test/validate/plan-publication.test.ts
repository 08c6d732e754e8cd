import { describe, expect, it } from 'vitest'
import { computeWindow } from '../../src/report/window.js'
import { overlapsSpan } from '../../src/report/select-in-span.js'
import { planPublication } from '../../src/validate/plan-publication.js'
import { describePublication } from '../../src/validate/render-validation-comment.js'

const ZONE = 'America/New_York'
const NOW = new Date('2024-05-07T16:00:00Z')

function plan(start: string, end: string | null, windowDays = 14, now = NOW) {
  return planPublication({ start, end, timezone: ZONE, windowDays, now })
}

describe('planPublication', () => {
  it('names the report dates whose trailing window overlaps the incident', () => {
    // 2024-04-24 12:30 EDT for 1h 30m: first in the report as of Apr 24, last as of May 7.
    expect(plan('2024-04-24T16:30:00Z', '2024-04-24T18:00:00Z')).toEqual({
      first: '2024-04-24',
      last: '2024-05-07',
      windowDays: 14,
      today: '2024-05-07',
    })
  })

  it('does not count a day that an incident only touches at its midnight end', () => {
    // Ends exactly at 2024-04-25 00:00 EDT: the windows are half-open, so its last day is Apr 24.
    expect(plan('2024-04-24T20:00:00Z', '2024-04-25T04:00:00Z').last).toBe('2024-05-07')
    expect(plan('2024-04-24T20:00:00Z', '2024-04-25T04:01:00Z').last).toBe('2024-05-08')
  })

  it('counts a moment (a highlight’s day, a zero-length incident) on its day', () => {
    expect(plan('2024-05-06T04:00:00Z', '2024-05-06T04:00:00Z', 7)).toMatchObject({
      first: '2024-05-06',
      last: '2024-05-12',
    })
  })

  it('leaves the last date open while the incident is ongoing', () => {
    expect(plan('2024-05-06T12:00:00Z', null).last).toBeNull()
  })

  it('uses local days: 01:00 UTC on May 2 is May 1 in New York', () => {
    expect(plan('2024-05-02T01:00:00Z', '2024-05-02T02:00:00Z').first).toBe('2024-05-01')
  })

  it('agrees with the report’s own window rule on every as-of date around the incident', () => {
    const cases: [string, string | null][] = [
      ['2024-04-24T16:30:00Z', '2024-04-24T18:00:00Z'],
      ['2024-04-24T20:00:00Z', '2024-04-25T04:00:00Z'],
      ['2024-03-09T12:00:00Z', '2024-03-11T03:00:00Z'], // across the spring-forward change
      ['2024-05-06T04:00:00Z', '2024-05-06T04:00:00Z'],
    ]
    for (const [start, end] of cases) {
      const { first, last } = plan(start, end)
      for (let day = -5; day < 25; day += 1) {
        const asOf = new Date(Date.parse(start) + day * 86_400_000).toISOString().slice(0, 10)
        const window = computeWindow({
          asOf,
          timezone: ZONE,
          incidentWindowDays: 14,
          highlightWindowDays: 7,
        })
        const included = overlapsSpan(start, end, window.incidents)
        expect(included, `${start} as of ${asOf}`).toBe(
          asOf >= first && last !== null && asOf <= last,
        )
      }
    }
  })
})

describe('describePublication', () => {
  it('names the range of report dates and says today’s report includes it', () => {
    expect(
      describePublication(plan('2024-04-24T16:30:00Z', '2024-04-24T18:00:00Z'), 'incident'),
    ).toBe(
      'It will be in every infra log dated Apr 24 – May 7, 2024 (each report covers the 14 days up to its date). A report made today would include it.',
    )
  })

  it('says when all the dates are past, and how to back-fill', () => {
    expect(
      describePublication(plan('2024-03-01T16:30:00Z', '2024-03-01T18:00:00Z'), 'incident'),
    ).toBe(
      "It will be in every infra log dated Mar 1 – Mar 14, 2024 (each report covers the 14 days up to its date). Those dates are past (today is May 7, 2024), so only a report made again for one of them, with the report workflow's `as-of` input, will include it.",
    )
  })

  it('speaks of an ongoing incident and of a one-day window', () => {
    expect(describePublication(plan('2024-05-06T12:00:00Z', null), 'incident')).toBe(
      'It will be in every infra log dated May 6, 2024 or later while the incident is ongoing (each report covers the 14 days up to its date).',
    )
    expect(
      describePublication(plan('2024-05-09T04:00:00Z', '2024-05-09T04:00:00Z', 1), 'highlight'),
    ).toBe(
      'It will be in the infra log dated May 9, 2024 (each report covers the day up to its date).',
    )
  })
})
