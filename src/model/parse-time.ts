import { DateTime, FixedOffsetZone, IANAZone } from 'luxon'
import { canonicalZoneName, isKnownZone } from './zone-names.js'
import { quoteValue } from './format-problem.js'

/** A time read from a form: the instant in UTC, and anything the filer should know about it. */
export type TimeResult =
  { ok: true; instant: string; notes: string[] } | { ok: false; reason: string }

/** The US zone abbreviations accepted, as fixed offsets, and the zone whose seasons they name. */
const US_ABBREVIATIONS: Record<string, { offset: number; zone: string; city: string }> = {
  EST: { offset: -5 * 60, zone: 'America/New_York', city: 'New York' },
  EDT: { offset: -4 * 60, zone: 'America/New_York', city: 'New York' },
  CST: { offset: -6 * 60, zone: 'America/Chicago', city: 'Chicago' },
  CDT: { offset: -5 * 60, zone: 'America/Chicago', city: 'Chicago' },
  MST: { offset: -7 * 60, zone: 'America/Denver', city: 'Denver' },
  MDT: { offset: -6 * 60, zone: 'America/Denver', city: 'Denver' },
  PST: { offset: -8 * 60, zone: 'America/Los_Angeles', city: 'Los Angeles' },
  PDT: { offset: -7 * 60, zone: 'America/Los_Angeles', city: 'Los Angeles' },
}

// A day before the clocks skip, the zone is on the offset the filer most likely meant.
const DAY_MS = 86_400_000

const UTC_NAMES = new Set(['UTC', 'GMT', 'Z', 'UT'])

// Offsets beyond ±18:00 are not offsets anywhere (ISO 8601 and ECMAScript agree on the bound).
const MAX_OFFSET_MINUTES = 18 * 60

/**
 * `2024-04-24 12:30`, `2024-04-24T12:30:05`, then either a UTC offset (`Z`, `-04:00`, `+0530`,
 * `+05`, with or without a space before it) or a zone word (`America/New_York`, `EDT`, `UTC`).
 * Fractions of a second are read and dropped. `−` (U+2212) is taken for a minus sign.
 */
const TIME_PATTERN =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(?:\s*(?:(Z)|([+\-\u2212])(\d{2})(?::?(\d{2}))?)|\s+([A-Z][\w+\-/]*))?$/i

type WallTime = {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

/** Examples of what parseTime reads, for reasons: `2024-04-24T12:30-04:00, … is assumed`. */
export function describeTimeFormats(defaultZone: string): string {
  return (
    '2024-04-24T12:30-04:00, 2024-04-24 12:30 America/New_York or ' +
    '2024-04-24 12:30 EDT (US zone abbreviations, UTC and GMT work too); ' +
    `without a zone, ${defaultZone} is assumed`
  )
}

/**
 * Reads a time as people write it in the form: ISO 8601 with an offset, a local time with an
 * IANA zone, a US zone abbreviation (a fixed offset: `EST` is UTC−5 in any season), UTC/GMT,
 * or no zone, meaning `defaultZone`. A local time that does not exist in its zone is a problem;
 * one that happens twice is the earlier instant, with a note.
 */
export function parseTime(text: string, defaultZone: string): TimeResult {
  const written = text
    .trim()
    .replace(/^`([^`]*)`$/, '$1')
    .trim()
  if (written === '') {
    return { ok: false, reason: `no time given; write it as ${describeTimeFormats(defaultZone)}` }
  }
  const match = TIME_PATTERN.exec(written)
  if (match === null) {
    return {
      ok: false,
      reason: `${quoteValue(written)} is not a time; write it as ${describeTimeFormats(defaultZone)}`,
    }
  }
  const [, year, month, day, hour, minute, second, zulu, sign, offsetHours, offsetMinutes, word] =
    match
  const wall: WallTime = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second ?? '0'),
  }
  const impossible = describeImpossible(wall)
  if (impossible !== null) {
    return { ok: false, reason: `${quoteValue(written)} is not a real time: ${impossible}` }
  }

  if (zulu !== undefined) return atOffset(written, wall, 0)
  if (sign !== undefined) {
    const minutes = Number(offsetHours) * 60 + Number(offsetMinutes ?? '0')
    if (Number(offsetMinutes ?? '0') > 59 || minutes > MAX_OFFSET_MINUTES) {
      return {
        ok: false,
        reason: `${quoteValue(written)} has an offset that no place uses; offsets run from -18:00 to +18:00, e.g. -04:00`,
      }
    }
    return atOffset(written, wall, sign === '+' ? minutes : -minutes)
  }
  if (word === undefined) return inZone(written, wall, defaultZone, true)

  const upper = word.toUpperCase()
  if (UTC_NAMES.has(upper)) return atOffset(written, wall, 0)
  const abbreviation = US_ABBREVIATIONS[upper]
  if (abbreviation !== undefined) {
    const result = atOffset(written, wall, abbreviation.offset)
    return result.ok ? { ...result, notes: seasonNotes(upper, wall, result.instant) } : result
  }
  // The time-zone data also answers to words like BST (Bangladesh, not British Summer Time) and
  // IST or CET: an abbreviation outside the US list above is too ambiguous to guess from.
  if (!word.includes('/')) {
    return {
      ok: false,
      reason: `${quoteValue(written)} has a zone this does not read: only the US abbreviations (EST, EDT, CST, CDT, MST, MDT, PST, PDT), UTC and GMT are read, as others are ambiguous; use an IANA name such as Europe/London, or a UTC offset such as ${formatWallTime(wall)}+01:00`,
    }
  }
  return inZone(written, wall, word, false)
}

/** What makes a wall time impossible on any calendar, or null when it is a real one. */
function describeImpossible(wall: WallTime): string | null {
  if (wall.month < 1 || wall.month > 12) return `there is no month ${wall.month} (01 to 12)`
  const daysInMonth = DateTime.fromObject(
    { year: wall.year, month: wall.month },
    { zone: 'UTC' },
  ).daysInMonth
  if (daysInMonth !== undefined && (wall.day < 1 || wall.day > daysInMonth)) {
    const monthName = DateTime.fromObject(
      { year: wall.year, month: wall.month },
      { zone: 'UTC', locale: 'en-US' },
    ).toFormat('LLLL yyyy')
    return `${monthName} has days 01 to ${daysInMonth}`
  }
  // Luxon takes 24:00 as the next midnight; a form value of 24:00 is more likely a slip.
  if (wall.hour > 23) return `hours run from 00 to 23`
  if (wall.minute > 59) return `minutes run from 00 to 59`
  if (wall.second > 59) return `seconds run from 00 to 59`
  return null
}

function atOffset(written: string, wall: WallTime, offsetMinutes: number): TimeResult {
  const zone = FixedOffsetZone.instance(offsetMinutes)
  return instantOf(written, DateTime.fromObject(wall, { zone }))
}

function instantOf(written: string, time: DateTime): TimeResult {
  const instant = time.isValid ? time.toUTC().toISO({ suppressMilliseconds: true }) : null
  if (instant === null) {
    return { ok: false, reason: `${quoteValue(written)} is not a time this can place` }
  }
  return { ok: true, instant, notes: [] }
}

/** `2024-04-24T12:30`, with seconds when there are some. */
function formatWallTime(wall: WallTime): string {
  const two = (n: number) => String(n).padStart(2, '0')
  const seconds = wall.second === 0 ? '' : `:${two(wall.second)}`
  return `${String(wall.year).padStart(4, '0')}-${two(wall.month)}-${two(wall.day)}T${two(wall.hour)}:${two(wall.minute)}${seconds}`
}

/** A wall time in an IANA zone: the gap of a spring-forward change is a problem, an overlap a note. */
function inZone(written: string, wall: WallTime, zoneName: string, isDefault: boolean): TimeResult {
  if (!isKnownZone(zoneName)) {
    return {
      ok: false,
      reason: isDefault
        ? `${quoteValue(written)} has no zone, and the configured time zone ${quoteValue(zoneName)} is not an IANA time zone; add a zone, e.g. 2024-04-24 12:30 America/New_York`
        : `${quoteValue(written)} has an unknown time zone; use an IANA name such as America/New_York, a US abbreviation (EST, EDT, CST, CDT, MST, MDT, PST, PDT), UTC or GMT`,
    }
  }
  const zone = IANAZone.create(zoneName)
  const name = canonicalZoneName(zoneName)
  const time = DateTime.fromObject(wall, { zone })
  // Luxon moves a wall time that the clocks skipped to one that exists: reading the wall time
  // back is how to tell.
  if (!sameWallTime(time, wall)) {
    return {
      ok: false,
      reason: `${quoteValue(written)} is not a time in ${name}: the clocks skipped it when they moved forward that day; write the time the clocks showed, or give a UTC offset (e.g. ${formatWallTime(wall)}${zone.formatOffset(time.toMillis() - DAY_MS, 'short')})`,
    }
  }
  const candidates = time.getPossibleOffsets().filter((candidate) => candidate.isValid)
  if (candidates.length < 2) return instantOf(written, time)
  const sorted = [...candidates].sort((a, b) => a.toMillis() - b.toMillis())
  const earlier = sorted[0] ?? time
  const later = sorted[sorted.length - 1] ?? time
  const result = instantOf(written, earlier)
  if (!result.ok) return result
  return {
    ...result,
    notes: [
      `${quoteValue(written)} happens twice in ${name} (the clocks go back that night); taken as the first, ${result.instant}; for the second, write ${formatWallTime(wall)}${later.toFormat('ZZ')}`,
    ],
  }
}

function sameWallTime(time: DateTime, wall: WallTime): boolean {
  return (
    time.isValid &&
    time.year === wall.year &&
    time.month === wall.month &&
    time.day === wall.day &&
    time.hour === wall.hour &&
    time.minute === wall.minute &&
    time.second === wall.second
  )
}

/** A note when an abbreviation names the season its zone was not in at that instant. */
function seasonNotes(abbreviation: string, wall: WallTime, instant: string): string[] {
  const named = US_ABBREVIATIONS[abbreviation]
  if (named === undefined) return []
  const actualOffset = IANAZone.create(named.zone).offset(Date.parse(instant))
  if (actualOffset === named.offset) return []
  const actual = Object.entries(US_ABBREVIATIONS).find(
    ([, other]) => other.zone === named.zone && other.offset === actualOffset,
  )?.[0]
  const month = DateTime.fromObject(
    { year: wall.year, month: wall.month },
    { zone: 'UTC', locale: 'en-US' },
  ).toFormat('LLLL')
  const season = actual === undefined ? 'not on it' : `on ${actual}`
  const advice =
    actual === undefined
      ? `write ${named.zone} if you meant local time`
      : `write ${actual} or ${named.zone} if you meant local time`
  return [`${abbreviation} in ${month}: ${named.city} is ${season}; ${advice}`]
}
