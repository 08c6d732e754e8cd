import { describe, expect, it } from 'vitest'
import type { FieldValue } from '../../src/forms/form-template.js'
import type { GitHubIssue } from '../../src/model/issue.js'
import { toHighlight } from '../../src/model/to-highlight.js'
import { makeHighlightForm, makeIssue } from './fixtures.js'

const NY = 'America/New_York'

const SHIPPED_ON =
  'write it as YYYY-MM-DD, e.g. 2024-05-02, or leave it empty for the day the issue was closed'

function highlightIssue(overrides: Partial<GitHubIssue> = {}): GitHubIssue {
  return makeIssue({
    number: 31,
    title: 'Faster CI',
    html_url: 'https://github.com/acme/platform/issues/31',
    labels: ['highlight'],
    created_at: '2024-05-01T15:00:00Z',
    closed_at: '2024-05-03T02:00:00Z',
    ...overrides,
  })
}

function convert(fields: Record<string, FieldValue> = {}, issue = highlightIssue(), timezone = NY) {
  return toHighlight({ issue, form: makeHighlightForm(fields), timezone })
}

describe('toHighlight', () => {
  it('becomes a highlight with every field', () => {
    expect(convert()).toEqual({
      ok: true,
      value: {
        number: 31,
        url: 'https://github.com/acme/platform/issues/31',
        title: 'Faster CI',
        author: 'ana',
        who: ['Ana Lima', '@bkumar'],
        summary: 'CI runs in half the time: the cache now survives runner restarts.',
        shipped: '2024-05-02',
        links: '- https://github.com/acme/platform/pull/123',
        notes: [],
      },
    })
  })

  it('strips a title prefix and copies the repository', () => {
    const result = convert(
      {},
      highlightIssue({ title: '[Highlight] Faster CI', repository: 'acme/ci' }),
    )
    expect(result.ok && [result.value.title, result.value.repository]).toEqual([
      'Faster CI',
      'acme/ci',
    ])
  })

  it.each<[FieldValue, GitHubIssue['user'], string[]]>([
    ['Ana Lima, @bkumar, ', { login: 'ana' }, ['Ana Lima', '@bkumar']],
    [' @ana ', { login: 'ana' }, ['@ana']],
    ['Ana\nBo', { login: 'ana' }, ['Ana', 'Bo']],
    [' , ', { login: 'ana' }, ['ana']],
    [null, { login: 'ana' }, ['ana']],
    [null, null, ['ghost']],
  ])('reads Who %j (author %j) as %j', (who, user, expected) => {
    const result = convert({ who }, highlightIssue({ user }))
    expect(result.ok && result.value.who).toEqual(expected)
  })

  it.each<[string, Partial<GitHubIssue>, string, string]>([
    ['closed', { closed_at: '2024-05-03T02:00:00Z' }, NY, '2024-05-02'],
    ['closed', { closed_at: '2024-05-03T02:00:00Z' }, 'UTC', '2024-05-03'],
    ['open', { state: 'open', closed_at: null }, NY, '2024-05-01'],
    [
      'open',
      { state: 'open', closed_at: null, created_at: '2024-05-01T02:00:00Z' },
      NY,
      '2024-04-30',
    ],
  ])('dates an empty Shipped on from the %s issue %j in %s as %s', (_state, issue, zone, day) => {
    const result = convert({ shipped: null }, highlightIssue(issue), zone)
    expect(result.ok && result.value.shipped).toBe(day)
  })

  it('keeps an empty Links as null', () => {
    const result = convert({ links: null })
    expect(result.ok && result.value.links).toBeNull()
  })

  it.each<[Record<string, FieldValue>, string]>([
    [
      { summary: null },
      'What shipped: missing (required); describe what shipped and why it matters',
    ],
    [{ shipped: 'May 2' }, `Shipped on: "May 2" is not a date; ${SHIPPED_ON}`],
    [{ shipped: '2024-5-2' }, `Shipped on: "2024-5-2" is not a date; ${SHIPPED_ON}`],
    [
      { shipped: '2024-02-30' },
      `Shipped on: "2024-02-30" is not a day on the calendar; ${SHIPPED_ON}`,
    ],
  ])('is a problem with %j', (fields, reason) => {
    expect(convert(fields)).toEqual({ ok: false, reasons: [reason] })
  })

  it('is a problem when the issue’s date cannot be read', () => {
    expect(convert({ shipped: null }, highlightIssue({ closed_at: 'last week' }))).toEqual({
      ok: false,
      reasons: [
        `Shipped on: empty, and the issue's date "last week" has no day in the time zone "America/New_York"; ${SHIPPED_ON}`,
      ],
    })
  })

  it('collects every reason, the parser’s problems first', () => {
    const form = makeHighlightForm({ summary: '', shipped: 'soon' }, [
      { field: 'Who', message: 'appears twice' },
    ])
    expect(toHighlight({ issue: highlightIssue(), form, timezone: NY })).toEqual({
      ok: false,
      reasons: [
        'Who: appears twice',
        'What shipped: missing (required); describe what shipped and why it matters',
        `Shipped on: "soon" is not a date; ${SHIPPED_ON}`,
      ],
    })
  })
})
