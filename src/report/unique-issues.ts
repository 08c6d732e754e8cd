import type { GitHubIssue } from '../model/issue.js'

// An issue listed twice (the same repository named twice in `repository`, a JSON file with a
// repeat) is one issue, and must make one entry. Of two copies the one updated last wins, and
// copies that tie are told apart by their content, so that any order of the input keeps the
// same copy. Repositories compare without regard to case, as GitHub's names do.

/** What tells two issues apart: the repository, in any case, and the number. */
export function issueKey(issue: GitHubIssue): string {
  return `${(issue.repository ?? '').toLowerCase()}#${issue.number}`
}

/** Whether copy `a` of an issue wins over copy `b`: updated later, or the same and greater. */
export function isNewer(a: GitHubIssue, b: GitHubIssue): boolean {
  const at = (issue: GitHubIssue) => {
    const time = Date.parse(issue.updated_at ?? issue.created_at)
    return Number.isNaN(time) ? -Infinity : time
  }
  if (at(a) !== at(b)) return at(a) > at(b)
  return JSON.stringify(a) > JSON.stringify(b)
}
