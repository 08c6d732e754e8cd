import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseTime } from '../../src/model/parse-time.js'

const NY = 'America/New_York'

describe('parseTime: accepted formats', () => {
  it.each([
    // ISO 8601 with an offset or Z
    ['2024-04-24T12:30-04:00', 'UTC', '2024-04-24T16:30:00Z'],
    ['2024-04-24T12:30:45-04:00', 'UTC', '2024-04-24T16:30:45Z'],
    ['2024-04-24 12:30-04:00', 'UTC', '2024-04-24T16:30:00Z'],
    ['2024-04-24 12:30 -04:00', 'UTC', '2024-04-24T16:30:00Z'],
    ['2024-04-24 12:30 \u221204:00', 'UTC', '2024-04-24T16:30:00Z'],
    ['2024-04-24T12:30+0530', 'UTC', '2024-04-24T07:00:00Z'],
    ['2024-04-24T12:30+05', 'UTC', '2024-04-24T07:30:00Z'],
    ['2024-04-24T12:30Z', NY, '2024-04-24T12:30:00Z'],
    ['2024-04-24t12:30:00z', NY, '2024-04-24T12:30:00Z'],
    ['2024-04-24T16:30:00.123Z', NY, '2024-04-24T16:30:00Z'],
    ['2024-04-24 12:30 Z', NY, '2024-04-24T12:30:00Z'],
    // local time with an IANA zone
    ['2024-04-24 12:30 America/New_York', 'UTC', '2024-04-24T16:30:00Z'],
    ['2024-01-24 12:30 America/New_York', 'UTC', '2024-01-24T17:30:00Z'],
    ['2024-04-24 12:30 america/new_york', 'UTC', '2024-04-24T16:30:00Z'],
    ['2024-04-24T12:30 America/New_York', 'UTC', '2024-04-24T16:30:00Z'],
    ['2024-04-24 12:30:15 Europe/London', 'UTC', '2024-04-24T11:30:15Z'],
    ['2024-04-24 12:30 Asia/Kolkata', 'UTC', '2024-04-24T07:00:00Z'],
    ['2024-04-24 12:30 Etc/GMT+5', 'UTC', '2024-04-24T17:30:00Z'],
    // US abbreviations in their own season: fixed offsets, no note
    ['2024-04-24 12:30 EDT', 'UTC', '2024-04-24T16:30:00Z'],
    ['2024-01-24 12:30 EST', 'UTC', '2024-01-24T17:30:00Z'],
    ['2024-01-24 12:30 CST', 'UTC', '2024-01-24T18:30:00Z'],
    ['2024-07-01 12:00 CDT', 'UTC', '2024-07-01T17:00:00Z'],
    ['2024-01-24 12:30 MST', 'UTC', '2024-01-24T19:30:00Z'],
    ['2024-07-01 12:00 MDT', 'UTC', '2024-07-01T18:00:00Z'],
    ['2024-01-24 12:30 PST', 'UTC', '2024-01-24T20:30:00Z'],
    ['2024-07-01 12:00 PDT', 'UTC', '2024-07-01T19:00:00Z'],
    ['2024-07-01 12:00 pdt', 'UTC', '2024-07-01T19:00:00Z'],
    // UTC and GMT
    ['2024-04-24 12:30 UTC', NY, '2024-04-24T12:30:00Z'],
    ['2024-04-24 12:30 GMT', NY, '2024-04-24T12:30:00Z'],
    ['2024-04-24 12:30 utc', NY, '2024-04-24T12:30:00Z'],
    // no zone: the default zone
    ['2024-04-24 12:30', NY, '2024-04-24T16:30:00Z'],
    ['2024-04-24 12:30', 'UTC', '2024-04-24T12:30:00Z'],
    ['2024-04-24T12:30', NY, '2024-04-24T16:30:00Z'],
    ['2024-04-24 12:30:59', 'UTC', '2024-04-24T12:30:59Z'],
    ['2024-04-24 9:05', 'UTC', '2024-04-24T09:05:00Z'],
    ['2024-03-10 02:30', 'UTC', '2024-03-10T02:30:00Z'],
    // the edges of the spring-forward gap exist
    ['2024-03-10 01:59 America/New_York', 'UTC', '2024-03-10T06:59:00Z'],
    ['2024-03-10 03:00 America/New_York', 'UTC', '2024-03-10T07:00:00Z'],
    // fall-back with an explicit offset or an abbreviation is not ambiguous
    ['2024-11-03T01:30-05:00', NY, '2024-11-03T06:30:00Z'],
    ['2024-11-03 01:30 EST', 'UTC', '2024-11-03T06:30:00Z'],
    ['2024-11-03 01:30 EDT', 'UTC', '2024-11-03T05:30:00Z'],
    // what people paste around a value
    ['  2024-04-24 12:30 UTC  ', NY, '2024-04-24T12:30:00Z'],
    ['`2024-04-24 12:30 UTC`', NY, '2024-04-24T12:30:00Z'],
  ])('%s (default %s) is %s', (text, zone, instant) => {
    expect(parseTime(text, zone)).toEqual({ ok: true, instant, notes: [] })
  })
})

describe('parseTime: notes', () => {
  it.each([
    [
      '2024-04-30 02:00 EST',
      '2024-04-30T07:00:00Z',
      'EST in April: New York is on EDT; write EDT or America/New_York if you meant local time',
    ],
    [
      '2024-01-15 09:00 EDT',
      '2024-01-15T13:00:00Z',
      'EDT in January: New York is on EST; write EST or America/New_York if you meant local time',
    ],
    [
      '2024-12-02 09:00 CDT',
      '2024-12-02T14:00:00Z',
      'CDT in December: Chicago is on CST; write CST or America/Chicago if you meant local time',
    ],
    [
      '2024-06-02 09:00 MST',
      '2024-06-02T16:00:00Z',
      'MST in June: Denver is on MDT; write MDT or America/Denver if you meant local time',
    ],
    [
      '2024-07-04 09:00 PST',
      '2024-07-04T17:00:00Z',
      'PST in July: Los Angeles is on PDT; write PDT or America/Los_Angeles if you meant local time',
    ],
  ])('%s is %s with a season note', (text, instant, note) => {
    expect(parseTime(text, 'UTC')).toEqual({ ok: true, instant, notes: [note] })
  })

  it('reads a fall-back time in America/New_York as the earlier instant, and says so', () => {
    expect(parseTime('2024-11-03 01:30 America/New_York', 'UTC')).toEqual({
      ok: true,
      instant: '2024-11-03T05:30:00Z',
      notes: [
        '"2024-11-03 01:30 America/New_York" happens twice in America/New_York (the clocks go back that night); taken as the first, 2024-11-03T05:30:00Z; for the second, write 2024-11-03T01:30-05:00',
      ],
    })
  })

  it('reads a fall-back time in Europe/London as the earlier instant, and says so', () => {
    expect(parseTime('2024-10-27 01:30 Europe/London', 'UTC')).toEqual({
      ok: true,
      instant: '2024-10-27T00:30:00Z',
      notes: [
        '"2024-10-27 01:30 Europe/London" happens twice in Europe/London (the clocks go back that night); taken as the first, 2024-10-27T00:30:00Z; for the second, write 2024-10-27T01:30+00:00',
      ],
    })
  })

  it('reads a fall-back time without a zone in the default zone, and names the zone', () => {
    expect(parseTime('2024-11-03 01:30', NY)).toEqual({
      ok: true,
      instant: '2024-11-03T05:30:00Z',
      notes: [
        '"2024-11-03 01:30" happens twice in America/New_York (the clocks go back that night); taken as the first, 2024-11-03T05:30:00Z; for the second, write 2024-11-03T01:30-05:00',
      ],
    })
  })

  it('names the zone as the time-zone database spells it', () => {
    const result = parseTime('2024-11-03 01:30 america/new_york', 'UTC')
    expect(result.ok && result.notes[0]).toContain('happens twice in America/New_York')
  })
})

describe('parseTime: problems', () => {
  const formats =
    'write it as 2024-04-24T12:30-04:00, 2024-04-24 12:30 America/New_York or 2024-04-24 12:30 EDT (US zone abbreviations, UTC and GMT work too); without a zone, America/New_York is assumed'

  it.each([
    ['', NY, `no time given; ${formats}`],
    ['   ', NY, `no time given; ${formats}`],
    ['yesterday at noon', NY, `"yesterday at noon" is not a time; ${formats}`],
    ['2024-04-24', NY, `"2024-04-24" is not a time; ${formats}`],
    ['12:30', NY, `"12:30" is not a time; ${formats}`],
    ['2024/04/24 12:30', NY, `"2024/04/24 12:30" is not a time; ${formats}`],
    ['24 April 2024 12:30', NY, `"24 April 2024 12:30" is not a time; ${formats}`],
    ['2024-04-24 12:30 pm', NY, '"2024-04-24 12:30 pm" has a zone this does not read'],
    [
      '2024-02-30 12:00',
      NY,
      '"2024-02-30 12:00" is not a real time: February 2024 has days 01 to 29',
    ],
    [
      '2023-02-29 12:00',
      NY,
      '"2023-02-29 12:00" is not a real time: February 2023 has days 01 to 28',
    ],
    [
      '2024-04-31 12:00 UTC',
      NY,
      '"2024-04-31 12:00 UTC" is not a real time: April 2024 has days 01 to 30',
    ],
    ['2024-04-00 12:00', NY, '"2024-04-00 12:00" is not a real time: April 2024 has days 01 to 30'],
    [
      '2024-13-01 12:00',
      NY,
      '"2024-13-01 12:00" is not a real time: there is no month 13 (01 to 12)',
    ],
    ['2024-04-24 25:00', NY, '"2024-04-24 25:00" is not a real time: hours run from 00 to 23'],
    ['2024-04-24 24:00', NY, '"2024-04-24 24:00" is not a real time: hours run from 00 to 23'],
    ['2024-04-24 12:60', NY, '"2024-04-24 12:60" is not a real time: minutes run from 00 to 59'],
    [
      '2024-04-24 12:30:60Z',
      NY,
      '"2024-04-24 12:30:60Z" is not a real time: seconds run from 00 to 59',
    ],
    [
      '2024-04-24 12:30 Mars/Olympus',
      NY,
      '"2024-04-24 12:30 Mars/Olympus" has an unknown time zone; use an IANA name such as America/New_York, a US abbreviation (EST, EDT, CST, CDT, MST, MDT, PST, PDT), UTC or GMT',
    ],
    [
      '2024-07-01 12:00 BST',
      NY,
      '"2024-07-01 12:00 BST" has a zone this does not read: only the US abbreviations (EST, EDT, CST, CDT, MST, MDT, PST, PDT), UTC and GMT are read, as others are ambiguous; use an IANA name such as Europe/London, or a UTC offset such as 2024-07-01T12:00+01:00',
    ],
    ['2024-07-01 12:00 CET', NY, '"2024-07-01 12:00 CET" has a zone this does not read'],
    ['2024-07-01 12:00 IST', NY, '"2024-07-01 12:00 IST" has a zone this does not read'],
    [
      '2024-04-24 12:30+19:00',
      NY,
      '"2024-04-24 12:30+19:00" has an offset that no place uses; offsets run from -18:00 to +18:00, e.g. -04:00',
    ],
    ['2024-04-24 12:30+05:75', NY, '"2024-04-24 12:30+05:75" has an offset that no place uses'],
    [
      '2024-04-24 12:30',
      'Mars/Olympus',
      '"2024-04-24 12:30" has no zone, and the configured time zone "Mars/Olympus" is not an IANA time zone; add a zone, e.g. 2024-04-24 12:30 America/New_York',
    ],
  ])('%j (default %s) is a problem: %s', (text, zone, reason) => {
    const result = parseTime(text, zone)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.reason.startsWith(reason)).toBe(true)
  })

  it.each([
    [
      '2024-03-10 02:30 America/New_York',
      'UTC',
      '"2024-03-10 02:30 America/New_York" is not a time in America/New_York: the clocks skipped it when they moved forward that day; write the time the clocks showed, or give a UTC offset (e.g. 2024-03-10T02:30-05:00)',
    ],
    [
      '2024-03-10 02:30',
      NY,
      '"2024-03-10 02:30" is not a time in America/New_York: the clocks skipped it when they moved forward that day; write the time the clocks showed, or give a UTC offset (e.g. 2024-03-10T02:30-05:00)',
    ],
    [
      '2024-03-31 01:30 Europe/London',
      'UTC',
      '"2024-03-31 01:30 Europe/London" is not a time in Europe/London: the clocks skipped it when they moved forward that day; write the time the clocks showed, or give a UTC offset (e.g. 2024-03-31T01:30+00:00)',
    ],
  ])('%s (default %s), in a spring-forward gap, is a problem', (text, zone, reason) => {
    expect(parseTime(text, zone)).toEqual({ ok: false, reason })
  })

  it('quotes a long value truncated, on one line', () => {
    const result = parseTime(`2024-04-24\n${'x'.repeat(100)}`, 'UTC')
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(/^"2024-04-24 x{49}…" is not a time; write it as /) as string,
    })
  })
})

describe('parseTime: any text', () => {
  it('never throws, and an accepted time is a UTC instant with seconds', () => {
    const pieces = fc.constantFrom(
      '2024-',
      '11-03',
      '03-10',
      ' ',
      'T',
      '01:30',
      '02:30',
      ':59',
      'Z',
      '-04:00',
      '+99',
      'EST',
      'America/New_York',
      'Europe/London',
      'Mars/x',
      '`',
      '\n',
      '\u0000',
    )
    const text = fc.oneof(
      fc.string(),
      fc.array(pieces, { maxLength: 8 }).map((parts) => parts.join('')),
    )
    const zone = fc.constantFrom('UTC', NY, 'Europe/London', 'Mars/Olympus', '')
    fc.assert(
      fc.property(text, zone, (value, defaultZone) => {
        const result = parseTime(value, defaultZone)
        if (result.ok) expect(result.instant).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
        else expect(result.reason.length).toBeGreaterThan(0)
      }),
      { numRuns: 300 },
    )
  })
})
