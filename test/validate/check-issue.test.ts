import { describe, expect, it } from 'vitest'
import { shippedTemplate } from '../../src/forms/shipped-forms.js'
import type { GitHubIssue } from '../../src/model/issue.js'
import { checkIssue } from '../../src/validate/check-issue.js'
import { renderValidationComment } from '../../src/validate/render-validation-comment.js'
import { expectGolden, incidentBody, validateInputs } from './fixtures.js'

const NOW = new Date('2024-05-07T16:00:00Z')
const TEMPLATES = { incident: shippedTemplate('incident'), highlight: shippedTemplate('highlight') }
const SETTINGS = validateInputs()
const COMMENT_SETTINGS = {
  confirmedLabel: SETTINGS['confirmed-label'],
  authorAssociations: SETTINGS['author-associations'],
}

function issue(overrides: Partial<GitHubIssue>): GitHubIssue {
  return {
    number: 7,
    title: '[Incident]: Object storage 503s',
    html_url: 'https://github.com/acme/infra/issues/7',
    state: 'open',
    created_at: '2024-05-06T12:00:00Z',
    labels: [{ name: 'incident' }],
    user: { login: 'ana' },
    author_association: 'MEMBER',
    ...overrides,
  }
}

function check(overrides: Partial<GitHubIssue>) {
  return checkIssue({ issue: issue(overrides), templates: TEMPLATES, settings: SETTINGS, now: NOW })
}

describe('checkIssue', () => {
  it('gives the time notes of an incident that has problems too', async () => {
    const result = check({
      body: incidentBody({
        started: '2024-04-24 12:30 EST',
        resolved: '2024-04-24 11:00 EDT',
        impact: 'Low',
        summary: 'A cache node ran out of disk.',
      }),
    })
    expect(result).toEqual({
      outcome: 'invalid',
      kind: 'incident',
      problems: [
        'Resolved ("2024-04-24 11:00 EDT" = 2024-04-24T15:00:00Z) is before Started ("2024-04-24 12:30 EST" = 2024-04-24T17:30:00Z); check the dates and time zones',
      ],
      notes: [
        'Started: EST in April: New York is on EDT; write EDT or America/New_York if you meant local time',
      ],
    })
    if (result.outcome === 'ignored') throw new Error('ignored')
    await expectGolden(
      'invalid-with-note/comment.md',
      renderValidationComment(result, COMMENT_SETTINGS),
    )
  })

  it('previews an ongoing incident, published from its first day on', () => {
    const result = check({
      body: incidentBody({
        started: '2024-05-06T08:00:00Z',
        impact: 'Moderate: some customers or one region',
        summary: 'Slow reads.',
      }),
    })
    expect(result).toEqual({
      outcome: 'valid',
      kind: 'incident',
      notes: [],
      preview: '**May 6: Object storage 503s** (04:00 EDT, ongoing, moderate impact)',
      publication: { first: '2024-05-06', last: null, windowDays: 14, today: '2024-05-07' },
    })
  })

  it('ends a closed incident without Resolved or Duration when the issue was closed', () => {
    const result = check({
      state: 'closed',
      closed_at: '2024-05-06T10:15:00Z',
      body: incidentBody({
        started: '2024-05-06T08:00:00Z',
        impact: 'None: no customer impact',
        summary: 'x',
      }),
    })
    expect(result).toMatchObject({
      outcome: 'valid',
      preview: '**May 6: Object storage 503s** (04:00 EDT, 2h 15m, no customer impact)',
      publication: { first: '2024-05-06', last: '2024-05-19' },
    })
  })

  it('refuses an issue carrying both labels, without guessing which form it is', () => {
    expect(check({ labels: ['incident', 'Highlight'], body: '' })).toEqual({
      outcome: 'invalid',
      kind: null,
      problems: [
        'This issue carries both the incident and the highlight label; an issue is an incident or a highlight, so remove one of the two labels',
      ],
      notes: [],
    })
  })

  it('does not read an outsider’s issue until it carries the confirmed label', () => {
    const outsider = { author_association: 'CONTRIBUTOR', body: 'anything' }
    expect(check(outsider)).toEqual({ outcome: 'needs-confirmation', kind: 'incident' })
    expect(check({ ...outsider, labels: ['incident', 'INFRA-LOG:CONFIRMED'] }).outcome).toBe(
      'invalid',
    )
  })

  it('ignores an issue with neither label', () => {
    expect(check({ labels: ['bug'] })).toEqual({
      outcome: 'ignored',
      reason: '#7 carries neither the `incident` nor the `highlight` label',
    })
  })
})
