import { Octokit } from '@octokit/rest'
import type { FakeGitHub } from './index.js'

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }

/** An Octokit pointed at the fake that does not print failed requests. */
export function octokitFor(fake: FakeGitHub, auth: string = fake.token): Octokit {
  return new Octokit({ auth, baseUrl: fake.url, log: silent })
}

/** A clock tests move by hand. */
export function handClock(startIso: string): { now: () => Date; set: (iso: string) => void } {
  let current = new Date(startIso)
  return {
    now: () => current,
    set: (iso) => {
      current = new Date(iso)
    },
  }
}

/** A `Link` header as rel → URL. */
export function parseLink(header: string | undefined): Record<string, URL> {
  const links: Record<string, URL> = {}
  for (const part of (header ?? '').split(',')) {
    const match = /<([^>]+)>;\s*rel="([^"]+)"/.exec(part)
    if (match?.[1] !== undefined && match[2] !== undefined) links[match[2]] = new URL(match[1])
  }
  return links
}

/** A plain fetch against the fake, with the right token unless told otherwise. */
export function rawFetch(
  fake: FakeGitHub,
  path: string,
  init: { method?: string; body?: string; authorization?: string | null } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const authorization =
    init.authorization === undefined ? `token ${fake.token}` : init.authorization
  if (authorization !== null) headers.authorization = authorization
  return fetch(`${fake.url}${path}`, { method: init.method ?? 'GET', body: init.body, headers })
}
