import { DateTime } from 'luxon'
import type { Window } from './report.js'

/** One of the report's two spans. */
export type Span = Window['incidents']

/**
 * Computes the report's two trailing windows. Both end at the midnight that closes the
 * `asOf` day in `timezone`; each starts that many calendar days earlier at local midnight,
 * so a window that crosses a daylight-saving change is not a multiple of 24 hours.
 * `asOf` (`YYYY-MM-DD`) and `timezone` (IANA) are validated by the caller.
 */
export function computeWindow(params: {
  asOf: string
  timezone: string
  incidentWindowDays: number
  highlightWindowDays: number
}): Window {
  const { asOf, timezone, incidentWindowDays, highlightWindowDays } = params
  const day = DateTime.fromISO(asOf, { zone: timezone })
  if (!day.isValid) {
    throw new Error(
      `computeWindow: as-of \`${asOf}\` in \`${timezone}\` is not a date (YYYY-MM-DD) in an IANA time zone`,
    )
  }
  const end = startOfDay(day, 1)
  return {
    asOf,
    timezone,
    incidents: { start: startOfDay(day, 1 - incidentWindowDays), end, days: incidentWindowDays },
    highlights: { start: startOfDay(day, 1 - highlightWindowDays), end, days: highlightWindowDays },
  }
}

/** The date `now` falls on in `timezone`, `YYYY-MM-DD`: the default as-of day. */
export function defaultAsOf(now: Date, timezone: string): string {
  const date = DateTime.fromJSDate(now, { zone: timezone }).toISODate()
  if (date === null) {
    throw new Error(
      `defaultAsOf: \`${timezone}\` is not an IANA time zone (e.g. \`America/New_York\`)`,
    )
  }
  return date
}

// The report's instants: UTC, whole seconds, `2024-04-24T04:00:00Z`.
function toUtcIso(instant: DateTime): string {
  const iso = instant.toUTC().toISO({ suppressMilliseconds: true })
  if (iso === null)
    throw new Error(`computeWindow: ${instant.invalidExplanation ?? 'invalid instant'}`)
  return iso
}

// Calendar arithmetic on the date, then the day's first instant: where a change skips
// midnight (America/Santiago), the day starts at 01:00, and luxon says so.
function startOfDay(day: DateTime, offsetDays: number): string {
  return toUtcIso(day.plus({ days: offsetDays }).startOf('day'))
}
