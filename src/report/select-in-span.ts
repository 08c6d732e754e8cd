import type { GitHubIssue } from '../model/issue.js'
import type { Span } from './window.js'

/**
 * Whether a span of time `[started, ended)` overlaps the half-open `span`. An ongoing span
 * (`ended` null) runs until the span's end. Something that ends exactly when the span starts
 * is out, something that starts exactly at its end is out, and a zero-length one at `t` is
 * in when `start <= t < end`. Instants are ISO 8601; one that cannot be read is never in.
 */
export function overlapsSpan(started: string, ended: string | null, span: Span): boolean {
  const from = Date.parse(started)
  const to = ended === null ? Date.parse(span.end) : Date.parse(ended)
  const start = Date.parse(span.start)
  const end = Date.parse(span.end)
  if (!(from < end)) return false
  return to > start || (to <= from && from >= start)
}

/** Whether an ISO 8601 instant falls inside the half-open `span`. */
export function isInSpan(instant: string, span: Span): boolean {
  const at = Date.parse(instant)
  return Date.parse(span.start) <= at && at < Date.parse(span.end)
}

/**
 * Whether an issue's life overlaps `span`: it was created before the span ends and, if it is
 * closed, closed after the span starts. What decides whether an issue that cannot be read
 * might belong to the report.
 */
export function isIssueOpenDuring(issue: GitHubIssue, span: Span): boolean {
  return overlapsSpan(issue.created_at, issue.closed_at ?? null, span)
}

/** Whether an issue was opened or closed inside `span`. */
export function wasIssueActiveIn(issue: GitHubIssue, span: Span): boolean {
  return (
    isInSpan(issue.created_at, span) || (issue.closed_at != null && isInSpan(issue.closed_at, span))
  )
}
