import type { GitHubClient, Logger } from './client.js'
import { explainGitHubError } from './explain-error.js'
import { splitRepository } from './repository.js'
import { gitHubMessage, isHttpError } from './request-error.js'

/** Parameters of {@link upsertPullRequest}. */
export type UpsertPullRequestParams = {
  client: GitHubClient
  repository: string
  /** The branch with the report commit, in `repository`. */
  head: string
  base: string
  title: string
  body: string
  labels: string[]
  reviewers: string[]
  teamReviewers: string[]
  assignees: string[]
  draft: boolean
  /**
   * The run has just created `head`: no pull request can be open from it (GitHub closes one
   * whose branch is deleted), so none is looked for (one request less). A parallel run that
   * opened one first is still found, through GitHub's 422 "already exists".
   */
  headIsNew?: boolean
  dryRun: boolean
  log: Logger
}

/** What {@link upsertPullRequest} did; in a dry run, what it would have done. */
export type PullRequestResult = {
  operation: 'created' | 'updated' | 'unchanged'
  /** null when a dry run would have created it. */
  number: number | null
  url: string | null
}

/** The fields of an open pull request that decide what to change. */
type OpenPullRequest = {
  number: number
  html_url: string
  title: string
  body: string | null
  labels: { name?: string }[]
  assignees?: { login: string }[] | null
}

/**
 * Keeps one open pull request from `head` into `base`: creates it (with labels, reviewers and
 * assignees) when there is none, else brings its title and body up to date and adds missing
 * labels and assignees. A closed pull request for the branch is left closed and a new one is
 * opened. Writes nothing when everything is already as asked, or when `dryRun` is set.
 */
export async function upsertPullRequest(
  requested: UpsertPullRequestParams,
): Promise<PullRequestResult> {
  // People write `@ana` and `acme/sre`; the API wants `ana` and the team's slug `sre`.
  const params = {
    ...requested,
    reviewers: requested.reviewers.map((login) => login.replace(/^@/, '')),
    assignees: requested.assignees.map((login) => login.replace(/^@/, '')),
    teamReviewers: requested.teamReviewers.map((team) =>
      team.replace(/^@/, '').replace(/^[^/]+\//, ''),
    ),
  }
  const { client, repository, log } = params
  const { owner, repo } = splitRepository(repository)

  const existing =
    params.headIsNew === true
      ? null
      : await findOpenPullRequest(client, owner, repo, params.head, params.base)
  if (existing !== null) return updatePullRequest(params, existing)

  if (params.dryRun) {
    log.info(
      `Dry run: would open a pull request from ${params.head} into ${params.base}: ${params.title}`,
    )
    return { operation: 'created', number: null, url: null }
  }

  let created: OpenPullRequest
  try {
    created = await createPullRequest(params)
  } catch (error) {
    if (!(isHttpError(error, 422) && /already exists/i.test(gitHubMessage(error)))) throw error
    // Someone (or a parallel run) opened it after our search.
    const found =
      (await findOpenPullRequest(client, owner, repo, params.head, params.base)) ??
      (await findOpenPullRequest(client, owner, repo, params.head, null))
    if (found === null) throw error
    log.info(`A pull request from ${params.head} already exists (#${found.number}); updating it.`)
    return updatePullRequest(params, found)
  }

  // A create whose answer was cut off resolves with an empty body; the pull request exists.
  if (typeof (created as { number?: unknown }).number !== 'number') {
    const found = await findOpenPullRequest(client, owner, repo, params.head, params.base)
    if (found === null) {
      throw new Error(
        `GitHub did not answer the request to open the pull request from ${params.head} on ${repository}, and none is open. Run the workflow again.`,
      )
    }
    created = found
  }
  const issue = { owner, repo, issue_number: created.number }
  if (params.labels.length > 0) {
    await client.rest.issues.addLabels({ ...issue, labels: params.labels })
  }
  if (params.assignees.length > 0) {
    await client.rest.issues.addAssignees({ ...issue, assignees: params.assignees })
  }
  await requestReviewers(params, created.number)
  log.info(`Opened pull request #${created.number}: ${created.html_url}`)
  return { operation: 'created', number: created.number, url: created.html_url }
}

async function findOpenPullRequest(
  client: GitHubClient,
  owner: string,
  repo: string,
  branch: string,
  base: string | null,
): Promise<OpenPullRequest | null> {
  const head = branch.includes(':') ? branch : `${owner}:${branch}`
  const { data } = await client.rest.pulls.list({
    owner,
    repo,
    head,
    ...(base === null ? {} : { base }),
    state: 'open',
    per_page: 100,
  })
  // Oldest first: if several are open, the first one opened is the one people know about.
  const sorted = [...data].sort((a, b) => a.number - b.number)
  return sorted[0] ?? null
}

async function createPullRequest(params: UpsertPullRequestParams): Promise<OpenPullRequest> {
  const { client, repository, log } = params
  const { owner, repo } = splitRepository(repository)
  const request = {
    owner,
    repo,
    head: params.head,
    base: params.base,
    title: params.title,
    body: params.body,
  }
  try {
    return (await client.rest.pulls.create({ ...request, draft: params.draft })).data
  } catch (error) {
    // Draft pull requests need a paid plan on private repositories; a ready one is still useful.
    if (!(params.draft && isHttpError(error, 422) && /draft/i.test(gitHubMessage(error)))) {
      throw error
    }
    log.warning(
      `${repository} does not allow draft pull requests (${gitHubMessage(error)}); opening a ready one.`,
    )
    return (await client.rest.pulls.create(request)).data
  }
}

async function updatePullRequest(
  params: UpsertPullRequestParams,
  existing: OpenPullRequest,
): Promise<PullRequestResult> {
  const { client, repository, log } = params
  const { owner, repo } = splitRepository(repository)
  const changes = {
    ...(existing.title === params.title ? {} : { title: params.title }),
    // A body saved from GitHub's editor comes back with CRLF line ends.
    ...(sameText(existing.body ?? '', params.body) ? {} : { body: params.body }),
  }
  const labels = new Set(existing.labels.map((label) => label.name?.toLowerCase()))
  const missingLabels = params.labels.filter((label) => !labels.has(label.toLowerCase()))
  const assignees = new Set((existing.assignees ?? []).map((user) => user.login.toLowerCase()))
  const missingAssignees = params.assignees.filter((login) => !assignees.has(login.toLowerCase()))
  const result = { number: existing.number, url: existing.html_url }

  const fields = Object.keys(changes)
  if (fields.length === 0 && missingLabels.length === 0 && missingAssignees.length === 0) {
    log.info(`Pull request #${existing.number} is up to date: ${existing.html_url}`)
    return { operation: 'unchanged', ...result }
  }
  const what = [
    ...fields,
    ...(missingLabels.length > 0 ? [`labels ${missingLabels.join(', ')}`] : []),
    ...(missingAssignees.length > 0 ? [`assignees ${missingAssignees.join(', ')}`] : []),
  ].join('; ')
  if (params.dryRun) {
    log.info(
      `Dry run: would update pull request #${existing.number} (${what}): ${existing.html_url}`,
    )
    return { operation: 'updated', ...result }
  }
  if (fields.length > 0) {
    await client.rest.pulls.update({ owner, repo, pull_number: existing.number, ...changes })
  }
  const issue = { owner, repo, issue_number: existing.number }
  if (missingLabels.length > 0) {
    await client.rest.issues.addLabels({ ...issue, labels: missingLabels })
  }
  if (missingAssignees.length > 0) {
    await client.rest.issues.addAssignees({ ...issue, assignees: missingAssignees })
  }
  log.info(`Updated pull request #${existing.number} (${what}): ${existing.html_url}`)
  return { operation: 'updated', ...result }
}

// A reviewer who cannot review (the token's own user, not a collaborator) makes GitHub refuse
// the whole request; the pull request is still good, so each one is then asked for alone and
// the refusals become warnings.
async function requestReviewers(params: UpsertPullRequestParams, number: number): Promise<void> {
  const { client, repository, log } = params
  const { owner, repo } = splitRepository(repository)
  const request = async (reviewers: string[], teamReviewers: string[]): Promise<unknown> => {
    try {
      await client.rest.pulls.requestReviewers({
        owner,
        repo,
        pull_number: number,
        reviewers,
        team_reviewers: teamReviewers,
      })
      return null
    } catch (error) {
      if (isHttpError(error, 422)) return error
      throw error
    }
  }
  const { reviewers, teamReviewers: teams } = params
  if (reviewers.length === 0 && teams.length === 0) return
  const all = await request(reviewers, teams)
  if (all === null) return
  const asks = [
    ...reviewers.map((login) => ({ who: `@${login}`, reviewers: [login], teams: [] })),
    ...teams.map((team) => ({ who: `team ${team}`, reviewers: [], teams: [team] })),
  ]
  if (asks.length === 1) {
    log.warning(reviewerWarning(asks[0]?.who ?? '', all, repository))
    return
  }
  for (const ask of asks) {
    const error = await request(ask.reviewers, ask.teams)
    if (error !== null) log.warning(reviewerWarning(ask.who, error, repository))
  }
}

function reviewerWarning(who: string, error: unknown, repository: string): string {
  const why = explainGitHubError(error, { repository, action: `request a review from ${who}` })
  return `${why} (a reviewer must be a collaborator other than the token's own user; check the \`reviewers\` and \`team-reviewers\` inputs)`
}

function sameText(a: string, b: string): boolean {
  return a.replace(/\r\n/g, '\n') === b.replace(/\r\n/g, '\n')
}
