import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { FaultPlan, faultReply, type Fault } from './faults.js'
import { FakeRepo, type RepoOptions } from './repo-state.js'
import { fail, type Reply } from './reply.js'
import { decode, routeRequest } from './router.js'
import { FakeWorld } from './world.js'

/** One request as the fake saw it. */
export type RecordedRequest = {
  method: string
  /** The percent-decoded path without the query, e.g. `/repos/o/r/git/refs/heads/infra-log/x`. */
  path: string
  query: Record<string, string>
  /** The parsed JSON body; the raw text when it was not JSON; undefined when empty. */
  body: unknown
  /** The status sent; 0 while in flight or when the connection was reset before an answer. */
  status: number
  at: Date
  /** The faults applied to this request, in the order they ran. */
  faults: Fault[]
}

/** A running fake of GitHub's REST API. */
export type FakeGitHub = {
  /** `http://127.0.0.1:PORT`: use as Octokit's `baseUrl` or `GITHUB_API_URL`. */
  url: string
  token: string
  addRepo(fullName: string, options?: RepoOptions): FakeRepo
  /** A repository added before; throws when there is none, so a typo fails loudly. */
  repo(fullName: string): FakeRepo
  /** Every request in arrival order; the array is emptied in place by `resetRequests`. */
  requests: RecordedRequest[]
  resetRequests(): void
  faults: FaultPlan
  close(): Promise<void>
}

/** Options of `startFakeGitHub`. */
export type FakeGitHubOptions = {
  /** The only token accepted (default `fake-token`). */
  token?: string
  /** The clock for timestamps the fake writes (issues, comments, commits). */
  now?: () => Date
  /** Who the token acts as (default `github-actions[bot]`). */
  actor?: string
}

const RATE_LIMIT = 5000

/** Starts the fake on 127.0.0.1 on a free port. */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const token = options.token ?? 'fake-token'
  const world = new FakeWorld(
    token,
    options.actor ?? 'github-actions[bot]',
    options.now ?? (() => new Date()),
  )
  const repos = new Map<string, FakeRepo>()
  const requests: RecordedRequest[] = []
  const faults = new FaultPlan()
  const stopping = new AbortController()
  const rate = new RateWindow()
  let requestCount = 0

  const send = (res: ServerResponse, entry: RecordedRequest, reply: Reply, cut = false): void => {
    requestCount += 1
    const headers: Record<string, string> = {
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': `FAKE:${requestCount}`,
      ...rate.headers(),
      ...reply.headers,
    }
    entry.status = reply.status
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers)
      res.end()
      return
    }
    const text = Buffer.from(JSON.stringify(reply.body), 'utf8')
    headers['content-type'] = 'application/json; charset=utf-8'
    headers['content-length'] = String(text.length)
    res.writeHead(reply.status, headers)
    if (!cut) {
      res.end(text)
      return
    }
    res.write(text.subarray(0, Math.floor(text.length / 2)), () => res.destroy())
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const method = (req.method ?? 'GET').toUpperCase()
    const url = new URL(req.url ?? '/', world.url)
    const parsed = parseBody(text)
    const entry: RecordedRequest = {
      method,
      path: decode(url.pathname),
      query: Object.fromEntries(url.searchParams),
      body: parsed.ok ? parsed.value : text,
      status: 0,
      at: world.now(),
      faults: [],
    }
    requests.push(entry)

    let cutAfterHandling = false
    for (const fault of faults.take(method, entry.path)) {
      entry.faults.push(fault)
      if ('delayMs' in fault) {
        await sleep(fault.delayMs, undefined, { signal: stopping.signal })
      } else if ('before' in fault) {
        await fault.before()
      } else if ('reset' in fault) {
        if (fault.reset !== true) {
          cutAfterHandling = true
          continue
        }
        req.socket.destroy()
        return
      } else {
        const reply = faultReply(fault, Math.floor(Date.now() / 1000))
        if (reply !== undefined) return send(res, entry, reply)
      }
    }

    const reply =
      authorize(req.headers.authorization, token) ??
      (parsed.ok
        ? routeRequest(world, repos, {
            method,
            rawPath: url.pathname,
            query: url.searchParams,
            body: parsed.value,
          })
        : fail(400, 'Problems parsing JSON'))
    send(res, entry, reply, cutAfterHandling)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (stopping.signal.aborted) return
      // A bug in the fake must show up as a failing request, not as a hang.
      const message = error instanceof Error ? error.message : String(error)
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
        res.end(JSON.stringify({ message: `fake-github: ${message}` }))
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  world.url = `http://127.0.0.1:${port}`

  return {
    url: world.url,
    token,
    addRepo(fullName, repoOptions) {
      const key = fullName.toLowerCase()
      if (repos.has(key)) throw new Error(`addRepo: ${fullName} already exists`)
      const repo = new FakeRepo(world, fullName, repoOptions)
      repos.set(key, repo)
      return repo
    },
    repo(fullName) {
      const repo = repos.get(fullName.toLowerCase())
      if (repo === undefined) throw new Error(`repo: ${fullName} was never added`)
      return repo
    },
    requests,
    resetRequests() {
      requests.length = 0
    },
    faults,
    async close() {
      stopping.abort()
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error === undefined ? resolve() : reject(error))),
      )
    },
  }
}

function parseBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

/** 401 unless the header is `token X` or `Bearer X` with the configured token. */
function authorize(header: string | undefined, token: string): Reply | undefined {
  if (header === undefined) return fail(401, 'Requires authentication')
  const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header)
  if (match?.[1] === token) return undefined
  return fail(401, 'Bad credentials')
}

/**
 * The core rate limit's hourly window. It runs on the wall clock, not the fake's `now`, because
 * clients compare `x-ratelimit-reset` with their own `Date.now()`.
 */
class RateWindow {
  private used = 0
  private reset = 0

  headers(): Record<string, string> {
    const nowSeconds = Math.floor(Date.now() / 1000)
    if (nowSeconds >= this.reset) {
      this.reset = nowSeconds + 3600
      this.used = 0
    }
    this.used += 1
    return {
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(Math.max(0, RATE_LIMIT - this.used)),
      'x-ratelimit-reset': String(this.reset),
      'x-ratelimit-used': String(this.used),
      'x-ratelimit-resource': 'core',
    }
  }
}
