import { describe, expect, it } from 'vitest'
import type { FieldValue } from '../../src/forms/form-template.js'
import type { Incident } from '../../src/model/incident.js'
import { toIncident } from '../../src/model/to-incident.js'
import { makeIncidentForm, makeIssue } from './fixtures.js'

const NY = 'America/New_York'

const TIME_FORMATS =
  '2024-04-24T12:30-04:00, 2024-04-24 12:30 America/New_York or 2024-04-24 12:30 EDT (US zone abbreviations, UTC and GMT work too); without a zone, America/New_York is assumed'

function convert(fields: Record<string, FieldValue> = {}, issue = makeIssue(), timezone = NY) {
  return toIncident({ issue, form: makeIncidentForm(fields), timezone })
}

function incident(fields: Record<string, FieldValue> = {}, issue = makeIssue()): Incident {
  const result = convert(fields, issue)
  if (!result.ok) throw new Error(`expected an incident, got: ${result.reasons.join(' | ')}`)
  return result.value
}

function reasons(fields: Record<string, FieldValue> = {}, issue = makeIssue()): string[] {
  const result = convert(fields, issue)
  if (result.ok) throw new Error('expected reasons, got an incident')
  return result.reasons
}

describe('toIncident: a complete form', () => {
  it('becomes an incident with every field', () => {
    expect(convert()).toEqual({
      ok: true,
      value: {
        number: 12,
        url: 'https://github.com/acme/platform/issues/12',
        title: 'Request routing 502s',
        author: 'ana',
        started: '2024-04-24T16:30:00Z',
        ended: '2024-04-24T17:15:00Z',
        endSource: 'resolved',
        impact: 'severe',
        services: ['Request routing', 'DNS'],
        regions: ['sjc', 'ams'],
        summary: 'Routers in sjc dropped half the requests after a config push. Rolled back.',
        customerImpact: 'Brief but severe impact to request routing.',
        postmortem: null,
        notes: [],
      },
    })
  })

  it('copies the repository, and credits a deleted user to ghost', () => {
    const value = incident({}, makeIssue({ repository: 'acme/edge', user: null }))
    expect(value.repository).toBe('acme/edge')
    expect(value.author).toBe('ghost')
    expect('repository' in incident()).toBe(false)
  })

  it('reads a time without a zone in the configured time zone', () => {
    const fields = { started: '2024-04-24 12:30', resolved: '2024-04-24 13:00' }
    const inNewYork = toIncident({
      issue: makeIssue(),
      form: makeIncidentForm(fields),
      timezone: NY,
    })
    const inUtc = toIncident({
      issue: makeIssue(),
      form: makeIncidentForm(fields),
      timezone: 'UTC',
    })
    expect(inNewYork.ok && [inNewYork.value.started, inNewYork.value.ended]).toEqual([
      '2024-04-24T16:30:00Z',
      '2024-04-24T17:00:00Z',
    ])
    expect(inUtc.ok && [inUtc.value.started, inUtc.value.ended]).toEqual([
      '2024-04-24T12:30:00Z',
      '2024-04-24T13:00:00Z',
    ])
  })

  it.each<[FieldValue, string[]]>([
    ['sjc, ams', ['sjc', 'ams']],
    ['sjc ams,fra ,  iad', ['sjc', 'ams', 'fra', 'iad']],
    [' , ', []],
    [null, []],
  ])('reads regions %j as %j', (regions, expected) => {
    expect(incident({ regions }).regions).toEqual(expected)
  })

  it.each<[FieldValue, string[]]>([
    [
      ['API', 'Web dashboard'],
      ['API', 'Web dashboard'],
    ],
    ['API, Web dashboard', ['API', 'Web dashboard']],
    [null, []],
  ])('reads services %j as %j', (services, expected) => {
    expect(incident({ services }).services).toEqual(expected)
  })

  it('keeps optional markdown verbatim, and an empty one as null', () => {
    const value = incident({
      'customer-impact': '   \n',
      postmortem: '- [doc](https://example.com/pm)\n\n`code`',
    })
    expect(value.customerImpact).toBeNull()
    expect(value.postmortem).toBe('- [doc](https://example.com/pm)\n\n`code`')
  })
})

describe('toIncident: when it ended', () => {
  it('uses Duration when Resolved is empty', () => {
    const value = incident({ resolved: null, duration: '1h 30m' })
    expect([value.ended, value.endSource]).toEqual(['2024-04-24T18:00:00Z', 'duration'])
  })

  it('is ongoing with neither Resolved nor Duration while the issue is open', () => {
    const value = incident(
      { resolved: null, duration: null },
      makeIssue({ state: 'open', closed_at: null }),
    )
    expect([value.ended, value.endSource]).toEqual([null, 'ongoing'])
  })

  it('ends when the issue was closed with neither Resolved nor Duration', () => {
    const value = incident(
      { resolved: null, duration: null },
      makeIssue({ closed_at: '2024-04-25T18:00:00Z' }),
    )
    expect([value.ended, value.endSource]).toEqual(['2024-04-25T18:00:00Z', 'closed_at'])
  })

  it('allows a zero-length incident', () => {
    const value = incident({ resolved: '2024-04-24T16:30:00Z' })
    expect([value.started, value.ended]).toEqual(['2024-04-24T16:30:00Z', '2024-04-24T16:30:00Z'])
  })

  it('uses Resolved over Duration, and notes when they disagree', () => {
    const value = incident({ duration: '2h' })
    expect([value.ended, value.endSource]).toEqual(['2024-04-24T17:15:00Z', 'resolved'])
    expect(value.notes).toEqual([
      'Duration: "2h" is not used: Resolved is given, and makes the incident 45m long',
    ])
    expect(incident({ duration: '45m' }).notes).toEqual([])
  })

  it('is a problem when Resolved is before Started', () => {
    expect(reasons({ resolved: '2024-04-24 12:00 America/New_York' })).toEqual([
      'Resolved ("2024-04-24 12:00 America/New_York" = 2024-04-24T16:00:00Z) is before Started ("2024-04-24 12:30 America/New_York" = 2024-04-24T16:30:00Z); check the dates and time zones',
    ])
  })

  it('shows an instant once when it was written as one', () => {
    expect(reasons({ started: '2024-04-24T16:30:00Z', resolved: '2024-04-24T16:00:00Z' })).toEqual([
      'Resolved (2024-04-24T16:00:00Z) is before Started (2024-04-24T16:30:00Z); check the dates and time zones',
    ])
  })

  it('is a problem when the issue was closed before Started', () => {
    expect(reasons({ resolved: null }, makeIssue({ closed_at: '2024-04-24T15:00:00Z' }))).toEqual([
      'Resolved: empty, and the issue was closed (2024-04-24T15:00:00Z) before Started ("2024-04-24 12:30 America/New_York" = 2024-04-24T16:30:00Z); write when the incident ended, or a Duration',
    ])
  })

  it('is a problem when a closed issue has no closing time', () => {
    expect(reasons({ resolved: null }, makeIssue({ closed_at: null }))).toEqual([
      'Resolved: empty, and the issue is closed without a closing time; write when the incident ended, or a Duration',
    ])
  })

  it('is a problem when Resolved is unreadable, even with a Duration', () => {
    expect(reasons({ resolved: 'soon', duration: '45m' })).toEqual([
      `Resolved: "soon" is not a time; write it as ${TIME_FORMATS}`,
    ])
  })

  it('is a problem when Duration is unreadable, even with a Resolved', () => {
    expect(reasons({ duration: 'a while' })).toEqual([
      'Duration: "a while" is not a duration; write it as 45m, 1h 30m, 2h, 1d 4h, 1.5h or 90 minutes',
    ])
  })

  it('is a problem when Duration is negative, on an open issue too', () => {
    expect(
      reasons({ resolved: null, duration: '-45m' }, makeIssue({ state: 'open', closed_at: null })),
    ).toEqual([
      'Duration: "-45m" is negative; a duration is how long it lasted, write it as 45m, 1h 30m, 2h, 1d 4h, 1.5h or 90 minutes',
    ])
  })

  it('is a problem when Resolved falls in a spring-forward gap', () => {
    expect(reasons({ resolved: '2024-03-10 02:30' })).toEqual([
      'Resolved: "2024-03-10 02:30" is not a time in America/New_York: the clocks skipped it when they moved forward that day; write the time the clocks showed, or give a UTC offset (e.g. 2024-03-10T02:30-05:00)',
    ])
  })
})

describe('toIncident: required fields', () => {
  it('is a problem when Started is missing', () => {
    expect(reasons({ started: null })).toEqual([
      `Started: missing (required); write when the incident began, as ${TIME_FORMATS}`,
    ])
  })

  it('is a problem when Impact is missing', () => {
    expect(reasons({ impact: null })).toEqual([
      'Impact: no level chosen; choose one of None, Low, Moderate, High, Severe',
    ])
  })

  it('is a problem when What happened is missing', () => {
    expect(reasons({ summary: '  \n ' })).toEqual([
      'What happened: missing (required); describe how it was detected, what caused it and what fixed it',
    ])
  })

  it('lists every missing field when the form has none of them', () => {
    const result = toIncident({
      issue: makeIssue(),
      form: { fields: {}, problems: [] },
      timezone: NY,
    })
    expect(result).toEqual({
      ok: false,
      reasons: [
        `Started: missing (required); write when the incident began, as ${TIME_FORMATS}`,
        'Impact: no level chosen; choose one of None, Low, Moderate, High, Severe',
        'What happened: missing (required); describe how it was detected, what caused it and what fixed it',
      ],
    })
  })
})

describe('toIncident: invalid values', () => {
  it.each<[string, Record<string, FieldValue>, string]>([
    [
      'Started',
      { started: 'Tuesday' },
      `Started: "Tuesday" is not a time; write it as ${TIME_FORMATS}`,
    ],
    [
      'Started',
      { started: '2024-02-30 12:00' },
      'Started: "2024-02-30 12:00" is not a real time: February 2024 has days 01 to 29',
    ],
    [
      'Started',
      { started: '2024-04-24 12:30 Mars/Olympus' },
      'Started: "2024-04-24 12:30 Mars/Olympus" has an unknown time zone; use an IANA name such as America/New_York, a US abbreviation (EST, EDT, CST, CDT, MST, MDT, PST, PDT), UTC or GMT',
    ],
    [
      'Impact',
      { impact: ['Critical'] },
      'Impact: "Critical" is not an impact level; choose one of None, Low, Moderate, High, Severe',
    ],
    [
      'Duration',
      { resolved: null, duration: '400d' },
      'Duration: "400d" is longer than 366 days; check the units (d, h, m), or give Resolved instead',
    ],
  ])('is a problem when %s is invalid', (_field, fields, reason) => {
    expect(reasons(fields)).toEqual([reason])
  })

  it('quotes a bad value on one line, truncated', () => {
    expect(reasons({ started: `when the\r\nalerts fired ${'and then '.repeat(20)}` })).toEqual([
      `Started: "when the alerts fired and then and then and then and then an…" is not a time; write it as ${TIME_FORMATS}`,
    ])
  })

  it('collects every reason, the parser’s problems first', () => {
    const form = makeIncidentForm(
      { started: 'Tuesday', resolved: null, duration: '-5m', impact: 'Big', summary: null },
      [
        { field: 'Affected services', message: '"Kafka" is not one of the options' },
        { message: 'the body has a heading the form does not know: "### Notes"' },
      ],
    )
    expect(toIncident({ issue: makeIssue(), form, timezone: NY })).toEqual({
      ok: false,
      reasons: [
        'Affected services: "Kafka" is not one of the options',
        'the body has a heading the form does not know: "### Notes"',
        `Started: "Tuesday" is not a time; write it as ${TIME_FORMATS}`,
        'Duration: "-5m" is negative; a duration is how long it lasted, write it as 45m, 1h 30m, 2h, 1d 4h, 1.5h or 90 minutes',
        'Impact: "Big" is not an impact level; choose one of None, Low, Moderate, High, Severe',
        'What happened: missing (required); describe how it was detected, what caused it and what fixed it',
      ],
    })
  })

  it('skips an issue whose only problem is the parser’s, and says each reason once', () => {
    const problem = { field: 'Impact', message: 'appears twice' }
    const form = makeIncidentForm({}, [problem, problem])
    expect(toIncident({ issue: makeIssue(), form, timezone: NY })).toEqual({
      ok: false,
      reasons: ['Impact: appears twice'],
    })
  })

  it('names fields by the labels of a repository’s own template', () => {
    const result = toIncident({
      issue: makeIssue(),
      form: makeIncidentForm({ started: null }),
      timezone: NY,
      labels: { started: 'Began' },
    })
    expect(!result.ok && result.reasons[0]?.startsWith('Began: missing (required)')).toBe(true)
  })
})

describe('toIncident: notes', () => {
  it('passes on what parseTime noticed, named by field', () => {
    const value = incident({
      started: '2024-04-30 02:00 EST',
      resolved: '2024-11-03 01:30 America/New_York',
    })
    expect(value.started).toBe('2024-04-30T07:00:00Z')
    expect(value.ended).toBe('2024-11-03T05:30:00Z')
    expect(value.notes).toEqual([
      'Started: EST in April: New York is on EDT; write EDT or America/New_York if you meant local time',
      'Resolved: "2024-11-03 01:30 America/New_York" happens twice in America/New_York (the clocks go back that night); taken as the first, 2024-11-03T05:30:00Z; for the second, write 2024-11-03T01:30-05:00',
    ])
  })
})
