import { gitRoutes } from './git-routes.js'
import { issueRoutes } from './issue-routes.js'
import { pullRoutes } from './pull-routes.js'
import type { FakeRepo } from './repo-state.js'
import { fail, json, notFound, type Reply } from './reply.js'
import { buildFullRepository } from './shapes.js'
import type { FakeWorld, TokenPermissions } from './world.js'

/** What a repository route handler is given. */
export type RouteContext = {
  world: FakeWorld
  repo: FakeRepo
  /** The pattern's captures, percent-decoded. */
  params: string[]
  query: URLSearchParams
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown
  /** The path as sent (still percent-encoded), for `Link` URLs. */
  rawPath: string
  /** The route's documentation URL, for its error bodies. */
  docs: string
}

/** The permission a route needs: any one of `scopes` at `level` or higher. */
export type Access = { level: 'read' | 'write'; scopes: Array<keyof TokenPermissions> }

/** One endpoint under `/repos/{owner}/{repo}`. */
export type Route = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  /** Matched against the path after `/repos/{owner}/{repo}`, still percent-encoded. */
  pattern: RegExp
  docs: string
  access: Access | ((context: RouteContext) => Access)
  handle: (context: RouteContext) => Reply
}

const repoRoute: Route = {
  method: 'GET',
  pattern: /^$/,
  docs: 'https://docs.github.com/rest/repos/repos#get-a-repository',
  access: { level: 'read', scopes: ['contents', 'issues', 'pull_requests'] },
  handle: ({ world, repo }) => json(200, buildFullRepository(world, repo)),
}

const routes: Route[] = [repoRoute, ...issueRoutes, ...pullRoutes, ...gitRoutes]

/** Everything about a request the router needs. */
export type RoutedRequest = {
  method: string
  rawPath: string
  query: URLSearchParams
  body: unknown
}

/** Finds the repository and the route for a request and runs it, or answers 404/403. */
export function routeRequest(
  world: FakeWorld,
  repos: Map<string, FakeRepo>,
  request: RoutedRequest,
): Reply {
  const top = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(request.rawPath)
  if (top === null) return notFound()
  const fullName = `${decode(top[1] ?? '')}/${decode(top[2] ?? '')}`
  const repo = repos.get(fullName.toLowerCase())
  if (repo === undefined) return notFound(repoRoute.docs)
  const rest = top[3] ?? ''
  for (const route of routes) {
    if (route.method !== request.method) continue
    const match = route.pattern.exec(rest)
    if (match === null) continue
    const context: RouteContext = {
      world,
      repo,
      params: match.slice(1).map((param) => decode(param ?? '')),
      query: request.query,
      body: request.body,
      rawPath: request.rawPath,
      docs: route.docs,
    }
    const access = typeof route.access === 'function' ? route.access(context) : route.access
    const denied = checkAccess(repo, access, route.docs)
    return denied ?? route.handle(context)
  }
  return notFound()
}

const rank = { none: 0, read: 1, write: 2 }

function checkAccess(repo: FakeRepo, access: Access, docs: string): Reply | undefined {
  const allowed = access.scopes.some(
    (scope) => rank[repo.tokenPermissions[scope]] >= rank[access.level],
  )
  if (allowed) return undefined
  // GitHub names the permissions that would have worked in this header.
  const accepted = access.scopes.map((scope) => `${scope}=${access.level}`).join('; ')
  return fail(403, 'Resource not accessible by integration', docs, {
    'x-accepted-github-permissions': accepted,
  })
}

/** Percent-decodes a path piece, leaving malformed escapes as they are. */
export function decode(piece: string): string {
  try {
    return decodeURIComponent(piece)
  } catch {
    return piece
  }
}

/** The body as an object of fields; arrays and scalars give an empty object. */
export function fields(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {}
}

/** GitHub's answer when a required body field is missing or of the wrong type. */
export function invalidRequest(docs: string, problem: string): Reply {
  return fail(422, `Invalid request.\n\n${problem}`, docs)
}
