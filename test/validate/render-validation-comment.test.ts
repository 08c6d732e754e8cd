import { describe, expect, it } from 'vitest'
import { findValidationComments, isSameBody } from '../../src/validate/find-validation-comments.js'
import {
  MAX_COMMENT_CHARACTERS,
  renderValidationComment,
  VALIDATION_MARKER,
} from '../../src/validate/render-validation-comment.js'

const SETTINGS = { confirmedLabel: 'infra-log:confirmed', authorAssociations: ['OWNER', 'MEMBER'] }

describe('renderValidationComment', () => {
  it('lists hostile problem text escaped, on one line each, pinging nobody', () => {
    const body = renderValidationComment(
      {
        outcome: 'invalid',
        kind: 'incident',
        problems: ['Started: "@ana <img src=x onerror=alert(1)>\r\n### Heading\u0000"'],
        notes: ['Resolved: @org/team said </svg> ‮evil‬'],
      },
      SETTINGS,
    )
    expect(body).toBe(
      [
        VALIDATION_MARKER,
        '',
        '**infra-log:** this incident cannot go in the infra log yet. Please edit the issue to fix this:',
        '',
        '- Started: "@&#8203;ana &lt;img src=x onerror=alert(1)&gt; ### Heading"',
        '',
        'Also note:',
        '',
        '- Resolved: @&#8203;org/team said &lt;/svg&gt; \uFFFDevil\uFFFD',
        '',
        "Until then, the weekly report leaves it out and, while it falls in the report's period, lists it with this problem among the issues it could not use.",
        '',
        '<sub>infra-log updates this comment each time the issue is edited.</sub>',
        '',
      ].join('\n'),
    )
  })

  it('stays under GitHub’s limit however many problems there are, and says how many it left out', () => {
    const problems = Array.from({ length: 5_000 }, (_, at) => `Field ${at}: ${'x'.repeat(400)}`)
    const body = renderValidationComment(
      { outcome: 'invalid', kind: 'highlight', problems, notes: ['a note'] },
      SETTINGS,
    )
    expect(Array.from(body).length).toBeLessThan(MAX_COMMENT_CHARACTERS)
    const shown = body.split('\n').filter((line) => line.startsWith('- Field ')).length
    expect(shown).toBeGreaterThan(100)
    expect(body).toContain(`- … and ${5_000 - shown} more problems, not shown.`)
    // What is left of the budget still holds a short note.
    expect(body).toContain('Also note:\n\n- a note\n')
  })

  it('cuts one enormous problem line', () => {
    const body = renderValidationComment(
      { outcome: 'invalid', kind: 'incident', problems: ['y'.repeat(1_000_000)], notes: [] },
      SETTINGS,
    )
    expect(body).toContain(`- ${'y'.repeat(500)}…\n`)
    expect(body.length).toBeLessThan(2_000)
  })

  it('asks for confirmation without a way to confirm when no confirmed label is set', () => {
    const body = renderValidationComment(
      { outcome: 'needs-confirmation', kind: 'highlight' },
      { confirmedLabel: '', authorAssociations: ['OWNER'] },
    )
    expect(body).toContain('author associations with this repository: `OWNER`; this issue')
    expect(body).toContain('It will not be published: this repository has set no label')
  })
})

describe('findValidationComments', () => {
  it('takes marked comments by a bot or a trusted association, oldest first', () => {
    const comments = [
      { id: 9, body: `${VALIDATION_MARKER}\nb`, user: { type: 'Bot' }, author_association: 'NONE' },
      {
        id: 3,
        body: `${VALIDATION_MARKER}\na`,
        user: { type: 'User' },
        author_association: 'MEMBER',
      },
      {
        id: 4,
        body: `${VALIDATION_MARKER}\nc`,
        user: { type: 'User' },
        author_association: 'NONE',
      },
      { id: 5, body: `> ${VALIDATION_MARKER}`, user: { type: 'Bot' }, author_association: 'NONE' },
      { id: 6, body: null, user: { type: 'Bot' } },
    ]
    expect(findValidationComments(comments, ['OWNER', 'MEMBER']).map((c) => c.id)).toEqual([3, 9])
  })

  it('compares bodies whatever the line endings', () => {
    expect(isSameBody('a\r\nb\r\n', 'a\nb\n')).toBe(true)
    expect(isSameBody('a\nb', 'a\nc')).toBe(false)
    expect(isSameBody(null, 'a')).toBe(false)
  })
})
