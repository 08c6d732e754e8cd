import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDuration } from '../../src/model/parse-duration.js'

const ACCEPTED = 'write it as 45m, 1h 30m, 2h, 1d 4h, 1.5h or 90 minutes'

describe('parseDuration', () => {
  it.each([
    ['45m', 45],
    ['1h 30m', 90],
    ['1h30m', 90],
    ['2h', 120],
    ['1d 4h', 1680],
    ['2d 4h', 3120],
    ['90 minutes', 90],
    ['1.5h', 90],
    ['1 hour', 60],
    ['2 days', 2880],
    ['1 day', 1440],
    ['30 min', 30],
    ['45 mins', 45],
    ['1 minute', 1],
    ['1 hr', 60],
    ['2 hrs', 120],
    ['45M', 45],
    ['1H 30M', 90],
    ['2 Hours', 120],
    ['1 hour, 30 minutes', 90],
    ['1 hour and 30 minutes', 90],
    ['30m 1h', 90],
    ['.5h', 30],
    ['1.5m', 2],
    ['0.2m', 0],
    ['0m', 0],
    ['  45m  ', 45],
    ['`45m`', 45],
    ['366d', 527040],
  ])('%j is %i minutes', (text, minutes) => {
    expect(parseDuration(text)).toEqual({ ok: true, minutes })
  })

  it.each([
    ['', `no duration given; ${ACCEPTED}`],
    ['  ', `no duration given; ${ACCEPTED}`],
    ['-45m', `"-45m" is negative; a duration is how long it lasted, ${ACCEPTED}`],
    ['\u22121h', `"\u22121h" is negative; a duration is how long it lasted, ${ACCEPTED}`],
    ['45', `"45" has no unit; ${ACCEPTED}`],
    ['1.5', `"1.5" has no unit; ${ACCEPTED}`],
    ['abc', `"abc" is not a duration; ${ACCEPTED}`],
    ['h', `"h" is not a duration; ${ACCEPTED}`],
    ['1x', `"1x" is not a duration; ${ACCEPTED}`],
    ['1h30', `"1h30" is not a duration; ${ACCEPTED}`],
    ['1:30', `"1:30" is not a duration; ${ACCEPTED}`],
    ['1e3m', `"1e3m" is not a duration; ${ACCEPTED}`],
    ['about 2h', `"about 2h" is not a duration; ${ACCEPTED}`],
    ['1h 2h', '"1h 2h" gives hours twice; give each unit once, e.g. 1h 30m'],
    ['1 day 2d', '"1 day 2d" gives days twice; give each unit once, e.g. 1h 30m'],
    ['367d', '"367d" is longer than 366 days; check the units (d, h, m), or give Resolved instead'],
    [
      '9000h',
      '"9000h" is longer than 366 days; check the units (d, h, m), or give Resolved instead',
    ],
    [
      '9'.repeat(400) + 'd',
      `"${'9'.repeat(60)}…" is longer than 366 days; check the units (d, h, m), or give Resolved instead`,
    ],
  ])('%j is a problem', (text, reason) => {
    expect(parseDuration(text)).toEqual({ ok: false, reason })
  })

  it('never throws, and an accepted duration is whole minutes within a year', () => {
    const pieces = fc.constantFrom(
      '1',
      '.5',
      '30',
      ' ',
      'h',
      'm',
      'd',
      'days',
      'and',
      ',',
      '-',
      'x',
    )
    const text = fc.oneof(
      fc.string(),
      fc.array(pieces, { maxLength: 8 }).map((p) => p.join('')),
    )
    fc.assert(
      fc.property(text, (value) => {
        const result = parseDuration(value)
        if (result.ok) {
          expect(Number.isInteger(result.minutes)).toBe(true)
          expect(result.minutes).toBeGreaterThanOrEqual(0)
          expect(result.minutes).toBeLessThanOrEqual(366 * 24 * 60)
        } else {
          expect(result.reason.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 300 },
    )
  })
})
