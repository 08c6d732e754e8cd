import type { Templates } from '../forms/load-templates.js'
import type { GitHubClient, Logger } from '../github/client.js'
import { explainGitHubError } from '../github/explain-error.js'
import { isHttpError } from '../github/request-error.js'
import { splitRepository } from '../github/repository.js'
import type { Inputs } from '../inputs.js'
import { GitHubIssueSchema, type GitHubIssue } from '../model/issue.js'
import { checkIssue, type IssueCheck } from './check-issue.js'
import { readIssueEvent } from './read-issue-event.js'
import { renderValidationComment } from './render-validation-comment.js'
import { syncNeedsDetailsLabel, type LabelOperation } from './sync-needs-details-label.js'
import { upsertValidationComment, type CommentOperation } from './upsert-validation-comment.js'

/** What validating an `issues` event did. */
export type ValidateResult = {
  outcome: 'ignored' | 'valid' | 'invalid' | 'needs-confirmation'
  issue: number | null
  /** The problems the comment lists; empty unless `invalid`. */
  problems: string[]
  /** In a dry run, what would have happened. */
  comment: CommentOperation
  /** One line for the log. */
  reason: string
}

/** What {@link validateIssueEvent} needs. */
export type ValidateIssueEventParams = {
  client: GitHubClient
  inputs: Inputs
  templates: Templates
  /** The parsed `GITHUB_EVENT_PATH` JSON. */
  event: unknown
  eventName: string
  /** `owner/name` of the workflow's repository, where the event happened. */
  repository: string
  now: Date
  log: Logger
}

/**
 * Validates the issue of an `issues` event as the weekly report would read it, and keeps one
 * comment on it (found by a hidden marker) that lists what is wrong, or says it is fine once
 * fixed, with a preview of the entry. An outsider's issue gets a comment asking a maintainer to
 * confirm it instead, and its content is not read. Writes only what changed: the same state
 * twice makes no write. Per-issue problems are the result; only GitHub errors throw, explained.
 */
export async function validateIssueEvent(
  params: ValidateIssueEventParams,
): Promise<ValidateResult> {
  const { client, inputs, templates, repository, now, log } = params
  const event = readIssueEvent({ event: params.event, eventName: params.eventName })
  if (event.kind === 'ignored') return ignored(event.number, event.reason)
  const { number } = event
  if (event.repository !== null && event.repository.toLowerCase() !== repository.toLowerCase()) {
    return ignored(number, `the event is about ${event.repository}, not ${repository}`)
  }
  const kindLabels = [inputs['incident-label'], inputs['highlight-label']]
  if (!kindLabels.some((label) => includesLabel(event.labels, label))) {
    return ignored(
      number,
      `#${number} carries neither the \`${kindLabels.join('` nor the `')}\` label`,
    )
  }
  const needsDetails = inputs['needs-details-label']
  if (
    event.changedLabel !== null &&
    needsDetails !== '' &&
    sameLabel(event.changedLabel, needsDetails)
  ) {
    return ignored(
      number,
      `only the \`${needsDetails}\` label changed, which infra-log sets itself`,
    )
  }

  const { owner, repo } = splitRepository(repository)
  const explained = async <T>(action: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (error) {
      const context = { repository, action, token: inputs.token, now }
      throw new Error(explainGitHubError(error, context), { cause: error })
    }
  }

  // Read again rather than trusting the payload: of two events racing, both see the latest body.
  const issue = await explained(`read issue #${number}`, () =>
    fetchIssue(client, owner, repo, number),
  )
  if (issue === null) return ignored(number, `#${number} no longer exists`)
  if (issue.pull_request != null) return ignored(number, `#${number} is a pull request`)

  const check = checkIssue({ issue, templates, settings: inputs, now })
  if (check.outcome === 'ignored') return ignored(number, check.reason)

  const body = renderValidationComment(check, {
    confirmedLabel: inputs['confirmed-label'],
    authorAssociations: inputs['author-associations'],
  })
  const dryRun = inputs['dry-run']
  const comment = await explained(`comment on issue #${number}`, () =>
    upsertValidationComment({
      client,
      owner,
      repo,
      issueNumber: number,
      body,
      create: check.outcome !== 'valid' || inputs['comment-on-valid'],
      trustedAssociations: inputs['author-associations'],
      dryRun,
      log,
    }),
  )
  // An outsider's issue has not been checked, so whether it needs details is not known yet.
  const label: LabelOperation =
    check.outcome === 'needs-confirmation'
      ? 'unchanged'
      : await explained(`label issue #${number}`, () =>
          syncNeedsDetailsLabel({
            client,
            owner,
            repo,
            issue,
            label: needsDetails,
            wanted: check.outcome === 'invalid',
            dryRun,
            log,
          }),
        )

  const problems = check.outcome === 'invalid' ? check.problems : []
  const reason = describeResult({ issue, check, comment, label, needsDetails, dryRun })
  return { outcome: check.outcome, issue: number, problems, comment, reason }
}

/** `#12 has 2 problems; comment updated, label \`needs details\` added`. */
function describeResult(params: {
  issue: GitHubIssue
  check: Exclude<IssueCheck, { outcome: 'ignored' }>
  comment: CommentOperation
  label: LabelOperation
  needsDetails: string
  dryRun: boolean
}): string {
  const { issue, check, comment, label, needsDetails, dryRun } = params
  const state =
    check.outcome === 'invalid'
      ? `has ${check.problems.length} ${check.problems.length === 1 ? 'problem' : 'problems'}`
      : check.outcome === 'valid'
        ? 'is valid'
        : `needs a maintainer to confirm it (author association ${issue.author_association ?? 'unknown'})`
  const writes = [
    `comment ${comment}`,
    ...(label === 'unchanged' ? [] : [`label \`${needsDetails}\` ${label}`]),
  ].join(', ')
  return `#${issue.number} ${state}; ${writes}${dryRun ? ' (dry run: nothing written)' : ''}`
}

/** The issue as the API has it now, or null when it was deleted or moved away. */
async function fetchIssue(
  client: GitHubClient,
  owner: string,
  repo: string,
  number: number,
): Promise<GitHubIssue | null> {
  try {
    const response = await client.rest.issues.get({ owner, repo, issue_number: number })
    const parsed = GitHubIssueSchema.safeParse(response.data)
    if (!parsed.success) {
      throw new Error(
        `GitHub returned issue #${number} without a readable ${parsed.error.issues[0]?.path.join('.') ?? 'shape'}`,
      )
    }
    return parsed.data
  } catch (error) {
    if (isHttpError(error, 404) || isHttpError(error, 410)) return null
    throw error
  }
}

function ignored(issue: number | null, reason: string): ValidateResult {
  return { outcome: 'ignored', issue, problems: [], comment: 'none', reason }
}

function includesLabel(labels: readonly string[], wanted: string): boolean {
  return labels.some((label) => sameLabel(label, wanted))
}

// GitHub compares label names without regard to case.
function sameLabel(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}
