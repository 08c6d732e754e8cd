import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { Octokit } from '@octokit/rest'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from './index.js'
import { octokitFor, rawFetch } from './support.js'

let fake: FakeGitHub
let repo: FakeRepo
const where = { owner: 'acme', repo: 'infra' }
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }

beforeEach(async () => {
  fake = await startFakeGitHub()
  repo = fake.addRepo('acme/infra')
})
afterEach(() => fake.close())

describe('server errors', () => {
  test.each([
    [500, 'Server Error'],
    [502, 'Server Error'],
    [503, 'Service Unavailable'],
  ] as const)(
    'status %i answers once with %s, then the route answers again',
    async (status, message) => {
      fake.faults.add({ match: { path: '/repos/acme/infra' }, fault: { status } })
      const first = await rawFetch(fake, '/repos/acme/infra')
      expect(first.status).toBe(status)
      expect(await first.json()).toEqual({
        message,
        documentation_url: 'https://docs.github.com/rest',
        status: String(status),
      })
      expect(first.headers.get('x-ratelimit-remaining')).toBe('4999')
      expect((await rawFetch(fake, '/repos/acme/infra')).status).toBe(200)
    },
  )

  test('Octokit’s retry plugin gets through a 502 on the second try', async () => {
    const RetryingOctokit = Octokit.plugin(retry)
    const octokit = new RetryingOctokit({
      auth: fake.token,
      baseUrl: fake.url,
      log: silent,
      retry: { retryAfterBaseValue: 1 },
    })
    const rule = fake.faults.add({
      match: { method: 'GET', path: /\/issues$/ },
      fault: { status: 502 },
    })
    const { data } = await octokit.rest.issues.listForRepo(where)
    expect(data).toEqual([])
    expect(fake.requests.map((r) => [r.path, r.status, r.faults])).toEqual([
      ['/repos/acme/infra/issues', 502, [{ status: 502 }]],
      ['/repos/acme/infra/issues', 200, []],
    ])
    expect(rule).toMatchObject({ seen: 2, fired: 1 })
  })
})

describe('rate limits', () => {
  test('429 carries retry-after and the secondary-limit message', async () => {
    fake.faults.add({ match: {}, fault: { status: 429, retryAfter: 7 } })
    const response = await rawFetch(fake, '/repos/acme/infra')
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('7')
    expect(((await response.json()) as { message: string }).message).toMatch(
      /^You have exceeded a secondary rate limit/,
    )
  })

  test('a secondary rate limit is a 403 that Octokit’s throttling plugin waits out', async () => {
    const waits: number[] = []
    const ThrottledOctokit = Octokit.plugin(throttling)
    const octokit = new ThrottledOctokit({
      auth: fake.token,
      baseUrl: fake.url,
      log: silent,
      throttle: {
        retryAfterBaseValue: 1,
        onRateLimit: () => false,
        onSecondaryRateLimit: (retryAfter: number) => {
          waits.push(retryAfter)
          return true
        },
      },
    })
    fake.faults.add({
      match: { path: '/repos/acme/infra' },
      fault: { secondaryRateLimit: true, retryAfter: 3 },
    })
    const { status } = await octokit.rest.repos.get(where)
    expect(status).toBe(200)
    expect(waits).toEqual([3])
    expect(fake.requests.map((r) => r.status)).toEqual([403, 200])
  })

  test('a primary rate limit is a 403 with remaining 0 and the reset time', async () => {
    fake.faults.add({ match: {}, fault: { primaryRateLimit: true, resetInSeconds: 120 } })
    const before = Math.floor(Date.now() / 1000)
    const response = await rawFetch(fake, '/repos/acme/infra')
    expect(response.status).toBe(403)
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0')
    const reset = Number(response.headers.get('x-ratelimit-reset'))
    expect(reset - before).toBeGreaterThanOrEqual(120)
    expect(reset - before).toBeLessThanOrEqual(121)
    expect(((await response.json()) as { message: string }).message).toMatch(
      /^API rate limit exceeded/,
    )
  })
})

describe('connection faults', () => {
  test('a delay holds the answer back, then answers normally', async () => {
    fake.faults.add({ match: { path: '/repos/acme/infra' }, fault: { delayMs: 150 } })
    const started = performance.now()
    const response = await rawFetch(fake, '/repos/acme/infra')
    expect(response.status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
  })

  test('a reset before handling fails the request and changes nothing', async () => {
    repo.addIssue()
    fake.faults.add({ match: { method: 'POST' }, fault: { reset: true } })
    await expect(
      octokitFor(fake).rest.issues.createComment({ ...where, issue_number: 1, body: 'lost' }),
    ).rejects.toMatchObject({ status: 500 })
    expect(repo.comments()).toEqual([])
    expect(fake.requests.map((r) => [r.method, r.status])).toEqual([['POST', 0]])
  })

  test('a reset after handling keeps the write but cuts the answer off mid-body', async () => {
    repo.addIssue()
    fake.faults.add({ match: { method: 'POST' }, fault: { reset: 'after-handling' } })
    const response = await rawFetch(fake, '/repos/acme/infra/issues/1/comments', {
      method: 'POST',
      body: JSON.stringify({ body: 'kept' }),
    })
    expect(response.status).toBe(201)
    await expect(response.text()).rejects.toThrow()
    expect(repo.comments(1).map((c) => c.body)).toEqual(['kept'])
  })

  test('before runs code ahead of the request, such as a person committing first', async () => {
    const octokit = octokitFor(fake)
    const start = repo.branchSha('main') ?? ''
    const tree = repo.git.commit(start)?.tree ?? ''
    const commit = await octokit.rest.git.createCommit({
      ...where,
      message: 'bot',
      tree,
      parents: [start],
    })
    fake.faults.add({
      match: { method: 'PATCH', path: '/repos/acme/infra/git/refs/heads/main' },
      fault: { before: () => void repo.commitAsPerson('main', { 'edit.md': 'human\n' }, 'human') },
    })
    await expect(
      octokit.rest.git.updateRef({ ...where, ref: 'heads/main', sha: commit.data.sha }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Update is not a fast forward' } },
    })
    expect(repo.readFile('main', 'edit.md')).toBe('human\n')
  })
})

test('nth and times pick which matching requests fail; other methods and paths are untouched', async () => {
  const rule = fake.faults.add({
    match: { method: 'get', path: /^\/repos\/acme\/infra$/, nth: 2, times: 2 },
    fault: { status: 503 },
  })
  const statuses: number[] = []
  for (let i = 0; i < 4; i++) statuses.push((await rawFetch(fake, '/repos/acme/infra')).status)
  statuses.push((await rawFetch(fake, '/repos/acme/infra/issues')).status)
  statuses.push((await rawFetch(fake, '/repos/acme/infra', { method: 'POST', body: '{}' })).status)
  expect(statuses).toEqual([200, 503, 503, 200, 200, 404])
  expect(rule).toMatchObject({ seen: 4, fired: 2 })
  expect(fake.faults.pending()).toEqual([])
})
