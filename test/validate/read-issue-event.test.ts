import { describe, expect, it } from 'vitest'
import { readIssueEvent } from '../../src/validate/read-issue-event.js'
import { examplePayload } from './fixtures.js'

describe('readIssueEvent', () => {
  it('reads GitHub’s example of an issue being labelled', () => {
    expect(
      readIssueEvent({ event: examplePayload('issues', 'labeled'), eventName: 'issues' }),
    ).toEqual({
      kind: 'issue',
      action: 'labeled',
      number: 1,
      labels: ['bug'],
      changedLabel: 'bug',
      repository: 'Codertocat/Hello-World',
    })
  })

  it('validates opened, edited, labeled, unlabeled, reopened and closed, and nothing else', () => {
    const kinds = Object.fromEntries(
      ['opened', 'edited', 'labeled', 'unlabeled', 'reopened', 'closed', 'assigned', 'deleted'].map(
        (action) => [
          action,
          readIssueEvent({
            event: { ...examplePayload('issues', 'opened'), action },
            eventName: 'issues',
          }).kind,
        ],
      ),
    )
    expect(kinds).toEqual({
      opened: 'issue',
      edited: 'issue',
      labeled: 'issue',
      unlabeled: 'issue',
      reopened: 'issue',
      closed: 'issue',
      assigned: 'ignored',
      deleted: 'ignored',
    })
  })

  it('ignores other events, pull requests and unreadable payloads, saying why', () => {
    const opened = examplePayload('issues', 'opened')
    expect(readIssueEvent({ event: opened, eventName: 'issue_comment' })).toEqual({
      kind: 'ignored',
      number: null,
      reason: 'the `issue_comment` event is not an `issues` event',
    })
    expect(
      readIssueEvent({ event: examplePayload('pull_request', 'opened'), eventName: 'issues' }),
    ).toMatchObject({ kind: 'ignored', reason: 'the event is about a pull request' })
    expect(
      readIssueEvent({ event: { action: 'opened', issue: { number: 'x' } }, eventName: 'issues' }),
    ).toMatchObject({
      kind: 'ignored',
      reason: expect.stringMatching(/^the event payload has no readable issue \(`issue\.number`: /),
    })
    expect(readIssueEvent({ event: null, eventName: 'issues' })).toMatchObject({ kind: 'ignored' })
  })
})
