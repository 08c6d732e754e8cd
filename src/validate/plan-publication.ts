import { DateTime } from 'luxon'

/**
 * Which reports an entry appears in, by their `as-of` date (`YYYY-MM-DD`): every report whose
 * trailing window overlaps it, from `first` to `last` (inclusive). The action does not know
 * the report workflow's schedule, so this names the dates, not the runs.
 */
export type Publication = {
  first: string
  /** null while an incident is ongoing: every report from `first` on shows it. */
  last: string | null
  /** Length of the window the entry is counted in. */
  windowDays: number
  /** The day the check ran, in the configured time zone. */
  today: string
}

/**
 * Plans publication for an entry spanning `[start, end)` (ISO 8601 instants; `end` null while
 * ongoing; `end` equal to `start` for a moment such as a highlight's day). The rule is the
 * report's: a report as of D covers `[D − days + 1, D + 1)` at local midnights and includes
 * what overlaps it, so the first report is the one dated the day the entry starts and the last
 * the one whose window still reaches the entry's last moment.
 */
export function planPublication(params: {
  start: string
  end: string | null
  timezone: string
  windowDays: number
  now: Date
}): Publication {
  const { start, end, timezone, windowDays, now } = params
  const first = localDate(DateTime.fromISO(start, { zone: timezone }), 'start')
  const today = localDate(DateTime.fromJSDate(now, { zone: timezone }), 'now')
  if (end === null) return { first, last: null, windowDays, today }
  const endAt = DateTime.fromISO(end, { zone: timezone })
  const startAt = DateTime.fromISO(start, { zone: timezone })
  // The last moment inside the entry: an entry ending at midnight does not reach that day.
  const lastMoment = endAt > startAt ? endAt.minus({ milliseconds: 1 }) : startAt
  const lastDay = DateTime.fromISO(localDate(lastMoment, 'end'), { zone: 'UTC' })
  const last = localDate(lastDay.plus({ days: windowDays - 1 }), 'end')
  return { first, last, windowDays, today }
}

function localDate(time: DateTime, what: string): string {
  const date = time.isValid ? time.toISODate() : null
  if (date === null) {
    throw new Error(`planPublication: the ${what} is not an instant in an IANA time zone`)
  }
  return date
}
