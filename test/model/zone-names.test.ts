import fc from 'fast-check'
import { DateTime, IANAZone } from 'luxon'
import { describe, expect, it } from 'vitest'
import { canonicalZoneName, isKnownZone, zoneAbbreviation } from '../../src/model/zone-names.js'

// The cached answers must be luxon's own, or the page and the diagram would change.
const ZONES = [
  'America/New_York',
  'America/Indiana/Knox', // Eastern standard and Central daylight: both UTC-5, in one year (2006)
  'America/Sao_Paulo',
  'Europe/Berlin',
  'Europe/Moscow',
  'Asia/Kolkata',
  'Australia/Lord_Howe', // a 30-minute daylight-saving shift
  'Pacific/Chatham',
  'UTC',
  'Etc/GMT+5',
]

describe('zoneAbbreviation', () => {
  it('says what DateTime#offsetNameShort says, at any instant in any zone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom('en-US', 'en-GB', 'de-DE'),
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (zone, locale, millis) => {
          const time = DateTime.fromMillis(millis, { zone, locale })
          expect(zoneAbbreviation(time)).toBe(time.offsetNameShort)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('follows a change of name at the same offset within one day (Knox, 2 April 2006)', () => {
    const before = DateTime.fromISO('2006-04-02T06:30:00Z', { zone: 'America/Indiana/Knox' })
    const after = DateTime.fromISO('2006-04-02T08:30:00Z', { zone: 'America/Indiana/Knox' })
    expect(before.offset).toBe(after.offset)
    expect([zoneAbbreviation(before), zoneAbbreviation(after)]).toEqual([
      before.offsetNameShort,
      after.offsetNameShort,
    ])
    expect(zoneAbbreviation(before)).not.toBe(zoneAbbreviation(after))
  })

  it('answers for fixed-offset zones and invalid times as luxon does', () => {
    const fixed = DateTime.fromISO('2024-05-01T10:00:00+02:00', { setZone: true })
    expect(zoneAbbreviation(fixed)).toBe(fixed.offsetNameShort)
    expect(zoneAbbreviation(DateTime.invalid('test'))).toBeNull()
  })
})

describe('isKnownZone and canonicalZoneName', () => {
  const names = [
    ...ZONES,
    'america/new_york',
    'US/Eastern',
    'utc',
    'Mars/Olympus',
    '',
    'EST',
    'GMT+2',
  ]

  it.each(names)('%j: as luxon and Intl say, asked twice', (name) => {
    for (let time = 0; time < 2; time++) {
      expect(isKnownZone(name)).toBe(IANAZone.isValidZone(name))
    }
    const expected = IANAZone.isValidZone(name)
      ? new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone
      : name
    expect(canonicalZoneName(name)).toBe(expected)
    expect(canonicalZoneName(name)).toBe(expected)
  })

  it('spells a zone as the database does', () => {
    expect(canonicalZoneName('america/new_york')).toBe('America/New_York')
  })
})
