import { DateTime } from 'luxon'
import { zoneAbbreviation } from '../model/zone-names.js'
import type { Span } from './window.js'

// Fixed so that the output does not depend on the machine's locale.
const LOCALE = 'en-US'

/** An instant as the report shows it in a zone. */
export type ShownTime = {
  /** `Apr 24` */
  date: string
  /** `12:30`, 24-hour clock */
  time: string
  /** `EDT`; where the zone has no abbreviation in English, its offset (`GMT+2`) */
  zone: string
}

// An incident's start is shown in its entry, its post-mortem and the job summary: each instant
// is worked out once (luxon takes tens of microseconds). Cleared when full, so a long-lived
// process (the tests) does not grow it without end.
const shownTimes = new Map<string, Readonly<ShownTime>>()
const SHOWN_TIMES_KEPT = 100_000

/** Shows an ISO 8601 instant in `timezone`: its day, its wall-clock time and the zone's abbreviation then. */
export function formatTime(instant: string, timezone: string): Readonly<ShownTime> {
  const key = `${timezone} ${instant}`
  let shown = shownTimes.get(key)
  if (shown === undefined) {
    const local = inZone(instant, timezone)
    shown = Object.freeze({
      date: local.toFormat('MMM d'),
      time: local.toFormat('HH:mm'),
      zone: zoneAbbreviation(local) ?? local.toFormat('ZZ'),
    })
    if (shownTimes.size >= SHOWN_TIMES_KEPT) shownTimes.clear()
    shownTimes.set(key, shown)
  }
  return shown
}

/** Shows whole minutes as the two largest units: `0m`, `45m`, `2h`, `1h 30m`, `2d 4h` (minutes dropped from a day on). */
export function formatDuration(minutes: number): string {
  const total = Math.max(0, Math.floor(minutes))
  const days = Math.floor(total / 1440)
  const hours = Math.floor((total % 1440) / 60)
  const mins = total % 60
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`
  if (hours > 0) return mins > 0 ? `${hours}h ${mins}m` : `${hours}h`
  return `${mins}m`
}

/**
 * Shows the days a span covers in `timezone`: `Apr 24 – May 7, 2024`. The end is exclusive,
 * so the last day shown is the one before it; a one-day span is `May 7, 2024`, and a span
 * across New Year shows both years.
 */
export function formatDateRange(span: Pick<Span, 'start' | 'end'>, timezone: string): string {
  const first = inZone(span.start, timezone)
  const last = inZone(span.end, timezone).minus({ milliseconds: 1 })
  if (first.hasSame(last, 'day')) return last.toFormat('MMM d, yyyy')
  if (first.hasSame(last, 'year'))
    return `${first.toFormat('MMM d')} – ${last.toFormat('MMM d, yyyy')}`
  return `${first.toFormat('MMM d, yyyy')} – ${last.toFormat('MMM d, yyyy')}`
}

function inZone(instant: string, timezone: string): DateTime {
  const local = DateTime.fromISO(instant, { zone: timezone, setZone: false, locale: LOCALE })
  if (!local.isValid) {
    throw new Error(
      `\`${instant}\` in \`${timezone}\` is not an ISO 8601 instant in an IANA time zone`,
    )
  }
  return local
}
