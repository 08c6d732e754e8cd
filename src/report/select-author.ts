import type { GitHubIssue } from '../model/issue.js'
import { hasLabel } from './has-label.js'
import { isIssueOpenDuring } from './select-in-span.js'
import { toSkipped, type Selection } from './selection.js'
import type { Span } from './window.js'

/**
 * Why an issue's author may not be published, or null when they may: the author's association
 * with the repository is in `authorAssociations` (any case), or a maintainer confirmed the
 * issue with `confirmedLabel`. On a public repository anyone can fill in a form.
 */
export function findAuthorProblem(params: {
  issue: GitHubIssue
  authorAssociations: string[]
  confirmedLabel: string
}): string | null {
  const { issue, authorAssociations, confirmedLabel } = params
  const allowed = authorAssociations.map((association) => association.trim().toUpperCase())
  const association = issue.author_association?.trim().toUpperCase()
  if (association !== undefined && association !== '' && allowed.includes(association)) return null
  if (confirmedLabel !== '' && hasLabel(issue, confirmedLabel)) return null
  const who =
    association === undefined || association === ''
      ? 'the author association is missing, so it'
      : `author association \`${association}\``
  const remedy =
    confirmedLabel === ''
      ? ''
      : `; a maintainer can add the \`${confirmedLabel}\` label to include it`
  return `${who} is not in \`author-associations\` (${allowed.join(', ')})${remedy}`
}

/**
 * The place of an issue whose author may not be published, or null when the author may be:
 * skipped with the reason when the issue was open during `span`, else outside the window.
 * The body is never read, so none of its content reaches the report.
 */
export function screenAuthor(params: {
  issue: GitHubIssue
  label: string
  span: Span
  authorAssociations: string[]
  confirmedLabel: string
}): Selection<never> | null {
  const { issue, label, span } = params
  const problem = findAuthorProblem(params)
  if (problem === null) return null
  return isIssueOpenDuring(issue, span)
    ? { kind: 'skipped', entry: toSkipped(issue, label, [problem]) }
    : { kind: 'out' }
}
