import type { GitHubClient, Logger } from '../github/client.js'
import { isHttpError } from '../github/request-error.js'
import type { GitHubIssue } from '../model/issue.js'
import { hasLabel } from '../report/has-label.js'

/** What happened to the needs-details label. */
export type LabelOperation = 'added' | 'removed' | 'unchanged'

/**
 * Adds `label` while the issue has problems and removes it once it has none; no request when
 * the issue already is as wanted, or when `label` is empty (the feature is off). A label someone
 * else removed first (404) is gone, as wanted. In a dry run it logs instead.
 */
export async function syncNeedsDetailsLabel(params: {
  client: GitHubClient
  owner: string
  repo: string
  issue: GitHubIssue
  label: string
  wanted: boolean
  dryRun: boolean
  log: Logger
}): Promise<LabelOperation> {
  const { client, owner, repo, issue, label, wanted, dryRun, log } = params
  if (label === '' || hasLabel(issue, label) === wanted) return 'unchanged'
  const operation: LabelOperation = wanted ? 'added' : 'removed'
  if (dryRun) {
    log.info(
      `Dry run: would ${wanted ? 'add' : 'remove'} the label \`${label}\` on #${issue.number}`,
    )
    return operation
  }
  if (wanted) {
    await client.rest.issues.addLabels({ owner, repo, issue_number: issue.number, labels: [label] })
  } else {
    try {
      await client.rest.issues.removeLabel({ owner, repo, issue_number: issue.number, name: label })
    } catch (error) {
      if (!isHttpError(error, 404)) throw error
    }
  }
  log.info(`${wanted ? 'Added' : 'Removed'} the label \`${label}\` on #${issue.number}`)
  return operation
}
