import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { startFakeGitHub, type FakeGitHub } from './index.js'
import { handClock, octokitFor, rawFetch } from './support.js'

let fake: FakeGitHub
const clock = handClock('2024-05-07T12:00:00Z')

beforeEach(async () => {
  clock.set('2024-05-07T12:00:00Z')
  fake = await startFakeGitHub({ token: 'secret-1', now: clock.now })
  fake.addRepo('acme/infra')
})
afterEach(() => fake.close())

describe('authentication', () => {
  test('a wrong token gets 401 Bad credentials', async () => {
    const octokit = octokitFor(fake, 'not-the-token')
    await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'infra' })).rejects.toMatchObject({
      status: 401,
      response: {
        data: {
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/rest',
          status: '401',
        },
      },
    })
  })

  test('a request without a token gets 401 Requires authentication', async () => {
    const response = await rawFetch(fake, '/repos/acme/infra', { authorization: null })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({
      message: 'Requires authentication',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    })
  })

  test('both the token and the Bearer scheme are accepted', async () => {
    const statuses = await Promise.all(
      ['token secret-1', 'Bearer secret-1', 'bearer secret-1', 'Basic secret-1'].map(
        async (authorization) =>
          (await rawFetch(fake, '/repos/acme/infra', { authorization })).status,
      ),
    )
    expect(statuses).toEqual([200, 200, 200, 401])
  })
})

test('unknown routes, repositories and methods are 404 Not Found', async () => {
  const answers = await Promise.all(
    [
      ['GET', '/emojis'],
      ['GET', '/repos/acme/infra/releases'],
      ['GET', '/repos/acme/nothing-here'],
      ['PUT', '/repos/acme/infra/issues'],
    ].map(async ([method, path]) => {
      const response = await rawFetch(fake, path ?? '', { method })
      const body = (await response.json()) as { message: string; documentation_url: string }
      return [
        response.status,
        body.message,
        body.documentation_url.startsWith('https://docs.github.com/rest'),
      ]
    }),
  )
  expect(answers).toEqual([
    [404, 'Not Found', true],
    [404, 'Not Found', true],
    [404, 'Not Found', true],
    [404, 'Not Found', true],
  ])
})

test('every response carries JSON content type and the rate-limit headers', async () => {
  const first = await rawFetch(fake, '/repos/acme/infra')
  const missing = await rawFetch(fake, '/repos/acme/none')
  const denied = await rawFetch(fake, '/repos/acme/infra', { authorization: 'token wrong' })
  const responses = [first, missing, denied]
  expect(responses.map((r) => r.headers.get('content-type'))).toEqual(
    Array(3).fill('application/json; charset=utf-8'),
  )
  expect(responses.map((r) => r.headers.get('x-ratelimit-used'))).toEqual(['1', '2', '3'])
  expect(responses.map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual([
    '4999',
    '4998',
    '4997',
  ])
  for (const response of responses) {
    expect(response.headers.get('x-ratelimit-limit')).toBe('5000')
    expect(response.headers.get('x-ratelimit-resource')).toBe('core')
    const reset = Number(response.headers.get('x-ratelimit-reset'))
    expect(reset).toBeGreaterThan(Date.now() / 1000)
    expect(reset).toBeLessThanOrEqual(Date.now() / 1000 + 3600)
  }
})

test('a body that is not JSON gets 400 Problems parsing JSON', async () => {
  const response = await rawFetch(fake, '/repos/acme/infra/git/blobs', {
    method: 'POST',
    body: '{"content": ',
  })
  expect(response.status).toBe(400)
  expect(((await response.json()) as { message: string }).message).toBe('Problems parsing JSON')
})

test('GET /repos/{owner}/{repo} describes the repository and the token permissions', async () => {
  fake.addRepo('Acme/Private-Infra', { defaultBranch: 'trunk', private: true })
  const octokit = octokitFor(fake)
  const { data } = await octokit.rest.repos.get({ owner: 'acme', repo: 'private-infra' })
  expect(data).toMatchObject({
    name: 'Private-Infra',
    full_name: 'Acme/Private-Infra',
    default_branch: 'trunk',
    private: true,
    visibility: 'private',
    permissions: { admin: false, push: true, pull: true },
    owner: { login: 'Acme' },
    url: `${fake.url}/repos/Acme/Private-Infra`,
  })
  fake.repo('acme/private-infra').readOnly()
  const after = await octokit.rest.repos.get({ owner: 'Acme', repo: 'Private-Infra' })
  expect(after.data.permissions).toEqual({
    admin: false,
    maintain: false,
    push: false,
    triage: false,
    pull: true,
  })
})

test('every request is recorded in order with its decoded path, query, body, status and time', async () => {
  const octokit = octokitFor(fake)
  const repo = fake.repo('acme/infra')
  repo.addIssue({ title: 'Disk full' })
  await octokit.rest.issues.listForRepo({ owner: 'acme', repo: 'infra', labels: 'incident,db' })
  clock.set('2024-05-07T12:00:05Z')
  await octokit.rest.issues.createComment({
    owner: 'acme',
    repo: 'infra',
    issue_number: 1,
    body: 'hi',
  })
  await expect(
    octokit.rest.git.getRef({ owner: 'acme', repo: 'infra', ref: 'heads/infra-log/2024-05-07' }),
  ).rejects.toMatchObject({ status: 404 })
  await rawFetch(fake, '/nowhere', { authorization: null })

  expect(fake.requests).toEqual([
    {
      method: 'GET',
      path: '/repos/acme/infra/issues',
      query: { labels: 'incident,db' },
      body: undefined,
      status: 200,
      at: new Date('2024-05-07T12:00:00Z'),
      faults: [],
    },
    {
      method: 'POST',
      path: '/repos/acme/infra/issues/1/comments',
      query: {},
      body: { body: 'hi' },
      status: 201,
      at: new Date('2024-05-07T12:00:05Z'),
      faults: [],
    },
    {
      method: 'GET',
      path: '/repos/acme/infra/git/ref/heads/infra-log/2024-05-07',
      query: {},
      body: undefined,
      status: 404,
      at: new Date('2024-05-07T12:00:05Z'),
      faults: [],
    },
    {
      method: 'GET',
      path: '/nowhere',
      query: {},
      body: undefined,
      status: 401,
      at: new Date('2024-05-07T12:00:05Z'),
      faults: [],
    },
  ])

  const held = fake.requests
  fake.resetRequests()
  expect(held).toHaveLength(0)
  await rawFetch(fake, '/repos/acme/infra')
  expect(held.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
    'GET /repos/acme/infra 200',
  ])
})

test('test helpers fail loudly on a repository that was never added or added twice', () => {
  expect(() => fake.repo('acme/typo')).toThrow('repo: acme/typo was never added')
  expect(() => fake.addRepo('acme/infra')).toThrow('addRepo: acme/infra already exists')
  expect(() => fake.addRepo('no-slash')).toThrow('addRepo: "no-slash" is not owner/name')
})
