import { labelNames, type GitHubIssue } from '../model/issue.js'

/** Whether an issue carries a label; GitHub treats label names without regard to case. */
export function hasLabel(issue: GitHubIssue, label: string): boolean {
  const wanted = label.toLowerCase()
  return labelNames(issue).some((name) => name.toLowerCase() === wanted)
}
