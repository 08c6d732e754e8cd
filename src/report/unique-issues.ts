import type { GitHubIssue } from '../model/issue.js'

/**
 * The issues with each one kept once: an issue listed twice (the same repository named twice in
 * `repository`, a JSON file with a repeat) is one issue, and must make one entry. Of two copies
 * the one updated last wins, and copies that tie are told apart by their content, so that any
 * order of the input keeps the same copy. Repositories compare without regard to case, as
 * GitHub's names do. Order is otherwise kept.
 */
export function uniqueIssues(issues: GitHubIssue[]): GitHubIssue[] {
  const kept = new Map<string, GitHubIssue>()
  for (const issue of issues) {
    const key = `${(issue.repository ?? '').toLowerCase()}#${issue.number}`
    const other = kept.get(key)
    if (other === undefined || isNewer(issue, other)) kept.set(key, issue)
  }
  return [...kept.values()]
}

function isNewer(a: GitHubIssue, b: GitHubIssue): boolean {
  const at = (issue: GitHubIssue) => {
    const time = Date.parse(issue.updated_at ?? issue.created_at)
    return Number.isNaN(time) ? -Infinity : time
  }
  if (at(a) !== at(b)) return at(a) > at(b)
  return JSON.stringify(a) > JSON.stringify(b)
}
