import type { components } from '@octokit/openapi-types'

type Schemas = components['schemas']

/** What a handler answers; the server adds the headers every GitHub response carries. */
export type Reply = { status: number; body?: unknown; headers?: Record<string, string> }

/** One entry of a 422's `errors` list. */
export type ValidationItem = NonNullable<Schemas['validation-error']['errors']>[number]

/** The documentation URL GitHub gives when no page is more specific. */
export const REST_DOCS = 'https://docs.github.com/rest'

/** A JSON reply. */
export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers === undefined ? { status, body } : { status, body, headers }
}

/** An error reply shaped like GitHub's `basic-error` (message, documentation_url, status). */
export function fail(
  status: number,
  message: string,
  docs: string = REST_DOCS,
  headers?: Record<string, string>,
): Reply {
  const body = {
    message,
    documentation_url: docs,
    status: String(status),
  } satisfies Schemas['basic-error']
  return json(status, body, headers)
}

/** A 404 as GitHub sends it for anything it will not admit exists. */
export function notFound(docs: string = REST_DOCS): Reply {
  return fail(404, 'Not Found', docs)
}

/** A 422 `Validation Failed` with its `errors` list. */
export function validationFailed(docs: string, errors: ValidationItem[]): Reply {
  const body = {
    message: 'Validation Failed',
    errors,
    documentation_url: docs,
    status: '422',
  } satisfies Schemas['validation-error'] & { status: string }
  return json(422, body)
}

/** A timestamp as GitHub writes it: ISO 8601, UTC, whole seconds. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** One page of a list and the `Link` header that leads to the others. */
export type Page<T> = { items: T[]; headers: Record<string, string> }

/** GitHub's page size rules: default 30, at most 100. */
export function readPerPage(query: URLSearchParams): number {
  const raw = Number.parseInt(query.get('per_page') ?? '', 10)
  if (!Number.isFinite(raw) || raw < 1) return 30
  return Math.min(raw, 100)
}

function readPage(query: URLSearchParams): number {
  const raw = Number.parseInt(query.get('page') ?? '', 10)
  return Number.isFinite(raw) && raw >= 1 ? raw : 1
}

/**
 * Slices `items` by `page`/`per_page` and writes a `Link` header with absolute URLs on `origin`,
 * keeping the request's other query parameters, in GitHub's order: prev, next, last, first.
 */
export function paginate<T>(
  items: T[],
  origin: string,
  rawPath: string,
  query: URLSearchParams,
): Page<T> {
  const perPage = readPerPage(query)
  const page = readPage(query)
  const lastPage = Math.max(1, Math.ceil(items.length / perPage))
  const slice = items.slice((page - 1) * perPage, page * perPage)
  const link = (target: number, rel: string): string => {
    const params = new URLSearchParams(query)
    params.set('per_page', String(perPage))
    params.set('page', String(target))
    return `<${origin}${rawPath}?${params.toString()}>; rel="${rel}"`
  }
  const links: string[] = []
  if (page > 1) links.push(link(Math.min(page - 1, lastPage), 'prev'))
  if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'))
  if (page > 1) links.push(link(1, 'first'))
  return { items: slice, headers: links.length === 0 ? {} : { link: links.join(', ') } }
}

/** A string's length in characters (code points), the unit of GitHub's size limits. */
export function characterCount(text: string): number {
  return Array.from(text).length
}

/** GitHub's limit on issue, pull request and comment bodies. */
export const MAX_BODY_CHARACTERS = 65_536
