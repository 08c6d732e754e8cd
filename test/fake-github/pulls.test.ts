import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from './index.js'
import { handClock, octokitFor } from './support.js'

let fake: FakeGitHub
let repo: FakeRepo
const clock = handClock('2024-05-07T12:00:00Z')
const where = { owner: 'acme', repo: 'infra' }
const branch = 'infra-log/2024-05-07'

beforeEach(async () => {
  clock.set('2024-05-07T12:00:00Z')
  fake = await startFakeGitHub({ now: clock.now })
  repo = fake.addRepo('acme/infra')
  repo.createBranch(branch)
  repo.commitAsPerson(branch, { 'docs/infra-log/2024-05-07.md': '# Report\n' }, 'report')
})
afterEach(() => fake.close())

function open(extra: { body?: string; draft?: boolean; head?: string } = {}) {
  return octokitFor(fake).rest.pulls.create({
    ...where,
    title: 'Infra Log: Apr 24 – May 7',
    head: `acme:${branch}`,
    base: 'main',
    ...extra,
  })
}

describe('creating', () => {
  test('a pull request is created with 201 and GitHub’s shape', async () => {
    const { status, data } = await open({ body: 'Summary', draft: true })
    expect(status).toBe(201)
    expect(data).toMatchObject({
      number: 1,
      state: 'open',
      title: 'Infra Log: Apr 24 – May 7',
      body: 'Summary',
      draft: true,
      merged: false,
      merged_at: null,
      user: { login: 'github-actions[bot]', type: 'Bot' },
      head: { ref: branch, label: `acme:${branch}`, sha: repo.branchSha(branch) },
      base: { ref: 'main', sha: repo.branchSha('main'), repo: { full_name: 'acme/infra' } },
      html_url: 'https://github.com/acme/infra/pull/1',
      url: `${fake.url}/repos/acme/infra/pulls/1`,
      commits: 1,
      changed_files: 1,
    })
    expect(repo.pulls().map((p) => p.number)).toEqual([1])
  })

  test('a second open pull request for the same head is 422 "already exists"', async () => {
    await open()
    await expect(open()).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `A pull request already exists for acme:${branch}.`,
            },
          ],
        },
      },
    })
  })

  test('a head with no commits beyond base is 422 "No commits between"', async () => {
    repo.createBranch('empty')
    await expect(open({ head: 'empty' })).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'PullRequest',
              code: 'custom',
              message: 'No commits between main and empty',
            },
          ],
        },
      },
    })
  })

  test('a missing head or base branch is 422 invalid', async () => {
    await expect(open({ head: 'acme:nope' })).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }] } },
    })
    await expect(
      octokitFor(fake).rest.pulls.create({ ...where, title: 't', head: branch, base: 'nope' }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ resource: 'PullRequest', field: 'base', code: 'invalid' }] } },
    })
  })

  test('when Actions may not create pull requests, POST is 403 with GitHub’s message', async () => {
    repo.allowActionsToCreatePullRequests = false
    await expect(open()).rejects.toMatchObject({
      status: 403,
      response: {
        data: { message: 'GitHub Actions is not permitted to create or approve pull requests.' },
      },
    })
    expect(repo.pulls()).toEqual([])
  })

  test('a read-only token gets 403 Resource not accessible by integration', async () => {
    repo.readOnly()
    await expect(open()).rejects.toMatchObject({
      status: 403,
      response: {
        data: { message: 'Resource not accessible by integration' },
        headers: { 'x-accepted-github-permissions': 'pull_requests=write' },
      },
    })
  })

  test('a body of 65,536 characters is accepted and one more is 422 too long', async () => {
    const atLimit = 'é'.repeat(65_536)
    const created = await open({ body: atLimit })
    expect(created.data.body).toBe(atLimit)
    const tooLong = {
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'Issue',
              code: 'custom',
              field: 'body',
              message: 'body is too long (maximum is 65536 characters)',
            },
          ],
        },
      },
    }
    await expect(
      octokitFor(fake).rest.pulls.update({ ...where, pull_number: 1, body: `${atLimit}!` }),
    ).rejects.toMatchObject(tooLong)
    await octokitFor(fake).rest.pulls.update({ ...where, pull_number: 1, state: 'closed' })
    await expect(open({ body: `${atLimit}!` })).rejects.toMatchObject(tooLong)
  })
})

describe('listing and reading', () => {
  test('head filters only in owner:branch form, as on GitHub; state and base filter too', async () => {
    await open()
    repo.createBranch('other')
    repo.commitAsPerson('other', { 'o.md': 'o\n' }, 'o')
    await open({ head: 'other' })
    await octokitFor(fake).rest.pulls.update({ ...where, pull_number: 2, state: 'closed' })
    const octokit = octokitFor(fake)
    const numbers = async (params: {
      head?: string
      state?: 'open' | 'closed' | 'all'
      base?: string
    }) => (await octokit.rest.pulls.list({ ...where, ...params })).data.map((p) => p.number)
    expect(await numbers({ head: `acme:${branch}` })).toEqual([1])
    expect(await numbers({ head: 'acme:other' })).toEqual([])
    expect(await numbers({ head: 'acme:other', state: 'all' })).toEqual([2])
    expect(await numbers({ head: branch, state: 'all' })).toEqual([2, 1])
    expect(await numbers({ head: `someone-else:${branch}` })).toEqual([])
    expect(await numbers({ base: 'develop', state: 'all' })).toEqual([])
    expect(await numbers({ state: 'closed' })).toEqual([2])
  })

  test('GET /pulls/{n} returns the pull; an issue number is 404 there', async () => {
    await open()
    repo.addIssue({ title: 'an issue' })
    const octokit = octokitFor(fake)
    expect((await octokit.rest.pulls.get({ ...where, pull_number: 1 })).data.title).toBe(
      'Infra Log: Apr 24 – May 7',
    )
    await expect(octokit.rest.pulls.get({ ...where, pull_number: 2 })).rejects.toMatchObject({
      status: 404,
    })
  })

  test('the head sha follows the branch while the pull request is open', async () => {
    await open()
    const next = repo.commitAsPerson(branch, { 'docs/note.md': 'note\n' }, 'a person adds a note')
    const { data } = await octokitFor(fake).rest.pulls.get({ ...where, pull_number: 1 })
    expect(data.head.sha).toBe(next)
    expect(data.commits).toBe(2)
  })
})

describe('updating', () => {
  test('title, body and base are updated; closing and reopening move closed_at', async () => {
    await open()
    repo.createBranch('release')
    const octokit = octokitFor(fake)
    clock.set('2024-05-08T09:00:00Z')
    const updated = await octokit.rest.pulls.update({
      ...where,
      pull_number: 1,
      title: 'New title',
      body: 'New body',
      base: 'release',
    })
    expect(updated.data).toMatchObject({
      title: 'New title',
      body: 'New body',
      base: { ref: 'release' },
      updated_at: '2024-05-08T09:00:00Z',
    })
    const closed = await octokit.rest.pulls.update({ ...where, pull_number: 1, state: 'closed' })
    expect(closed.data).toMatchObject({
      state: 'closed',
      closed_at: '2024-05-08T09:00:00Z',
      merged: false,
    })
    expect(repo.issue(1)?.state).toBe('closed')
    const reopened = await octokit.rest.pulls.update({ ...where, pull_number: 1, state: 'open' })
    expect(reopened.data).toMatchObject({ state: 'open', closed_at: null })
  })

  test('a merged pull request cannot be reopened; merging moves the base branch', async () => {
    await open()
    const mergeSha = repo.mergePull(1)
    expect(repo.branchSha('main')).toBe(mergeSha)
    expect(repo.readFile('main', 'docs/infra-log/2024-05-07.md')).toBe('# Report\n')
    const octokit = octokitFor(fake)
    const { data } = await octokit.rest.pulls.get({ ...where, pull_number: 1 })
    expect(data).toMatchObject({ state: 'closed', merged: true, merge_commit_sha: mergeSha })
    await expect(
      octokit.rest.pulls.update({ ...where, pull_number: 1, state: 'open' }),
    ).rejects.toMatchObject({ status: 422 })
    expect(
      (await octokit.rest.issues.get({ ...where, issue_number: 1 })).data.pull_request?.merged_at,
    ).toBe('2024-05-07T12:00:00Z')
  })

  test('reviewers and teams are requested; the author and non-collaborators are refused', async () => {
    await open()
    repo.collaborators = new Set(['ana', 'bo'])
    repo.teams = new Set(['infra'])
    const octokit = octokitFor(fake)
    const { status, data } = await octokit.rest.pulls.requestReviewers({
      ...where,
      pull_number: 1,
      reviewers: ['ana'],
      team_reviewers: ['infra'],
    })
    expect(status).toBe(201)
    expect(data.requested_reviewers?.map((u) => u.login)).toEqual(['ana'])
    expect(data.requested_teams?.map((t) => t.slug)).toEqual(['infra'])
    await expect(
      octokit.rest.pulls.requestReviewers({
        ...where,
        pull_number: 1,
        reviewers: ['github-actions[bot]'],
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Review cannot be requested from pull request author.' } },
    })
    await expect(
      octokit.rest.pulls.requestReviewers({ ...where, pull_number: 1, team_reviewers: ['sales'] }),
    ).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message:
            'Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the acme/infra repository.',
        },
      },
    })
  })

  test('labels and assignees go through the issues endpoints on the pull request number', async () => {
    await open()
    const octokit = octokitFor(fake)
    await octokit.rest.issues.addLabels({ ...where, issue_number: 1, labels: ['infra-log'] })
    await octokit.rest.issues.addAssignees({ ...where, issue_number: 1, assignees: ['ana'] })
    const { data } = await octokit.rest.pulls.get({ ...where, pull_number: 1 })
    expect(data.labels.map((l) => l.name)).toEqual(['infra-log'])
    expect(data.assignees?.map((a) => a.login)).toEqual(['ana'])
  })
})
