import { describe, expect, it } from 'vitest'
import type { GitHubIssue } from '../../src/model/issue.js'
import { findAuthorProblem, screenAuthor } from '../../src/report/select-author.js'

const ALLOWED = ['OWNER', 'MEMBER', 'COLLABORATOR']
const span = { start: '2024-05-01T00:00:00Z', end: '2024-05-08T00:00:00Z', days: 7 }

function issue(overrides: Partial<GitHubIssue>): GitHubIssue {
  return {
    number: 7,
    title: 'Outage',
    body: 'secret',
    html_url: 'https://github.com/o/r/issues/7',
    state: 'open',
    created_at: '2024-05-02T00:00:00Z',
    labels: [{ name: 'incident' }],
    author_association: 'NONE',
    ...overrides,
  }
}

describe('findAuthorProblem', () => {
  it('accepts the listed associations in any case', () => {
    for (const association of ['OWNER', 'member', 'Collaborator']) {
      expect(
        findAuthorProblem({
          issue: issue({ author_association: association }),
          authorAssociations: ALLOWED,
          confirmedLabel: 'confirmed',
        }),
      ).toBeNull()
    }
    expect(
      findAuthorProblem({
        issue: issue({ author_association: 'CONTRIBUTOR' }),
        authorAssociations: ['owner', 'contributor'],
        confirmedLabel: 'confirmed',
      }),
    ).toBeNull()
  })

  it('names the association, the input and the way to include the issue', () => {
    expect(
      findAuthorProblem({
        issue: issue({}),
        authorAssociations: ALLOWED,
        confirmedLabel: 'confirmed',
      }),
    ).toBe(
      'author association `NONE` is not in `author-associations` (OWNER, MEMBER, COLLABORATOR); a maintainer can add the `confirmed` label to include it',
    )
  })

  it('accepts an outsider once a maintainer added the confirmed label, in any case', () => {
    expect(
      findAuthorProblem({
        issue: issue({ labels: [{ name: 'incident' }, 'Infra-Log: Confirmed'] }),
        authorAssociations: ALLOWED,
        confirmedLabel: 'infra-log: confirmed',
      }),
    ).toBeNull()
  })

  it('does not trust an issue without an association', () => {
    expect(
      findAuthorProblem({
        issue: issue({ author_association: undefined }),
        authorAssociations: ALLOWED,
        confirmedLabel: '',
      }),
    ).toBe(
      'the author association is missing, so it is not in `author-associations` (OWNER, MEMBER, COLLABORATOR)',
    )
  })
})

describe('screenAuthor', () => {
  const screen = (overrides: Partial<GitHubIssue>) =>
    screenAuthor({
      issue: issue(overrides),
      label: 'incident',
      span,
      authorAssociations: ALLOWED,
      confirmedLabel: 'confirmed',
    })

  it('lets a trusted author through to be read', () => {
    expect(screen({ author_association: 'MEMBER' })).toBeNull()
  })

  it('skips an outsider issue that was open during the window, without its body', () => {
    const selection = screen({})
    expect(selection).toEqual({
      kind: 'skipped',
      entry: {
        number: 7,
        url: 'https://github.com/o/r/issues/7',
        label: 'incident',
        title: 'Outage',
        reasons: [
          'author association `NONE` is not in `author-associations` (OWNER, MEMBER, COLLABORATOR); a maintainer can add the `confirmed` label to include it',
        ],
      },
    })
    expect(JSON.stringify(selection)).not.toContain('secret')
  })

  it('puts an outsider issue from outside the window outside it', () => {
    expect(
      screen({ created_at: '2024-04-01T00:00:00Z', closed_at: '2024-04-02T00:00:00Z' }),
    ).toEqual({ kind: 'out' })
    expect(screen({ created_at: '2024-05-08T00:00:00Z' })).toEqual({ kind: 'out' })
  })
})
