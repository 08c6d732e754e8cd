import { buildPull, buildPullSimple } from './pull-shapes.js'
import type { FakeRepo, IssueRecord } from './repo-state.js'
import {
  characterCount,
  fail,
  json,
  MAX_BODY_CHARACTERS,
  notFound,
  paginate,
  timestamp,
  validationFailed,
  type Reply,
} from './reply.js'
import { fields, type Route, type RouteContext } from './router.js'

const DOCS = 'https://docs.github.com/rest/pulls'

function bodyTooLong(docs: string): Reply {
  // GitHub keeps a pull request's body on its issue, and names that resource in the error.
  return validationFailed(docs, [
    {
      resource: 'Issue',
      code: 'custom',
      field: 'body',
      message: `body is too long (maximum is ${MAX_BODY_CHARACTERS} characters)`,
    },
  ])
}

/** `owner:branch` or `branch`; undefined when the owner is not this repository's (forks are not modelled). */
function parseHead(repo: FakeRepo, head: string): { owner: string; ref: string } | undefined {
  const colon = head.indexOf(':')
  if (colon < 0) return { owner: repo.owner, ref: head }
  const owner = head.slice(0, colon)
  if (owner.toLowerCase() !== repo.owner.toLowerCase()) return undefined
  return { owner: repo.owner, ref: head.slice(colon + 1) }
}

function pullRecords(repo: FakeRepo): IssueRecord[] {
  return [...repo.issueRecords.values()].filter((record) => record.pull !== undefined)
}

function openDuplicate(
  repo: FakeRepo,
  headRef: string,
  baseRef: string,
  except?: number,
): IssueRecord | undefined {
  return pullRecords(repo).find(
    (record) =>
      record.state === 'open' &&
      record.number !== except &&
      record.pull?.headRef === headRef &&
      record.pull.baseRef === baseRef,
  )
}

function alreadyExists(docs: string, repo: FakeRepo, headRef: string): Reply {
  return validationFailed(docs, [
    {
      resource: 'PullRequest',
      code: 'custom',
      message: `A pull request already exists for ${repo.owner}:${headRef}.`,
    },
  ])
}

/** `GET /pulls`: `head` filters only in `owner:branch` form; a bare branch is ignored, as on GitHub. */
function listPulls({ world, repo, query, rawPath, docs }: RouteContext): Reply {
  const state = query.get('state') ?? 'open'
  if (!['open', 'closed', 'all'].includes(state)) {
    return validationFailed(docs, [{ resource: 'PullRequest', field: 'state', code: 'invalid' }])
  }
  const head = query.get('head')
  const headFilter = head !== null && head.includes(':') ? parseHead(repo, head) : undefined
  const headIsForeign = head !== null && head.includes(':') && headFilter === undefined
  const base = query.get('base')
  const sort = query.get('sort') ?? 'created'
  const direction = query.get('direction') ?? (sort === 'created' ? 'desc' : 'asc')
  const key = (record: IssueRecord) =>
    Date.parse(sort === 'updated' ? record.updatedAt : record.createdAt)
  const sign = direction === 'asc' ? 1 : -1
  // A head on another owner names a fork, which this fake does not model: nothing matches.
  const candidates = headIsForeign ? [] : pullRecords(repo)
  const matching = candidates
    .filter((record) => state === 'all' || record.state === state)
    .filter((record) => headFilter === undefined || record.pull?.headRef === headFilter.ref)
    .filter((record) => base === null || record.pull?.baseRef === base)
    .sort((a, b) => sign * (key(a) - key(b) || a.number - b.number))
  const page = paginate(matching, world.url, rawPath, query)
  return json(
    200,
    page.items.map((record) => buildPullSimple(world, repo, record)),
    page.headers,
  )
}

function createPull({ world, repo, body, docs }: RouteContext): Reply {
  if (!repo.allowActionsToCreatePullRequests) {
    return fail(403, 'GitHub Actions is not permitted to create or approve pull requests.', docs)
  }
  const input = fields(body)
  const missing = (['title', 'head', 'base'] as const).filter(
    (field) => typeof input[field] !== 'string' || input[field] === '',
  )
  if (missing.length > 0) {
    return validationFailed(
      docs,
      missing.map((field) => ({ resource: 'PullRequest', code: 'missing_field', field })),
    )
  }
  const title = input.title as string
  const head = input.head as string
  const base = input.base as string
  const text = typeof input.body === 'string' ? input.body : null
  if (text !== null && characterCount(text) > MAX_BODY_CHARACTERS) return bodyTooLong(docs)
  const baseSha = repo.branchSha(base)
  if (baseSha === undefined) {
    return validationFailed(docs, [{ resource: 'PullRequest', field: 'base', code: 'invalid' }])
  }
  const parsedHead = parseHead(repo, head)
  const headSha = parsedHead === undefined ? undefined : repo.branchSha(parsedHead.ref)
  if (parsedHead === undefined || headSha === undefined) {
    return validationFailed(docs, [{ resource: 'PullRequest', field: 'head', code: 'invalid' }])
  }
  if (openDuplicate(repo, parsedHead.ref, base) !== undefined) {
    return alreadyExists(docs, repo, parsedHead.ref)
  }
  if (repo.git.isAncestor(headSha, baseSha)) {
    return validationFailed(docs, [
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `No commits between ${base} and ${head}`,
      },
    ])
  }
  const now = timestamp(world.now())
  const record: IssueRecord = {
    id: world.nextId(),
    number: repo.nextNumber(),
    title,
    body: text,
    state: 'open',
    stateReason: null,
    labels: [],
    user: world.user(world.actor).login,
    authorAssociation: 'NONE',
    assignees: [],
    locked: false,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    pull: {
      headOwner: parsedHead.owner,
      headRef: parsedHead.ref,
      baseRef: base,
      headSha,
      baseSha,
      draft: input.draft === true,
      mergedAt: null,
      mergeCommitSha: null,
      mergedBy: null,
      requestedReviewers: [],
      requestedTeams: [],
    },
  }
  repo.issueRecords.set(record.number, record)
  return json(201, buildPull(world, repo, record), {
    location: `${world.url}/repos/${repo.fullName}/pulls/${record.number}`,
  })
}

function findPull(repo: FakeRepo, param: string | undefined): IssueRecord | undefined {
  const record = repo.issueRecords.get(Number(param))
  return record?.pull === undefined ? undefined : record
}

function getPull({ world, repo, params, docs }: RouteContext): Reply {
  const record = findPull(repo, params[0])
  if (record === undefined) return notFound(docs)
  return json(200, buildPull(world, repo, record))
}

function updatePull({ world, repo, params, body, docs }: RouteContext): Reply {
  const record = findPull(repo, params[0])
  const pull = record?.pull
  if (record === undefined || pull === undefined) return notFound(docs)
  const input = fields(body)
  if (typeof input.body === 'string' && characterCount(input.body) > MAX_BODY_CHARACTERS) {
    return bodyTooLong(docs)
  }
  if (input.state !== undefined && input.state !== 'open' && input.state !== 'closed') {
    return validationFailed(docs, [{ resource: 'PullRequest', field: 'state', code: 'invalid' }])
  }
  const base = typeof input.base === 'string' ? input.base : pull.baseRef
  if (repo.branchSha(base) === undefined) {
    return validationFailed(docs, [{ resource: 'PullRequest', field: 'base', code: 'invalid' }])
  }
  const state = (input.state as 'open' | 'closed' | undefined) ?? record.state
  if (state === 'open' && record.state === 'closed') {
    if (pull.mergedAt !== null) {
      return validationFailed(docs, [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: 'Cannot reopen a merged pull request.',
        },
      ])
    }
    if (repo.branchSha(pull.headRef) === undefined) {
      return validationFailed(docs, [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: 'state cannot be changed. The branch was deleted.',
        },
      ])
    }
  }
  if (state === 'open' && openDuplicate(repo, pull.headRef, base, record.number) !== undefined) {
    return alreadyExists(docs, repo, pull.headRef)
  }
  const now = timestamp(world.now())
  if (typeof input.title === 'string') record.title = input.title
  if (typeof input.body === 'string' || input.body === null) record.body = input.body
  pull.baseRef = base
  if (state !== record.state) {
    // Freeze the shas at the moment of closing; reopening follows the branches again.
    repo.refreshPull(record)
    record.state = state
    record.closedAt = state === 'closed' ? now : null
  }
  record.updatedAt = now
  return json(200, buildPull(world, repo, record))
}

function stringList(value: unknown): string[] | undefined {
  if (value === undefined) return []
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
    ? (value as string[])
    : undefined
}

function requestReviewers({ world, repo, params, body, docs }: RouteContext): Reply {
  const record = findPull(repo, params[0])
  const pull = record?.pull
  if (record === undefined || pull === undefined) return notFound(docs)
  const input = fields(body)
  const reviewers = stringList(input.reviewers)
  const teams = stringList(input.team_reviewers)
  if (reviewers === undefined || teams === undefined) {
    return validationFailed(docs, [
      { resource: 'PullRequest', code: 'invalid', field: 'reviewers' },
    ])
  }
  if (reviewers.some((login) => login.toLowerCase() === record.user.toLowerCase())) {
    return fail(422, 'Review cannot be requested from pull request author.', docs)
  }
  const outsider =
    reviewers.some((login) => repo.collaborators !== undefined && !repo.collaborators.has(login)) ||
    teams.some((slug) => repo.teams !== undefined && !repo.teams.has(slug))
  if (outsider) {
    return fail(
      422,
      'Reviews may only be requested from collaborators. One or more of the users or teams you ' +
        `specified is not a collaborator of the ${repo.fullName} repository.`,
      docs,
    )
  }
  for (const login of reviewers) {
    if (!pull.requestedReviewers.includes(login))
      pull.requestedReviewers.push(world.user(login).login)
  }
  for (const slug of teams) {
    if (!pull.requestedTeams.includes(slug)) pull.requestedTeams.push(slug)
  }
  record.updatedAt = timestamp(world.now())
  return json(201, buildPullSimple(world, repo, record))
}

/** Pull request endpoints. */
export const pullRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/pulls$/,
    docs: `${DOCS}/pulls#list-pull-requests`,
    access: { level: 'read', scopes: ['pull_requests'] },
    handle: listPulls,
  },
  {
    method: 'POST',
    pattern: /^\/pulls$/,
    docs: `${DOCS}/pulls#create-a-pull-request`,
    access: { level: 'write', scopes: ['pull_requests'] },
    handle: createPull,
  },
  {
    method: 'GET',
    pattern: /^\/pulls\/(\d+)$/,
    docs: `${DOCS}/pulls#get-a-pull-request`,
    access: { level: 'read', scopes: ['pull_requests'] },
    handle: getPull,
  },
  {
    method: 'PATCH',
    pattern: /^\/pulls\/(\d+)$/,
    docs: `${DOCS}/pulls#update-a-pull-request`,
    access: { level: 'write', scopes: ['pull_requests'] },
    handle: updatePull,
  },
  {
    method: 'POST',
    pattern: /^\/pulls\/(\d+)\/requested_reviewers$/,
    docs: `${DOCS}/review-requests#request-reviewers-for-a-pull-request`,
    access: { level: 'write', scopes: ['pull_requests'] },
    handle: requestReviewers,
  },
]
