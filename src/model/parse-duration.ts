import { quoteValue } from './format-problem.js'

/** A duration read from a form, in whole minutes. */
export type DurationResult = { ok: true; minutes: number } | { ok: false; reason: string }

/** Longer than a leap year is a typo, not an incident. */
const MAX_MINUTES = 366 * 24 * 60

const MINUTES_PER_UNIT = { d: 24 * 60, h: 60, m: 1 } as const

const UNIT_NAMES = { d: 'days', h: 'hours', m: 'minutes' } as const

/** `d`, `day`, `days`; `h`, `hr`, `hrs`, `hour`, `hours`; `m`, `min`, `mins`, `minute`, `minutes`. */
const UNIT_WORDS: Record<string, keyof typeof MINUTES_PER_UNIT> = {
  d: 'd',
  day: 'd',
  days: 'd',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
}

const ACCEPTED = 'write it as 45m, 1h 30m, 2h, 1d 4h, 1.5h or 90 minutes'

/** Reads a duration as people write it: `45m`, `1h 30m`, `1h30m`, `1d 4h`, `90 minutes`, `1.5h`. */
export function parseDuration(text: string): DurationResult {
  const written = text
    .trim()
    .replace(/^`([^`]*)`$/, '$1')
    .trim()
  if (written === '') return { ok: false, reason: `no duration given; ${ACCEPTED}` }
  const quoted = quoteValue(written)
  if (/^[-\u2212]/.test(written)) {
    return {
      ok: false,
      reason: `${quoted} is negative; a duration is how long it lasted, ${ACCEPTED}`,
    }
  }
  if (/^\d+(?:\.\d+)?$/.test(written)) {
    return { ok: false, reason: `${quoted} has no unit; ${ACCEPTED}` }
  }

  const lower = written.toLowerCase()
  const seen = new Set<keyof typeof MINUTES_PER_UNIT>()
  let minutes = 0
  // One amount and its unit, then the separator before the next one; sticky, so nothing is skipped.
  const partPattern = /(\d+(?:\.\d+)?|\.\d+)\s*([a-z]+)\s*(?:,|\band\b)?\s*/y
  while (partPattern.lastIndex < lower.length) {
    const part = partPattern.exec(lower)
    const unit = part === null ? undefined : UNIT_WORDS[part[2] ?? '']
    if (part === null || unit === undefined) {
      return { ok: false, reason: `${quoted} is not a duration; ${ACCEPTED}` }
    }
    if (seen.has(unit)) {
      return {
        ok: false,
        reason: `${quoted} gives ${UNIT_NAMES[unit]} twice; give each unit once, e.g. 1h 30m`,
      }
    }
    seen.add(unit)
    minutes += Number(part[1]) * MINUTES_PER_UNIT[unit]
  }

  const rounded = Math.round(minutes)
  if (!(rounded <= MAX_MINUTES)) {
    return {
      ok: false,
      reason: `${quoted} is longer than 366 days; check the units (d, h, m), or give Resolved instead`,
    }
  }
  return { ok: true, minutes: rounded }
}
