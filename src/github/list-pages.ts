import type { GitHubClient } from './client.js'

/** The route and parameters of a listing's first page (`GET /repos/{owner}/{repo}/issues`, …). */
export type ListRequest = { url: string } & Record<string, string | number>

type Page = { items: unknown[]; next: string | null }

/**
 * The pages of a paginated GET listing, in order, following GitHub's `Link: <…>; rel="next"`
 * as `client.paginate` does. The next page's request is on its way before this page is handed
 * out, so the caller's work on a page runs while GitHub serves the next; never more than one
 * request is in flight, as GitHub asks. (Octokit's retry and rate-limit plugins take several
 * turns of the event loop before a request leaves; a caller busy with a page would hold it back
 * that long, so the generator waits until it has left.) The body is read with the platform's
 * `JSON.parse`: Octokit's own parser keeps integers beyond 2^53 exact, which no field infra-log
 * reads needs, at several times the cost on Node 20.
 */
export async function* listPages(
  client: GitHubClient,
  request: ListRequest,
): AsyncGenerator<unknown[], void, undefined> {
  let next: Pending | null = startPage(client, request)
  while (next !== null) {
    const page: Page = await next.page
    next = page.next === null ? null : startPage(client, { url: page.next })
    await next?.sent
    yield page.items
  }
}

type Pending = {
  page: Promise<Page>
  /** Settles once the request has been handed to `fetch` (or has failed before that). */
  sent: Promise<void>
}

function startPage(client: GitHubClient, request: ListRequest): Pending {
  let markSent!: () => void
  const sent = new Promise<void>((resolve) => {
    markSent = resolve
  })
  const page = requestPage(client, request, () => markSent())
  // Also what keeps a request whose page nobody awaits (the caller stopped) from going unhandled.
  const settled = page.then(
    () => undefined,
    () => undefined,
  )
  return { page, sent: Promise.race([sent, settled]) }
}

async function requestPage(
  client: GitHubClient,
  request: ListRequest,
  onSent: () => void,
): Promise<Page> {
  const { url, ...parameters } = request
  const fetch = (client.request.endpoint.DEFAULTS.request?.fetch ??
    globalThis.fetch) as typeof globalThis.fetch
  // The body of a successful answer is read here, where the fetch's own Response is still held:
  // Octokit would hand back only its stream, which undici cancels once that Response has been
  // garbage-collected ("Response body object should not be disturbed or locked"). Octokit gets a
  // Response with the same status and headers, and reads error answers itself as always.
  let answer: { url: string; text: string } | undefined
  const response = await client.request(`GET ${url}`, {
    ...parameters,
    request: {
      parseSuccessResponseBody: false,
      fetch: async (...args: Parameters<typeof globalThis.fetch>) => {
        onSent()
        const fetched = await fetch(...args)
        if (!fetched.ok) return fetched
        answer = { url: fetched.url, text: await fetched.text() }
        return new Response(null, {
          status: fetched.status,
          statusText: fetched.statusText,
          headers: fetched.headers,
        })
      },
    },
  })
  if (answer === undefined) throw new Error(`GitHub answered GET ${url} with no body`)
  return { items: parseItems(answer.text, answer.url), next: nextLink(response.headers.link) }
}

function parseItems(text: string, url: string): unknown[] {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new Error(`GitHub answered ${url} with a body that is not JSON: ${text.slice(0, 200)}`)
  }
  if (!Array.isArray(body)) {
    throw new Error(`GitHub answered ${url} with ${describe(body)} where a list was expected`)
  }
  return body
}

function describe(body: unknown): string {
  if (body === null) return 'null'
  if (typeof body === 'object') return `an object (${Object.keys(body).slice(0, 5).join(', ')})`
  return `a ${typeof body}`
}

/** The `rel="next"` address of a `Link` header, as Octokit's paginate reads it. */
export function nextLink(link: string | undefined): string | null {
  return /<([^<>]+)>;\s*rel="next"/.exec(link ?? '')?.[1] ?? null
}
