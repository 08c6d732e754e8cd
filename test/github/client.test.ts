import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createGitHubClient, fetchFor } from '../../src/github/client.js'
import { explainGitHubError } from '../../src/github/explain-error.js'
import { startFakeGitHub, type FakeGitHub } from '../fake-github/index.js'
import { collectingLogger, fakeClient } from './helpers.js'

let fake: FakeGitHub
const path = '/repos/acme/infra'

beforeAll(async () => {
  fake = await startFakeGitHub({ token: 'ghs_fakeTokenValue0123456789abcdef' })
  fake.addRepo('acme/infra')
})
afterAll(async () => fake.close())
beforeEach(() => {
  fake.faults.clear()
  fake.resetRequests()
})

const getRepo = (client: ReturnType<typeof fakeClient>) =>
  client.rest.repos.get({ owner: 'acme', repo: 'infra' })
const hits = () => fake.requests.filter((request) => request.path === path).length

describe('createGitHubClient', () => {
  it('talks to the base URL it is given, with or without a trailing slash', async () => {
    const log = collectingLogger()
    const client = createGitHubClient({ token: fake.token, baseUrl: `${fake.url}/`, log })
    const { data } = await getRepo(client)
    expect(data.full_name).toBe('acme/infra')
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET ${path}`,
    ])
  })

  it('retries server errors', async () => {
    fake.faults.add({ match: { path, times: 2 }, fault: { status: 502 } })
    const { data } = await getRepo(fakeClient(fake))
    expect(data.default_branch).toBe('main')
    expect(fake.requests.map((request) => request.status)).toEqual([502, 502, 200])
  })

  it('gives up after `retries` retries of a server error', async () => {
    fake.faults.add({ match: { path, times: Infinity }, fault: { status: 503 } })
    await expect(getRepo(fakeClient(fake))).rejects.toMatchObject({ status: 503 })
    expect(hits()).toBe(3)
  })

  it('does not retry a client error', async () => {
    const client = createGitHubClient({
      token: 'ghp_wrongWrongWrongWrong0123456789',
      baseUrl: fake.url,
      log: collectingLogger(),
      retryAfterBaseValue: 1,
    })
    const error = await getRepo(client).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ status: 401 })
    expect(hits()).toBe(1)
    const line = explainGitHubError(error, {
      repository: 'acme/infra',
      action: 'read the repository',
    })
    expect(line).toContain('GitHub rejected the token as bad or expired')
    expect(line).not.toContain('ghp_wrong')
  })

  it('waits out a short secondary rate limit, with a warning', async () => {
    fake.faults.add({ match: { path }, fault: { secondaryRateLimit: true, retryAfter: 3 } })
    const log = collectingLogger()
    const { data } = await getRepo(fakeClient(fake, log))
    expect(data.name).toBe('infra')
    expect(hits()).toBe(2)
    expect(log.lines.filter((line) => line.startsWith('warning'))).toEqual([
      `warning: GitHub secondary rate limit hit by GET /repos/{owner}/{repo}: retrying in 3 s (retry 1 of 2).`,
    ])
  })

  it('waits out a short primary rate limit, with a warning', async () => {
    fake.faults.add({ match: { path }, fault: { primaryRateLimit: true, resetInSeconds: 2 } })
    const log = collectingLogger()
    await getRepo(fakeClient(fake, log))
    expect(hits()).toBe(2)
    expect(log.lines.filter((line) => line.startsWith('warning'))).toEqual([
      expect.stringMatching(
        /^warning: GitHub rate limit hit by GET \/repos\/\{owner\}\/\{repo\}: retrying in [234] s \(retry 1 of 2\)\.$/,
      ),
    ])
  })

  it('retries a rate limit at most twice', async () => {
    fake.faults.add({
      match: { path, times: Infinity },
      fault: { secondaryRateLimit: true, retryAfter: 1 },
    })
    const log = collectingLogger()
    const error = await getRepo(fakeClient(fake, log)).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ status: 403 })
    expect(hits()).toBe(3)
    expect(log.lines.filter((line) => line.startsWith('warning'))).toHaveLength(3)
    expect(log.lines.at(-1)).toBe(
      'warning: GitHub secondary rate limit hit by GET /repos/{owner}/{repo}: giving up after 2 retries (the limit resets in 1 s).',
    )
  })

  it('does not wait more than a minute for a rate limit, and the error says when it resets', async () => {
    fake.faults.add({ match: { path }, fault: { primaryRateLimit: true, resetInSeconds: 3600 } })
    const log = collectingLogger()
    const error = await getRepo(fakeClient(fake, log)).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ status: 403 })
    expect(hits()).toBe(1)
    expect(log.lines.at(-1)).toMatch(
      /giving up after 0 retries \(the limit resets in 360[01] s\)\.$/,
    )
    const line = explainGitHubError(error, {
      repository: 'acme/infra',
      action: 'list issues',
      now: new Date(),
    })
    expect(line).toMatch(
      /the token's GitHub API rate limit is used up; it resets at \S+Z \(in 60 min\)/,
    )
  })
})

describe('fetchFor', () => {
  afterEach(() => vi.unstubAllEnvs())

  it("uses node's own fetch when no proxy is set for the API", () => {
    vi.stubEnv('https_proxy', '')
    vi.stubEnv('HTTPS_PROXY', '')
    expect(fetchFor('https://api.github.com')).toBe(globalThis.fetch)
  })

  it('goes through the proxy-aware fetch when the runner sets one, unless NO_PROXY says not', () => {
    vi.stubEnv('https_proxy', '')
    vi.stubEnv('HTTPS_PROXY', 'http://proxy.internal:3128')
    vi.stubEnv('no_proxy', '')
    vi.stubEnv('NO_PROXY', '')
    expect(fetchFor('https://api.github.com')).not.toBe(globalThis.fetch)
    vi.stubEnv('NO_PROXY', 'api.github.com')
    expect(fetchFor('https://api.github.com')).toBe(globalThis.fetch)
    // A local fake is never proxied.
    vi.stubEnv('NO_PROXY', '')
    expect(fetchFor('http://127.0.0.1:8080')).toBe(globalThis.fetch)
  })
})
