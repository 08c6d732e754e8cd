import type { GitHubClient, Logger } from '../github/client.js'
import { isHttpError } from '../github/request-error.js'
import { findValidationComments, isSameBody } from './find-validation-comments.js'

/** What happened to the validation comment. */
export type CommentOperation = 'created' | 'updated' | 'unchanged' | 'none'

/** Where the comment goes and what it says. */
export type UpsertCommentParams = {
  client: GitHubClient
  owner: string
  repo: string
  issueNumber: number
  body: string
  /** Create the comment when there is none; when false, only an existing one is updated. */
  create: boolean
  /** Comments by these author associations count as infra-log's (a personal access token's owner). */
  trustedAssociations: string[]
  dryRun: boolean
  log: Logger
}

/**
 * Keeps exactly one validation comment on an issue, saying `body`. The existing one (the oldest,
 * when an earlier race left several) is updated only when its text differs, and the others are
 * deleted. After creating one, the comments are listed again and every one but the oldest is
 * deleted: two runs that both found none and both created one each do this, and the run that
 * creates last sees both, so one comment is left whichever order they finish in.
 * In a dry run nothing is written; the operation that would have happened is logged and returned.
 */
export async function upsertValidationComment(
  params: UpsertCommentParams,
): Promise<CommentOperation> {
  const { client, owner, repo, issueNumber, body, dryRun, log } = params
  const [kept, ...extra] = await listValidationComments(params)
  if (kept === undefined) {
    if (!params.create) return 'none'
    if (dryRun) {
      log.info(`Dry run: would comment on #${issueNumber}:\n${body}`)
      return 'created'
    }
    const created = await client.rest.issues.createComment({
      owner,
      repo,
      issue_number: issueNumber,
      body,
    })
    log.info(`Commented on #${issueNumber}: ${created.data.html_url}`)
    return settleRace(params, created.data.id)
  }
  await deleteComments(params, extra)
  if (isSameBody(kept.body, body)) return 'unchanged'
  if (dryRun) {
    log.info(`Dry run: would update comment ${kept.id} on #${issueNumber}:\n${body}`)
    return 'updated'
  }
  await client.rest.issues.updateComment({ owner, repo, comment_id: kept.id, body })
  log.info(`Updated the comment on #${issueNumber}: ${kept.html_url}`)
  return 'updated'
}

/** After creating comment `createdId`: leaves the oldest validation comment, saying `body`. */
async function settleRace(
  params: UpsertCommentParams,
  createdId: number,
): Promise<CommentOperation> {
  const { client, owner, repo, body, log, issueNumber } = params
  const [kept, ...extra] = await listValidationComments(params)
  await deleteComments(params, extra)
  if (kept === undefined || kept.id === createdId) return 'created'
  log.info(`Another run commented on #${issueNumber} at the same time; kept its comment ${kept.id}`)
  if (isSameBody(kept.body, body)) return 'unchanged'
  await client.rest.issues.updateComment({ owner, repo, comment_id: kept.id, body })
  return 'updated'
}

async function listValidationComments(params: UpsertCommentParams) {
  const { client, owner, repo, issueNumber, trustedAssociations } = params
  const comments = await client.paginate(client.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  })
  return findValidationComments(comments, trustedAssociations)
}

/** Deletes duplicates; one another run already deleted (404) is gone, as wanted. */
async function deleteComments(
  params: UpsertCommentParams,
  comments: readonly { id: number }[],
): Promise<void> {
  const { client, owner, repo, issueNumber, dryRun, log } = params
  for (const comment of comments) {
    if (dryRun) {
      log.info(`Dry run: would delete duplicate comment ${comment.id} on #${issueNumber}`)
      continue
    }
    try {
      await client.rest.issues.deleteComment({ owner, repo, comment_id: comment.id })
      log.info(`Deleted duplicate comment ${comment.id} on #${issueNumber}`)
    } catch (error) {
      if (!isHttpError(error, 404)) throw error
    }
  }
}
