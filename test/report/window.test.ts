import { describe, expect, it } from 'vitest'
import { computeWindow, defaultAsOf } from '../../src/report/window.js'

const HOUR = 3_600_000

function hours(span: { start: string; end: string }): number {
  return (Date.parse(span.end) - Date.parse(span.start)) / HOUR
}

function windowFor(
  asOf: string,
  timezone: string,
  incidentWindowDays = 14,
  highlightWindowDays = 7,
) {
  return computeWindow({ asOf, timezone, incidentWindowDays, highlightWindowDays })
}

describe('computeWindow', () => {
  it('covers the trailing days up to the midnight that closes as-of, in the zone', () => {
    expect(windowFor('2024-05-07', 'America/New_York')).toEqual({
      asOf: '2024-05-07',
      timezone: 'America/New_York',
      incidents: { start: '2024-04-24T04:00:00Z', end: '2024-05-08T04:00:00Z', days: 14 },
      highlights: { start: '2024-05-01T04:00:00Z', end: '2024-05-08T04:00:00Z', days: 7 },
    })
  })

  it('works in UTC, where every day is 24 hours', () => {
    const window = windowFor('2024-03-31', 'UTC')
    expect(window.incidents).toEqual({
      start: '2024-03-18T00:00:00Z',
      end: '2024-04-01T00:00:00Z',
      days: 14,
    })
    expect(hours(window.incidents)).toBe(14 * 24)
  })

  it('is one hour short across the New York spring-forward change', () => {
    const window = windowFor('2024-03-12', 'America/New_York')
    expect(window.incidents).toEqual({
      start: '2024-02-28T05:00:00Z',
      end: '2024-03-13T04:00:00Z',
      days: 14,
    })
    expect(hours(window.incidents)).toBe(14 * 24 - 1)
  })

  it('is one hour long across the New York fall-back change', () => {
    const window = windowFor('2024-11-12', 'America/New_York')
    expect(window.incidents).toEqual({
      start: '2024-10-30T04:00:00Z',
      end: '2024-11-13T05:00:00Z',
      days: 14,
    })
    expect(hours(window.incidents)).toBe(14 * 24 + 1)
    expect(window.highlights).toEqual({
      start: '2024-11-06T05:00:00Z',
      end: '2024-11-13T05:00:00Z',
      days: 7,
    })
  })

  it('gives the day of the change its real length in a one-day window', () => {
    const fallBack = windowFor('2024-11-03', 'America/New_York', 1, 1)
    expect(fallBack.incidents).toEqual({
      start: '2024-11-03T04:00:00Z',
      end: '2024-11-04T05:00:00Z',
      days: 1,
    })
    expect(hours(fallBack.incidents)).toBe(25)
    const springForward = windowFor('2024-03-10', 'America/New_York', 1, 1)
    expect(hours(springForward.incidents)).toBe(23)
    expect(hours(windowFor('2024-03-11', 'America/New_York', 1, 1).incidents)).toBe(24)
  })

  it('follows Europe/London across both changes', () => {
    expect(windowFor('2024-03-31', 'Europe/London', 1, 1).incidents).toEqual({
      start: '2024-03-31T00:00:00Z',
      end: '2024-03-31T23:00:00Z',
      days: 1,
    })
    const autumn = windowFor('2024-11-05', 'Europe/London')
    expect(autumn.incidents).toEqual({
      start: '2024-10-22T23:00:00Z',
      end: '2024-11-06T00:00:00Z',
      days: 14,
    })
    expect(hours(autumn.incidents)).toBe(14 * 24 + 1)
  })

  it('follows Pacific/Auckland, whose seasons are the other way round', () => {
    // NZDT (+13) ends on 2024-04-07 at 03:00; NZST (+12) ends on 2024-09-29 at 02:00.
    const april = windowFor('2024-04-10', 'Pacific/Auckland')
    expect(april.incidents).toEqual({
      start: '2024-03-27T11:00:00Z',
      end: '2024-04-10T12:00:00Z',
      days: 14,
    })
    expect(hours(april.incidents)).toBe(14 * 24 + 1)
    const september = windowFor('2024-09-30', 'Pacific/Auckland', 1, 1)
    expect(september.incidents).toEqual({
      start: '2024-09-29T11:00:00Z',
      end: '2024-09-30T11:00:00Z',
      days: 1,
    })
    expect(hours(windowFor('2024-09-29', 'Pacific/Auckland', 1, 1).incidents)).toBe(23)
  })

  it('starts the day at 01:00 where a change skips midnight', () => {
    // America/Santiago moved from 00:00 to 01:00 on 2024-09-08.
    expect(windowFor('2024-09-08', 'America/Santiago', 1, 1).incidents).toEqual({
      start: '2024-09-08T04:00:00Z',
      end: '2024-09-09T03:00:00Z',
      days: 1,
    })
  })

  it('crosses a year and a leap day', () => {
    expect(windowFor('2024-01-03', 'UTC').incidents.start).toBe('2023-12-21T00:00:00Z')
    expect(windowFor('2024-03-01', 'UTC', 2, 1).incidents.start).toBe('2024-02-29T00:00:00Z')
  })

  it('refuses what is not a date in a zone', () => {
    expect(() => windowFor('2024-02-30', 'UTC')).toThrow(/`2024-02-30`.*not a date/)
    expect(() => windowFor('2024-05-07', 'Mars/Olympus')).toThrow(/Mars\/Olympus/)
  })
})

describe('defaultAsOf', () => {
  it('is the day the clock shows in the zone', () => {
    const now = new Date('2024-11-13T03:30:00Z')
    expect(defaultAsOf(now, 'UTC')).toBe('2024-11-13')
    expect(defaultAsOf(now, 'America/New_York')).toBe('2024-11-12')
    expect(defaultAsOf(now, 'Pacific/Auckland')).toBe('2024-11-13')
    expect(defaultAsOf(new Date('2024-11-13T11:00:00Z'), 'Pacific/Auckland')).toBe('2024-11-14')
  })

  it('gives the same window at any hour of the same day', () => {
    const morning = defaultAsOf(new Date('2024-11-12T05:00:00Z'), 'America/New_York')
    const night = defaultAsOf(new Date('2024-11-13T04:59:59Z'), 'America/New_York')
    expect(morning).toBe('2024-11-12')
    expect(night).toBe('2024-11-12')
  })

  it('refuses a zone that does not exist', () => {
    expect(() => defaultAsOf(new Date(0), 'Mars/Olympus')).toThrow(/Mars\/Olympus/)
  })
})
