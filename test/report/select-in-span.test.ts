import { describe, expect, it } from 'vitest'
import type { GitHubIssue } from '../../src/model/issue.js'
import {
  isInSpan,
  isIssueOpenDuring,
  overlapsSpan,
  wasIssueActiveIn,
} from '../../src/report/select-in-span.js'

const span = { start: '2024-05-01T00:00:00Z', end: '2024-05-08T00:00:00Z', days: 7 }

function issue(created_at: string, closed_at: string | null): GitHubIssue {
  return {
    number: 1,
    title: 't',
    html_url: 'https://github.com/o/r/issues/1',
    state: closed_at === null ? 'open' : 'closed',
    created_at,
    closed_at,
    labels: [],
  }
}

describe('overlapsSpan', () => {
  it.each([
    ['ends exactly when the window starts', '2024-04-30T23:00:00Z', '2024-05-01T00:00:00Z', false],
    ['ends a minute into the window', '2024-04-30T23:00:00Z', '2024-05-01T00:01:00Z', true],
    ['began before and ended inside', '2024-04-29T00:00:00Z', '2024-05-02T00:00:00Z', true],
    ['covers the whole window', '2024-04-29T00:00:00Z', '2024-05-09T00:00:00Z', true],
    ['inside', '2024-05-03T10:00:00Z', '2024-05-03T11:00:00Z', true],
    ['starts a minute before the end', '2024-05-07T23:59:00Z', '2024-05-08T02:00:00Z', true],
    ['starts exactly at the end', '2024-05-08T00:00:00Z', '2024-05-08T02:00:00Z', false],
    ['entirely before', '2024-04-20T00:00:00Z', '2024-04-21T00:00:00Z', false],
    ['zero length at the start', '2024-05-01T00:00:00Z', '2024-05-01T00:00:00Z', true],
    ['zero length inside', '2024-05-04T00:00:00Z', '2024-05-04T00:00:00Z', true],
    ['zero length at the end', '2024-05-08T00:00:00Z', '2024-05-08T00:00:00Z', false],
    ['zero length just before', '2024-04-30T23:59:59Z', '2024-04-30T23:59:59Z', false],
    ['written with an offset', '2024-04-30T20:30:00-04:00', '2024-04-30T21:00:00-04:00', true],
  ])('%s: %s to %s → %s', (_case, started, ended, expected) => {
    expect(overlapsSpan(started, ended, span)).toBe(expected)
  })

  it('runs an ongoing span to the window end', () => {
    expect(overlapsSpan('2024-04-01T00:00:00Z', null, span)).toBe(true)
    expect(overlapsSpan('2024-05-07T23:59:59Z', null, span)).toBe(true)
    expect(overlapsSpan('2024-05-08T00:00:00Z', null, span)).toBe(false)
  })

  it('never places what it cannot read', () => {
    expect(overlapsSpan('soon', null, span)).toBe(false)
    expect(overlapsSpan('2024-05-03T00:00:00Z', 'later', span)).toBe(false)
  })
})

describe('isInSpan', () => {
  it('is half-open', () => {
    expect(isInSpan('2024-04-30T23:59:59Z', span)).toBe(false)
    expect(isInSpan('2024-05-01T00:00:00Z', span)).toBe(true)
    expect(isInSpan('2024-05-07T23:59:59Z', span)).toBe(true)
    expect(isInSpan('2024-05-08T00:00:00Z', span)).toBe(false)
  })
})

describe('isIssueOpenDuring', () => {
  it('is the overlap of created and closed with the window', () => {
    expect(isIssueOpenDuring(issue('2024-04-01T00:00:00Z', null), span)).toBe(true)
    expect(isIssueOpenDuring(issue('2024-04-01T00:00:00Z', '2024-05-01T00:00:00Z'), span)).toBe(
      false,
    )
    expect(isIssueOpenDuring(issue('2024-04-01T00:00:00Z', '2024-05-01T00:00:01Z'), span)).toBe(
      true,
    )
    expect(isIssueOpenDuring(issue('2024-05-08T00:00:00Z', null), span)).toBe(false)
  })
})

describe('wasIssueActiveIn', () => {
  it('is true when the issue was opened or closed inside the window', () => {
    expect(wasIssueActiveIn(issue('2024-05-02T00:00:00Z', null), span)).toBe(true)
    expect(wasIssueActiveIn(issue('2024-04-01T00:00:00Z', '2024-05-02T00:00:00Z'), span)).toBe(true)
    expect(wasIssueActiveIn(issue('2024-04-01T00:00:00Z', null), span)).toBe(false)
    expect(wasIssueActiveIn(issue('2024-04-01T00:00:00Z', '2024-05-08T00:00:00Z'), span)).toBe(
      false,
    )
  })
})
