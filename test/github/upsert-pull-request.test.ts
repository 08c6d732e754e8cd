import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { explainGitHubError } from '../../src/github/explain-error.js'
import {
  upsertPullRequest,
  type UpsertPullRequestParams,
} from '../../src/github/upsert-pull-request.js'
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../fake-github/index.js'
import { collectingLogger, fakeClient, requestLines, writes } from './helpers.js'

let fake: FakeGitHub
const BRANCH = 'infra-log/2024-05-07'

beforeAll(async () => {
  fake = await startFakeGitHub()
})
afterAll(async () => fake.close())
beforeEach(() => {
  fake.faults.clear()
  fake.resetRequests()
})

let repoCount = 0
/** A repository with the report branch one commit ahead of main. */
function newRepo(): FakeRepo {
  repoCount += 1
  const repo = fake.addRepo(`acme/prs-${repoCount}`)
  repo.createBranch(BRANCH)
  repo.commitAsPerson(BRANCH, { 'docs/infra-log/2024-05-07.md': '# Report\n' }, 'Report')
  return repo
}

function params(
  repo: FakeRepo,
  extra: Partial<UpsertPullRequestParams> = {},
): UpsertPullRequestParams {
  return {
    client: fakeClient(fake),
    repository: repo.fullName,
    head: BRANCH,
    base: 'main',
    title: 'Infra Log: Apr 24 – May 7, 2024',
    body: 'Body one\n',
    labels: [],
    reviewers: [],
    teamReviewers: [],
    assignees: [],
    draft: false,
    dryRun: false,
    log: collectingLogger(),
    ...extra,
  }
}

const labelsOf = (repo: FakeRepo, number: number | null) =>
  repo.pull(number ?? 0)?.labels.map((label) => label.name)

describe('upsertPullRequest', () => {
  it('opens a draft pull request with labels, reviewers, team reviewers and assignees', async () => {
    const repo = newRepo()
    const result = await upsertPullRequest(
      params(repo, {
        draft: true,
        labels: ['infra-log', 'documentation'],
        reviewers: ['@ana', 'bo'],
        teamReviewers: ['acme/sre'],
        assignees: ['@ana'],
      }),
    )
    const pull = repo.pull(result.number ?? 0)
    expect(result).toEqual({ operation: 'created', number: pull?.number, url: pull?.html_url })
    expect(pull).toMatchObject({
      state: 'open',
      draft: true,
      title: 'Infra Log: Apr 24 – May 7, 2024',
      body: 'Body one\n',
      head: { ref: BRANCH },
      base: { ref: 'main' },
    })
    expect(labelsOf(repo, result.number)).toEqual(['infra-log', 'documentation'])
    expect(pull?.requested_reviewers?.map((user) => user.login)).toEqual(['ana', 'bo'])
    expect(pull?.requested_teams?.map((team) => team.slug)).toEqual(['sre'])
    expect(pull?.assignees?.map((user) => user.login)).toEqual(['ana'])
    const path = `/repos/${repo.fullName}`
    expect(requestLines(fake)).toEqual([
      `GET ${path}/pulls`,
      `POST ${path}/pulls`,
      `POST ${path}/issues/${result.number}/labels`,
      `POST ${path}/issues/${result.number}/assignees`,
      `POST ${path}/pulls/${result.number}/requested_reviewers`,
    ])
    expect(fake.requests[0]?.query).toMatchObject({
      head: `acme:${BRANCH}`,
      base: 'main',
      state: 'open',
    })
    expect(fake.requests[1]?.body).toMatchObject({ head: BRANCH, base: 'main', draft: true })
  })

  it('updates the title and body of the open pull request and adds missing labels and assignees', async () => {
    const repo = newRepo()
    const first = await upsertPullRequest(params(repo, { labels: ['infra-log'] }))
    fake.resetRequests()
    const result = await upsertPullRequest(
      params(repo, {
        body: 'Body two\n',
        labels: ['INFRA-LOG', 'weekly'],
        assignees: ['bo'],
        reviewers: ['ana'],
      }),
    )
    expect(result).toEqual({ operation: 'updated', number: first.number, url: first.url })
    expect(repo.pull(first.number ?? 0)?.body).toBe('Body two\n')
    expect(labelsOf(repo, first.number)).toEqual(['infra-log', 'weekly'])
    const path = `/repos/${repo.fullName}`
    // Reviewers are asked for once, when the pull request is opened: asking again would re-ping.
    expect(writes(fake)).toEqual([
      `PATCH ${path}/pulls/${first.number}`,
      `POST ${path}/issues/${first.number}/labels`,
      `POST ${path}/issues/${first.number}/assignees`,
    ])
    expect(fake.requests.find((request) => request.method === 'PATCH')?.body).toEqual({
      body: 'Body two\n',
    })
  })

  it('writes nothing when the pull request is already as asked', async () => {
    const repo = newRepo()
    const first = await upsertPullRequest(
      params(repo, { labels: ['infra-log'], assignees: ['ana'] }),
    )
    fake.resetRequests()
    const log = collectingLogger()
    const result = await upsertPullRequest(
      params(repo, { labels: ['infra-log'], assignees: ['ana'], log }),
    )
    expect(result).toEqual({ operation: 'unchanged', number: first.number, url: first.url })
    expect(writes(fake)).toEqual([])
    expect(log.lines).toEqual([`info: Pull request #${first.number} is up to date: ${first.url}`])
  })

  it('updates the pull request someone opened between the search and the create', async () => {
    const repo = newRepo()
    const other = fakeClient(fake)
    let theirs = 0
    fake.faults.add({
      match: { method: 'POST', path: `/repos/${repo.fullName}/pulls` },
      fault: {
        before: async () => {
          const { data } = await other.rest.pulls.create({
            owner: 'acme',
            repo: repo.name,
            head: BRANCH,
            base: 'main',
            title: 'Theirs',
          })
          theirs = data.number
        },
      },
    })
    const result = await upsertPullRequest(params(repo))
    expect(result).toMatchObject({ operation: 'updated', number: theirs })
    expect(repo.pulls().filter((pull) => pull.state === 'open')).toHaveLength(1)
    expect(repo.pull(theirs)?.title).toBe('Infra Log: Apr 24 – May 7, 2024')
    const posts = fake.requests.filter(
      (request) => request.method === 'POST' && request.path.endsWith('/pulls'),
    )
    // Ours arrived first and was held while theirs was handled.
    expect(posts.map((request) => request.status)).toEqual([422, 201])
  })

  it('does not look for an open pull request from a branch the run has just created', async () => {
    const repo = newRepo()
    const result = await upsertPullRequest(params(repo, { headIsNew: true, labels: ['infra-log'] }))
    expect(result.operation).toBe('created')
    const path = `/repos/${repo.fullName}`
    expect(requestLines(fake)).toEqual([
      `POST ${path}/pulls`,
      `POST ${path}/issues/${result.number}/labels`,
    ])
  })

  it('still updates the one a parallel run opened from a branch it thinks new', async () => {
    const repo = newRepo()
    const theirs = await upsertPullRequest(params(repo, { title: 'Theirs' }))
    const result = await upsertPullRequest(params(repo, { headIsNew: true }))
    expect(result).toMatchObject({ operation: 'updated', number: theirs.number })
    expect(repo.pulls().filter((pull) => pull.state === 'open')).toHaveLength(1)
    expect(repo.pull(theirs.number ?? 0)?.title).toBe('Infra Log: Apr 24 – May 7, 2024')
  })

  it('opens a new pull request when the last one was closed without merging', async () => {
    const repo = newRepo()
    const closed = await upsertPullRequest(params(repo))
    repo.closePull(closed.number ?? 0)
    const result = await upsertPullRequest(params(repo))
    expect(result.operation).toBe('created')
    expect(result.number).not.toBe(closed.number)
    expect(repo.pull(closed.number ?? 0)?.state).toBe('closed')
    expect(repo.pull(result.number ?? 0)?.state).toBe('open')
  })

  it('turns reviewers GitHub refuses into warnings and still asks the others', async () => {
    const repo = newRepo()
    repo.collaborators = new Set(['ana', 'bo'])
    const log = collectingLogger()
    const result = await upsertPullRequest(
      params(repo, { reviewers: ['ana', 'mallory', 'github-actions[bot]', 'bo'], log }),
    )
    expect(result.operation).toBe('created')
    expect(repo.pull(result.number ?? 0)?.requested_reviewers?.map((user) => user.login)).toEqual([
      'ana',
      'bo',
    ])
    const warnings = log.lines.filter((line) => line.startsWith('warning'))
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toContain(
      `Could not request a review from @mallory on ${repo.fullName}: GitHub answered 422: Reviews may only be requested from collaborators.`,
    )
    expect(warnings[1]).toContain('Review cannot be requested from pull request author.')
    expect(warnings[1]).toContain('check the `reviewers` and `team-reviewers` inputs')
  })

  it('makes no writes in a dry run', async () => {
    const repo = newRepo()
    const log = collectingLogger()
    expect(await upsertPullRequest(params(repo, { dryRun: true, labels: ['x'], log }))).toEqual({
      operation: 'created',
      number: null,
      url: null,
    })
    expect(writes(fake)).toEqual([])
    expect(log.lines).toEqual([
      `info: Dry run: would open a pull request from ${BRANCH} into main: Infra Log: Apr 24 – May 7, 2024`,
    ])

    const first = await upsertPullRequest(params(repo))
    fake.resetRequests()
    const update = await upsertPullRequest(params(repo, { dryRun: true, title: 'New title' }))
    expect(update).toEqual({ operation: 'updated', number: first.number, url: first.url })
    expect(writes(fake)).toEqual([])
    expect(repo.pull(first.number ?? 0)?.title).toBe('Infra Log: Apr 24 – May 7, 2024')
  })

  it('fails with an explanation when Actions may not open pull requests', async () => {
    const repo = newRepo()
    repo.allowActionsToCreatePullRequests = false
    const error = await upsertPullRequest(params(repo)).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ status: 403 })
    expect(
      explainGitHubError(error, { repository: repo.fullName, action: 'open the pull request' }),
    ).toContain('Settings → Actions → General → Workflow permissions')
  })

  it('fails with the permission to add when the token cannot write pull requests', async () => {
    const repo = newRepo()
    repo.tokenPermissions = { ...repo.tokenPermissions, pull_requests: 'read' }
    const error = await upsertPullRequest(params(repo)).catch((caught: unknown) => caught)
    expect(
      explainGitHubError(error, { repository: repo.fullName, action: 'open the pull request' }),
    ).toContain('the token lacks the `pull-requests: write` permission')
  })
})
