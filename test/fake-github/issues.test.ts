import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from './index.js'
import { handClock, octokitFor, parseLink, rawFetch } from './support.js'

let fake: FakeGitHub
let repo: FakeRepo
const clock = handClock('2024-05-07T12:00:00Z')
const where = { owner: 'acme', repo: 'infra' }

beforeEach(async () => {
  clock.set('2024-05-07T12:00:00Z')
  fake = await startFakeGitHub({ now: clock.now })
  repo = fake.addRepo('acme/infra')
})
afterEach(() => fake.close())

/** An ISO time `minutes` after 2024-05-01T00:00Z. */
function minute(minutes: number): string {
  return new Date(Date.parse('2024-05-01T00:00:00Z') + minutes * 60_000).toISOString()
}

describe('pagination', () => {
  test('250 issues come back as 3 pages of 100, following Link headers', async () => {
    for (let i = 1; i <= 250; i++) repo.addIssue({ labels: ['incident'], created_at: minute(i) })
    const octokit = octokitFor(fake)
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
      ...where,
      labels: 'incident',
      state: 'all',
      per_page: 100,
    })
    expect(issues.map((issue) => issue.number)).toEqual(
      Array.from({ length: 250 }, (_, i) => 250 - i),
    )
    expect(fake.requests.map((r) => [r.query.page, r.query.per_page, r.query.labels])).toEqual([
      [undefined, '100', 'incident'],
      ['2', '100', 'incident'],
      ['3', '100', 'incident'],
    ])
  })

  test('Link headers carry prev, next, last and first as absolute URLs on the fake', async () => {
    for (let i = 1; i <= 250; i++) repo.addIssue({ labels: ['incident'], created_at: minute(i) })
    const octokit = octokitFor(fake)
    const page = (n: number) =>
      octokit.rest.issues.listForRepo({ ...where, labels: 'incident', per_page: 100, page: n })
    const [one, two, three] = await Promise.all([page(1), page(2), page(3)])
    const relPages = (header: string | undefined) =>
      Object.fromEntries(
        Object.entries(parseLink(header)).map(([rel, url]) => {
          expect(url.origin).toBe(fake.url)
          expect(url.pathname).toBe('/repos/acme/infra/issues')
          expect(url.searchParams.get('labels')).toBe('incident')
          expect(url.searchParams.get('per_page')).toBe('100')
          return [rel, url.searchParams.get('page')]
        }),
      )
    expect(relPages(one.headers.link)).toEqual({ next: '2', last: '3' })
    expect(relPages(two.headers.link)).toEqual({ prev: '1', next: '3', last: '3', first: '1' })
    expect(relPages(three.headers.link)).toEqual({ prev: '2', first: '1' })
    expect([one.data.length, two.data.length, three.data.length]).toEqual([100, 100, 50])
  })

  test('the page size defaults to 30, is capped at 100, and one page has no Link', async () => {
    for (let i = 1; i <= 120; i++) repo.addIssue({ created_at: minute(i) })
    const octokit = octokitFor(fake)
    const byDefault = await octokit.rest.issues.listForRepo(where)
    const capped = await octokit.rest.issues.listForRepo({ ...where, per_page: 500 })
    expect(byDefault.data).toHaveLength(30)
    expect(parseLink(byDefault.headers.link).last?.searchParams.get('page')).toBe('4')
    expect(capped.data).toHaveLength(100)
    repo.addIssue({ labels: ['rare'] })
    const single = await octokit.rest.issues.listForRepo({ ...where, labels: 'rare' })
    expect(single.data).toHaveLength(1)
    expect(single.headers.link).toBeUndefined()
  })
})

describe('filters', () => {
  test('labels are ANDed and compared without regard to case', async () => {
    repo.addIssue({ labels: ['incident'] })
    repo.addIssue({ labels: ['Incident', 'db'] })
    repo.addIssue({ labels: ['highlight', 'db'] })
    repo.addIssue({ labels: [] })
    const octokit = octokitFor(fake)
    const numbers = async (labels: string) =>
      (await octokit.rest.issues.listForRepo({ ...where, labels })).data.map((i) => i.number)
    expect(await numbers('incident')).toEqual([2, 1])
    expect(await numbers('incident,db')).toEqual([2])
    expect(await numbers('DB, incident')).toEqual([2])
    expect(await numbers('incident,highlight')).toEqual([])
    expect(await numbers('')).toEqual([4, 3, 2, 1])
  })

  test('state is open by default, and closed, all or invalid on request', async () => {
    repo.addIssue({ state: 'open' })
    repo.addIssue({ state: 'closed' })
    const octokit = octokitFor(fake)
    const numbers = async (state?: 'open' | 'closed' | 'all') =>
      (await octokit.rest.issues.listForRepo({ ...where, state })).data.map((i) => i.number)
    expect(await numbers()).toEqual([1])
    expect(await numbers('closed')).toEqual([2])
    expect(await numbers('all')).toEqual([2, 1])
    const invalid = await rawFetch(fake, '/repos/acme/infra/issues?state=shut')
    expect(invalid.status).toBe(422)
    expect(await invalid.json()).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'Issue', field: 'state', code: 'invalid' }],
    })
  })

  test('since keeps issues updated at or after the instant', async () => {
    repo.addIssue({ created_at: minute(0), updated_at: '2024-05-01T09:59:59Z' })
    repo.addIssue({ created_at: minute(1), updated_at: '2024-05-01T10:00:00Z' })
    repo.addIssue({ created_at: minute(2), updated_at: '2024-05-03T00:00:00Z' })
    const octokit = octokitFor(fake)
    const { data } = await octokit.rest.issues.listForRepo({
      ...where,
      since: '2024-05-01T10:00:00Z',
    })
    expect(data.map((i) => i.number)).toEqual([3, 2])
    const invalid = await rawFetch(fake, '/repos/acme/infra/issues?since=last-tuesday')
    expect(invalid.status).toBe(422)
  })

  test('sort=updated with direction=asc orders by last update', async () => {
    repo.addIssue({ created_at: minute(1), updated_at: minute(30) })
    repo.addIssue({ created_at: minute(2), updated_at: minute(10) })
    repo.addIssue({ created_at: minute(3), updated_at: minute(20) })
    const octokit = octokitFor(fake)
    const { data } = await octokit.rest.issues.listForRepo({
      ...where,
      sort: 'updated',
      direction: 'asc',
    })
    expect(data.map((i) => i.number)).toEqual([2, 3, 1])
  })

  test('pull requests are listed among issues, with a pull_request key', async () => {
    repo.addIssue({ labels: ['incident'] })
    repo.commitAsPerson('main', {}, 'noop')
    repo.createBranch('feature')
    repo.commitAsPerson('feature', { 'a.txt': 'a\n' }, 'add a')
    const octokit = octokitFor(fake)
    const pr = await octokit.rest.pulls.create({
      ...where,
      title: 'A',
      head: 'feature',
      base: 'main',
    })
    await octokit.rest.issues.addLabels({
      ...where,
      issue_number: pr.data.number,
      labels: ['incident'],
    })
    const { data } = await octokit.rest.issues.listForRepo({ ...where, labels: 'incident' })
    expect(data.map((i) => [i.number, i.pull_request?.url ?? null])).toEqual([
      [2, `${fake.url}/repos/acme/infra/pulls/2`],
      [1, null],
    ])
    expect(data[0]).toHaveProperty('pull_request.html_url', 'https://github.com/acme/infra/pull/2')
    expect(data[1]).not.toHaveProperty('pull_request')
  })
})

describe('issue records', () => {
  test('a seeded issue is filled with GitHub defaults', async () => {
    repo.addIssue({
      title: '[Incident]: DNS outage',
      body: '### Started\n\n2024-05-06 10:00 UTC',
      labels: [{ name: 'incident', color: 'd73a4a', description: 'Something broke' }],
      user: 'ana',
      closed_at: null,
    })
    const { data } = await octokitFor(fake).rest.issues.get({ ...where, issue_number: 1 })
    expect(data).toMatchObject({
      number: 1,
      title: '[Incident]: DNS outage',
      body: '### Started\n\n2024-05-06 10:00 UTC',
      state: 'open',
      state_reason: null,
      locked: false,
      comments: 0,
      author_association: 'MEMBER',
      created_at: '2024-05-07T12:00:00Z',
      updated_at: '2024-05-07T12:00:00Z',
      closed_at: null,
      html_url: 'https://github.com/acme/infra/issues/1',
      url: `${fake.url}/repos/acme/infra/issues/1`,
      user: { login: 'ana', type: 'User' },
      labels: [
        { name: 'incident', color: 'd73a4a', description: 'Something broke', default: false },
      ],
      assignees: [],
      assignee: null,
    })
    expect(data).not.toHaveProperty('pull_request')
    expect(typeof data.id).toBe('number')
  })

  test('editIssue moves updated_at, and closing sets closed_at', async () => {
    repo.addIssue({ title: 'Before' })
    clock.set('2024-05-08T08:30:00Z')
    const edited = repo.editIssue(1, { title: 'After', state: 'closed' })
    expect(edited).toMatchObject({
      title: 'After',
      state: 'closed',
      state_reason: 'completed',
      created_at: '2024-05-07T12:00:00Z',
      updated_at: '2024-05-08T08:30:00Z',
      closed_at: '2024-05-08T08:30:00Z',
    })
    const { data } = await octokitFor(fake).rest.issues.listForRepo({
      ...where,
      state: 'all',
      since: '2024-05-08T00:00:00Z',
    })
    expect(data.map((i) => i.title)).toEqual(['After'])
  })

  test('an unknown issue number is 404', async () => {
    await expect(
      octokitFor(fake).rest.issues.get({ ...where, issue_number: 99 }),
    ).rejects.toMatchObject({ status: 404, response: { data: { message: 'Not Found' } } })
  })
})

describe('comments', () => {
  test('create, list in pages, update and delete', async () => {
    repo.addIssue()
    repo.addComment(1, 'from a person', { user: 'ana' })
    const octokit = octokitFor(fake)
    clock.set('2024-05-07T13:00:00Z')
    const created = await octokit.rest.issues.createComment({
      ...where,
      issue_number: 1,
      body: 'bot says',
    })
    expect(created.status).toBe(201)
    expect(created.data).toMatchObject({
      body: 'bot says',
      user: { login: 'github-actions[bot]', type: 'Bot' },
      created_at: '2024-05-07T13:00:00Z',
      issue_url: `${fake.url}/repos/acme/infra/issues/1`,
    })
    expect(repo.issue(1)?.updated_at).toBe('2024-05-07T13:00:00Z')
    expect(repo.issue(1)?.comments).toBe(2)

    for (let i = 0; i < 3; i++) repo.addComment(1, `extra ${i}`)
    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      ...where,
      issue_number: 1,
      per_page: 2,
    })
    expect(all.map((c) => c.body)).toEqual([
      'from a person',
      'bot says',
      'extra 0',
      'extra 1',
      'extra 2',
    ])
    expect(fake.requests.filter((r) => r.path.endsWith('/comments'))).toHaveLength(4)

    clock.set('2024-05-07T14:00:00Z')
    const updated = await octokit.rest.issues.updateComment({
      ...where,
      comment_id: created.data.id,
      body: 'bot says again',
    })
    expect(updated.data).toMatchObject({
      body: 'bot says again',
      updated_at: '2024-05-07T14:00:00Z',
    })
    const deleted = await octokit.rest.issues.deleteComment({
      ...where,
      comment_id: created.data.id,
    })
    expect(deleted.status).toBe(204)
    expect(repo.comments(1).map((c) => c.body)).toEqual([
      'from a person',
      'extra 0',
      'extra 1',
      'extra 2',
    ])
    await expect(
      octokit.rest.issues.updateComment({ ...where, comment_id: created.data.id, body: 'x' }),
    ).rejects.toMatchObject({ status: 404 })
  })

  test('a comment body over 65,536 characters is refused; one at the limit is not', async () => {
    repo.addIssue()
    const octokit = octokitFor(fake)
    const atLimit = '🙂'.repeat(65_536)
    const created = await octokit.rest.issues.createComment({
      ...where,
      issue_number: 1,
      body: atLimit,
    })
    expect(created.status).toBe(201)
    await expect(
      octokit.rest.issues.createComment({ ...where, issue_number: 1, body: `${atLimit}x` }),
    ).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'IssueComment',
              code: 'custom',
              field: 'body',
              message: 'body is too long (maximum is 65536 characters)',
            },
          ],
        },
      },
    })
  })

  test('a locked issue refuses comments', async () => {
    repo.addIssue({ locked: true })
    await expect(
      octokitFor(fake).rest.issues.createComment({ ...where, issue_number: 1, body: 'x' }),
    ).rejects.toMatchObject({
      status: 403,
      response: { data: { message: 'Unable to create comment because issue is locked.' } },
    })
  })
})

describe('labels and assignees', () => {
  test('labels are added (created when new), removed, and a missing one is 404', async () => {
    repo.addLabel('incident', { color: 'd73a4a' })
    repo.addIssue({ labels: ['incident'] })
    const octokit = octokitFor(fake)
    clock.set('2024-05-07T15:00:00Z')
    const added = await octokit.rest.issues.addLabels({
      ...where,
      issue_number: 1,
      labels: ['INCIDENT', 'infra-log'],
    })
    expect(added.data.map((l) => [l.name, l.color])).toEqual([
      ['incident', 'd73a4a'],
      ['infra-log', 'ededed'],
    ])
    expect(repo.issue(1)?.updated_at).toBe('2024-05-07T15:00:00Z')
    const removed = await octokit.rest.issues.removeLabel({
      ...where,
      issue_number: 1,
      name: 'incident',
    })
    expect(removed.data.map((l) => l.name)).toEqual(['infra-log'])
    await expect(
      octokit.rest.issues.removeLabel({ ...where, issue_number: 1, name: 'incident' }),
    ).rejects.toMatchObject({
      status: 404,
      response: { data: { message: 'Label does not exist' } },
    })
  })

  test('assignees are added; logins that cannot be assigned are left out silently', async () => {
    repo.addIssue()
    repo.collaborators = new Set(['ana', 'bo'])
    const { status, data } = await octokitFor(fake).rest.issues.addAssignees({
      ...where,
      issue_number: 1,
      assignees: ['ana', 'stranger'],
    })
    expect(status).toBe(201)
    expect(data.assignees?.map((a) => a.login)).toEqual(['ana'])
    expect(data.assignee?.login).toBe('ana')
  })
})

test('a read-only token can read issues but every write is 403', async () => {
  repo.addIssue()
  repo.readOnly()
  const octokit = octokitFor(fake)
  expect((await octokit.rest.issues.get({ ...where, issue_number: 1 })).status).toBe(200)
  const forbidden = {
    status: 403,
    response: {
      data: {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      },
      headers: { 'x-accepted-github-permissions': 'issues=write' },
    },
  }
  await expect(
    octokit.rest.issues.createComment({ ...where, issue_number: 1, body: 'x' }),
  ).rejects.toMatchObject(forbidden)
  await expect(
    octokit.rest.issues.addLabels({ ...where, issue_number: 1, labels: ['x'] }),
  ).rejects.toMatchObject({ status: 403 })
  expect(repo.comments()).toEqual([])
})
