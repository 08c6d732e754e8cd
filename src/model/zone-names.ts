import type { DateTime } from 'luxon'

// Every answer here depends only on the zone name (and the locale), so each is worked out once
// per run: building an `Intl.DateTimeFormat` costs tens of microseconds, and luxon builds a new
// one on every call to `IANAZone.isValidZone` and `DateTime#offsetNameShort`, which a report of
// thousands of incidents makes tens of thousands of times.
const validZones = new Map<string, boolean>()
const canonicalNames = new Map<string, string>()
const abbreviationFormats = new Map<string, Intl.DateTimeFormat>()

/** Whether `name` is a time zone this runtime knows (`America/New_York`, `utc`); as luxon's `IANAZone.isValidZone`. */
export function isKnownZone(name: string): boolean {
  let valid = validZones.get(name)
  if (valid === undefined) {
    valid = tryFormat(name) !== null
    validZones.set(name, valid)
  }
  return valid
}

/** The zone's name as the time-zone database spells it (`america/new_york` → `America/New_York`); unknown names as given. */
export function canonicalZoneName(name: string): string {
  let canonical = canonicalNames.get(name)
  if (canonical === undefined) {
    canonical = tryFormat(name)?.resolvedOptions().timeZone ?? name
    canonicalNames.set(name, canonical)
  }
  return canonical
}

/**
 * The zone's short name at that instant (`EDT`, `GMT+2`): `DateTime#offsetNameShort`, with one
 * formatter per zone and locale instead of one per call. The formatter's options are luxon's own
 * (`parseZoneInfo`), so the answer is the same text.
 */
export function zoneAbbreviation(time: DateTime): string | null {
  if (!time.isValid) return null
  if (time.zone.type !== 'iana') return time.offsetNameShort
  const key = `${time.locale ?? ''}|${time.zone.name}`
  let format = abbreviationFormats.get(key)
  if (format === undefined) {
    format = new Intl.DateTimeFormat(time.locale ?? undefined, {
      timeZoneName: 'short',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: time.zone.name,
    })
    abbreviationFormats.set(key, format)
  }
  const part = format
    .formatToParts(new Date(time.toMillis()))
    .find((candidate) => candidate.type.toLowerCase() === 'timezonename')
  return part?.value ?? null
}

function tryFormat(name: string): Intl.DateTimeFormat | null {
  if (name === '') return null
  try {
    const format = new Intl.DateTimeFormat('en-US', { timeZone: name })
    format.format()
    return format
  } catch {
    return null
  }
}
