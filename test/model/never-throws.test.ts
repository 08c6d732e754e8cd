import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FieldValue, ParsedForm } from '../../src/forms/form-template.js'
import { HighlightSchema } from '../../src/model/highlight.js'
import { IncidentSchema } from '../../src/model/incident.js'
import type { GitHubIssue } from '../../src/model/issue.js'
import { toHighlight } from '../../src/model/to-highlight.js'
import { toIncident } from '../../src/model/to-incident.js'

const IDS = [
  'started',
  'resolved',
  'duration',
  'impact',
  'services',
  'regions',
  'summary',
  'customer-impact',
  'postmortem',
  'who',
  'shipped',
  'links',
  '__proto__',
  'constructor',
]

/** Values that reach deep into the parsers, next to arbitrary text. */
const nearMisses = fc.constantFrom(
  '2024-04-24 12:30 America/New_York',
  '2024-03-10 02:30',
  '2024-11-03 01:30 America/New_York',
  '2024-04-30 02:00 EST',
  '9999-12-31 23:59 UTC',
  '0000-01-01 00:00 UTC',
  '2024-04-24T12:30+18:00',
  '2024-05-02',
  '45m',
  '366d',
  '-1h',
  'Severe',
  'None: no customer impact',
  '_No response_',
  '### Started\n\n</svg>@team',
)

const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string(), nearMisses)

const fieldValue: fc.Arbitrary<FieldValue> = fc.oneof(
  fc.constant(null),
  text,
  fc.array(text, { maxLength: 3 }),
  fc.record({
    selected: fc.array(text, { maxLength: 3 }),
    unselected: fc.array(text, { maxLength: 3 }),
  }),
)

const form: fc.Arbitrary<ParsedForm> = fc.record({
  fields: fc.dictionary(fc.oneof(fc.constantFrom(...IDS), fc.string()), fieldValue, {
    maxKeys: 12,
  }),
  problems: fc.array(
    fc.record(
      { field: fc.option(text, { nil: undefined }), message: text },
      { requiredKeys: ['message'] },
    ),
    { maxLength: 3 },
  ),
})

const timestamp = fc.oneof(
  fc
    .date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((date) => date.toISOString()),
  text,
)

const issue: fc.Arbitrary<GitHubIssue> = fc.record(
  {
    number: fc.integer({ min: 1, max: 1_000_000 }),
    title: text,
    html_url: fc.string(),
    state: fc.constantFrom('open' as const, 'closed' as const),
    created_at: timestamp,
    closed_at: fc.option(timestamp, { nil: null }),
    labels: fc.constant([]),
    user: fc.option(fc.record({ login: fc.string() }), { nil: null }),
    repository: fc.string(),
  },
  { requiredKeys: ['number', 'title', 'html_url', 'state', 'created_at', 'labels'] },
)

const timezone = fc.oneof(
  fc.constantFrom('UTC', 'America/New_York', 'Europe/London', 'Mars/Olympus'),
  fc.string(),
)

describe('conversions on any input', () => {
  it('toIncident never throws, and returns a valid incident or at least one reason', () => {
    fc.assert(
      fc.property(issue, form, timezone, (anIssue, aForm, zone) => {
        const result = toIncident({ issue: anIssue, form: aForm, timezone: zone })
        if (result.ok) {
          expect(IncidentSchema.parse(result.value)).toEqual(result.value)
          if (result.value.ended !== null) {
            expect(Date.parse(result.value.ended)).toBeGreaterThanOrEqual(
              Date.parse(result.value.started),
            )
          }
        } else {
          expect(result.reasons.length).toBeGreaterThan(0)
          expect(new Set(result.reasons).size).toBe(result.reasons.length)
        }
      }),
      { numRuns: 250 },
    )
  })

  it('toHighlight never throws, and returns a valid highlight or at least one reason', () => {
    fc.assert(
      fc.property(issue, form, timezone, (anIssue, aForm, zone) => {
        const result = toHighlight({ issue: anIssue, form: aForm, timezone: zone })
        if (result.ok) {
          expect(HighlightSchema.parse(result.value)).toEqual(result.value)
          expect(result.value.shipped).toMatch(/^\d{4}-\d\d-\d\d$/)
          expect(result.value.who.length).toBeGreaterThan(0)
        } else {
          expect(result.reasons.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 250 },
    )
  })

  it('toIncident finds incidents among the generated inputs, so the property is not vacuous', () => {
    const valid = {
      started: '2024-04-24 12:30 America/New_York',
      impact: 'Low',
      summary: 'x',
    }
    fc.assert(
      fc.property(
        issue,
        fc.dictionary(fc.constantFrom('regions', 'services', 'postmortem'), fieldValue),
        (anIssue, extra) => {
          const result = toIncident({
            issue: { ...anIssue, state: 'open' },
            form: { fields: { ...extra, ...valid }, problems: [] },
            timezone: 'UTC',
          })
          expect(result.ok).toBe(true)
        },
      ),
      { numRuns: 100 },
    )
  })
})

describe('conversions on huge values', () => {
  it('read megabyte values quickly and quote only their start', () => {
    const huge = (start: string, fill: string) => start + fill.repeat(1_000_000)
    const fields: Record<string, FieldValue> = {
      started: huge('2024-04-24 12:30 ', 'a'),
      resolved: huge('2024-04-24 ', '1'),
      duration: huge('1', ' '),
      impact: huge('Low', 'w'),
      services: huge('', 'API,'),
      regions: huge('', 'sjc '),
      summary: huge('', '### x\n'),
    }
    const begun = performance.now()
    const result = toIncident({
      issue: {
        number: 1,
        title: huge('[Incident]: ', ' '),
        html_url: '',
        state: 'open',
        created_at: '',
        labels: [],
      },
      form: { fields, problems: [] },
      timezone: 'UTC',
    })
    expect(performance.now() - begun).toBeLessThan(2_000)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.reasons.every((reason) => reason.length < 400)).toBe(true)
    expect(!result.ok && result.reasons.length).toBe(4)
  })
})
