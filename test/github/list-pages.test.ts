import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fetchLabelledIssues } from '../../src/github/fetch-issues.js'
import { listPages, nextLink } from '../../src/github/list-pages.js'
import { startFakeGitHub, type FakeGitHub } from '../fake-github/index.js'
import { fakeClient } from './helpers.js'

let fake: FakeGitHub
const SINCE = '2024-04-10T04:00:00Z'

beforeAll(async () => {
  fake = await startFakeGitHub({ now: () => new Date('2024-05-07T15:00:00Z') })
})
afterAll(async () => fake.close())
beforeEach(() => {
  fake.faults.clear()
  fake.resetRequests()
})

let repoCount = 0
function repoWith(count: number): string {
  repoCount += 1
  const repo = fake.addRepo(`acme/pages-${repoCount}`)
  for (let at = 0; at < count; at++) {
    repo.addIssue({ labels: ['incident'], updated_at: '2024-05-01T12:00:00Z' })
  }
  return repo.fullName
}

function listing(fullName: string) {
  const [owner = '', repo = ''] = fullName.split('/')
  return { url: '/repos/{owner}/{repo}/issues', owner, repo, labels: 'incident', per_page: 100 }
}

async function until(condition: () => boolean, ms = 5_000): Promise<boolean> {
  const end = Date.now() + ms
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5))
  return condition()
}

describe('listPages', () => {
  it('asks for the next page while the caller works on this one, one request at a time', async () => {
    const pages = listPages(fakeClient(fake), listing(repoWith(250)))
    const sizes: number[] = []
    const askedWhileWorking: boolean[] = []
    for await (const items of pages) {
      sizes.push(items.length)
      // The caller is still on this page: the next one's request must reach GitHub meanwhile.
      askedWhileWorking.push(await until(() => fake.requests.length > sizes.length, 2_000))
    }
    expect(sizes).toEqual([100, 100, 50])
    expect(askedWhileWorking).toEqual([true, true, false])
    expect(fake.requests.map((request) => request.query.page ?? '1')).toEqual(['1', '2', '3'])
  })

  it('reads each body before Octokit lets go of the response it came in', async () => {
    const name = repoWith(150)
    // What undici does to the body of a Response that was garbage-collected before it was read.
    const real = globalThis.fetch
    const collecting: typeof fetch = async (...args) => {
      const response = await real(...args)
      setTimeout(() => {
        if (response.body !== null && !response.body.locked) void response.body.cancel()
      }, 0)
      return response
    }
    globalThis.fetch = collecting
    let client
    try {
      client = fakeClient(fake)
    } finally {
      globalThis.fetch = real
    }
    const sizes: number[] = []
    for await (const items of listPages(client, listing(name))) sizes.push(items.length)
    expect(sizes).toEqual([100, 50])
  })

  it('hands out the pages before a failure, then fails with it', async () => {
    const name = repoWith(150)
    fake.faults.add({
      match: { path: `/repos/${name}/issues`, nth: 2, times: Infinity },
      fault: { status: 502 },
    })
    const seen: number[] = []
    await expect(
      (async () => {
        for await (const items of listPages(fakeClient(fake), listing(name))) {
          seen.push(items.length)
        }
      })(),
    ).rejects.toMatchObject({ status: 502 })
    expect(seen).toEqual([100])
  })

  it('leaves no request unhandled when the caller stops early', async () => {
    const name = repoWith(150)
    fake.faults.add({
      match: { path: `/repos/${name}/issues`, nth: 2, times: Infinity },
      fault: { status: 500 },
    })
    for await (const items of listPages(fakeClient(fake), listing(name))) {
      expect(items).toHaveLength(100)
      break
    }
    // The second page's failure arrives after the loop has left; vitest fails the run on an
    // unhandled rejection, so waiting for it is the test.
    expect(await until(() => fake.requests.length >= 3)).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 50))
  })
})

describe('listPages against a server that is not GitHub', () => {
  let server: Server
  let reply: { type: string; body: string } = { type: 'application/json', body: '[]' }
  let baseUrl = ''
  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': reply.type })
      response.end(reply.body)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())))

  async function firstPage(): Promise<unknown[]> {
    const client = fakeClient({ ...fake, url: baseUrl } as FakeGitHub)
    for await (const items of listPages(client, listing('acme/x'))) return items
    return []
  }

  it('names the address when the body is not JSON (a proxy’s login page)', async () => {
    reply = { type: 'text/html', body: '<html><body>Sign in to the proxy</body></html>' }
    await expect(firstPage()).rejects.toThrow(
      /^GitHub answered http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/x\/issues\?labels=incident&per_page=100 with a body that is not JSON: <html><body>Sign in/,
    )
  })

  it('says what came instead of a list', async () => {
    reply = { type: 'application/json', body: '{"message":"Moved","documentation_url":"x"}' }
    await expect(firstPage()).rejects.toThrow(
      /with an object \(message, documentation_url\) where a list was expected$/,
    )
  })

  it('reads a list as it is', async () => {
    reply = { type: 'application/json', body: '[{"number":1},{"number":2}]' }
    expect(await firstPage()).toEqual([{ number: 1 }, { number: 2 }])
  })
})

describe('nextLink', () => {
  it('reads rel="next" wherever it stands in the header', () => {
    expect(
      nextLink(
        '<https://api.github.com/repositories/1/issues?page=1>; rel="prev", <https://api.github.com/repositories/1/issues?page=3>; rel="next", <https://api.github.com/repositories/1/issues?page=9>; rel="last"',
      ),
    ).toBe('https://api.github.com/repositories/1/issues?page=3')
  })

  it('is null on the last page and without the header', () => {
    expect(nextLink('<https://api.github.com/x?page=1>; rel="first"')).toBeNull()
    expect(nextLink(undefined)).toBeNull()
  })
})

describe('fetchLabelledIssues, page by page', () => {
  it('hands each page its new issues as it comes, each issue once', async () => {
    const name = repoWith(230)
    const pages: number[][] = []
    const { issues } = await fetchLabelledIssues({
      client: fakeClient(fake),
      repository: name,
      labels: ['incident'],
      openLabels: ['incident'],
      since: SINCE,
      onPage: (page) => {
        pages.push(page.map((issue) => issue.number))
      },
    })
    // The open listing returns the same issues again: none of them is handed out twice.
    expect(pages.map((page) => page.length)).toEqual([100, 100, 30])
    expect(pages.flat().sort((a, b) => a - b)).toEqual(issues.map((issue) => issue.number))
  })
})
