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
import { fields, type Access, type Route, type RouteContext } from './router.js'
import { buildComment, buildIssue, buildLabel } from './shapes.js'

const DOCS = 'https://docs.github.com/rest/issues'

/** Issue writes need `issues: write`; on a pull request's number `pull_requests: write` also does. */
function issueAccess(level: Access['level']) {
  return ({ repo, params }: RouteContext): Access => {
    const number = Number(params[0])
    const isPull = repo.issueRecords.get(number)?.pull !== undefined
    return { level, scopes: isPull ? ['issues', 'pull_requests'] : ['issues'] }
  }
}

function commentAccess(level: Access['level']) {
  return ({ repo, params }: RouteContext): Access => {
    const comment = repo.commentRecords.find((c) => c.id === Number(params[0]))
    const isPull =
      comment !== undefined && repo.issueRecords.get(comment.issueNumber)?.pull !== undefined
    return { level, scopes: isPull ? ['issues', 'pull_requests'] : ['issues'] }
  }
}

function findIssue(repo: FakeRepo, param: string | undefined): IssueRecord | undefined {
  return repo.issueRecords.get(Number(param))
}

function parseSince(
  query: URLSearchParams,
  docs: string,
  resource: string,
): number | Reply | undefined {
  const since = query.get('since')
  if (since === null) return undefined
  const parsed = Date.parse(since)
  if (Number.isNaN(parsed)) {
    return validationFailed(docs, [{ resource, field: 'since', code: 'invalid', value: since }])
  }
  return parsed
}

function bodyTooLong(docs: string, resource: string): Reply {
  return validationFailed(docs, [
    {
      resource,
      code: 'custom',
      field: 'body',
      message: `body is too long (maximum is ${MAX_BODY_CHARACTERS} characters)`,
    },
  ])
}

/** `GET /repos/{o}/{r}/issues`: filters, sorting and pagination as GitHub applies them. */
function listIssues({ world, repo, query, rawPath }: RouteContext): Reply {
  const docs = `${DOCS}/issues#list-repository-issues`
  const state = query.get('state') ?? 'open'
  if (!['open', 'closed', 'all'].includes(state)) {
    return validationFailed(docs, [{ resource: 'Issue', field: 'state', code: 'invalid' }])
  }
  const sort = query.get('sort') ?? 'created'
  if (!['created', 'updated', 'comments'].includes(sort)) {
    return validationFailed(docs, [{ resource: 'Issue', field: 'sort', code: 'invalid' }])
  }
  const direction = query.get('direction') ?? 'desc'
  if (direction !== 'asc' && direction !== 'desc') {
    return validationFailed(docs, [{ resource: 'Issue', field: 'direction', code: 'invalid' }])
  }
  const since = parseSince(query, docs, 'Issue')
  if (typeof since === 'object') return since
  // Comma-separated labels must all be present (AND), compared without regard to case.
  const wanted = (query.get('labels') ?? '')
    .split(',')
    .map((label) => label.trim().toLowerCase())
    .filter((label) => label !== '')
  const commentCount = (number: number) =>
    repo.commentRecords.filter((c) => c.issueNumber === number).length
  const key = (record: IssueRecord): number =>
    sort === 'created'
      ? Date.parse(record.createdAt)
      : sort === 'updated'
        ? Date.parse(record.updatedAt)
        : commentCount(record.number)
  const sign = direction === 'asc' ? 1 : -1
  const matching = [...repo.issueRecords.values()]
    .filter((record) => state === 'all' || record.state === state)
    .filter((record) => since === undefined || Date.parse(record.updatedAt) >= since)
    .filter((record) => {
      const names = new Set(record.labels.map((label) => label.toLowerCase()))
      return wanted.every((label) => names.has(label))
    })
    .sort((a, b) => sign * (key(a) - key(b) || a.number - b.number))
  const page = paginate(matching, world.url, rawPath, query)
  return json(
    200,
    page.items.map((record) => buildIssue(world, repo, record)),
    page.headers,
  )
}

function getIssue({ world, repo, params }: RouteContext): Reply {
  const record = findIssue(repo, params[0])
  if (record === undefined) return notFound(`${DOCS}/issues#get-an-issue`)
  return json(200, buildIssue(world, repo, record))
}

function listComments({ world, repo, params, query, rawPath, docs }: RouteContext): Reply {
  const record = findIssue(repo, params[0])
  if (record === undefined) return notFound(docs)
  const since = parseSince(query, docs, 'IssueComment')
  if (typeof since === 'object') return since
  const comments = repo.commentRecords.filter(
    (c) =>
      c.issueNumber === record.number && (since === undefined || Date.parse(c.updatedAt) >= since),
  )
  const page = paginate(comments, world.url, rawPath, query)
  return json(
    200,
    page.items.map((c) => buildComment(world, repo, c)),
    page.headers,
  )
}

function readCommentBody(body: unknown, docs: string): string | Reply {
  const text = fields(body).body
  if (typeof text !== 'string' || text === '') {
    return validationFailed(docs, [
      { resource: 'IssueComment', code: 'missing_field', field: 'body' },
    ])
  }
  if (characterCount(text) > MAX_BODY_CHARACTERS) return bodyTooLong(docs, 'IssueComment')
  return text
}

function createComment({ world, repo, params, body, docs }: RouteContext): Reply {
  const record = findIssue(repo, params[0])
  if (record === undefined) return notFound(docs)
  if (record.locked) return fail(403, 'Unable to create comment because issue is locked.', docs)
  const text = readCommentBody(body, docs)
  if (typeof text !== 'string') return text
  const comment = repo.addComment(record.number, text, {
    user: world.actor,
    author_association: 'NONE',
  })
  return json(201, comment)
}

function updateComment({ world, repo, params, body, docs }: RouteContext): Reply {
  const comment = repo.commentRecords.find((c) => c.id === Number(params[0]))
  if (comment === undefined) return notFound(docs)
  const text = readCommentBody(body, docs)
  if (typeof text !== 'string') return text
  comment.body = text
  comment.updatedAt = timestamp(world.now())
  return json(200, buildComment(world, repo, comment))
}

function deleteComment({ repo, params, docs }: RouteContext): Reply {
  const index = repo.commentRecords.findIndex((c) => c.id === Number(params[0]))
  if (index < 0) return notFound(docs)
  repo.commentRecords.splice(index, 1)
  return { status: 204 }
}

/** The label names in a labels body: `{labels: [...]}` or a bare array, of names or `{name}`. */
function readLabelNames(body: unknown): string[] | undefined {
  const list = Array.isArray(body) ? body : fields(body).labels
  if (!Array.isArray(list)) return undefined
  const names: string[] = []
  for (const item of list) {
    if (typeof item === 'string') names.push(item)
    else if (typeof fields(item).name === 'string') names.push(fields(item).name as string)
    else return undefined
  }
  return names
}

function addLabels({ world, repo, params, body, docs }: RouteContext): Reply {
  const record = findIssue(repo, params[0])
  if (record === undefined) return notFound(docs)
  const names = readLabelNames(body)
  if (names === undefined) {
    return validationFailed(docs, [{ resource: 'Label', code: 'invalid', field: 'labels' }])
  }
  const present = new Set(record.labels.map((label) => label.toLowerCase()))
  for (const name of names) {
    // GitHub creates labels the repository does not have yet.
    const label = repo.labelRecord(name)
    if (!present.has(label.name.toLowerCase())) record.labels.push(label.name)
    present.add(label.name.toLowerCase())
  }
  record.updatedAt = timestamp(world.now())
  return json(
    200,
    record.labels.map((name) => buildLabel(world, repo, repo.labelRecord(name))),
  )
}

function removeLabel({ world, repo, params, docs }: RouteContext): Reply {
  const record = findIssue(repo, params[0])
  if (record === undefined) return notFound(docs)
  const wanted = (params[1] ?? '').toLowerCase()
  const index = record.labels.findIndex((label) => label.toLowerCase() === wanted)
  if (index < 0) return fail(404, 'Label does not exist', docs)
  record.labels.splice(index, 1)
  record.updatedAt = timestamp(world.now())
  return json(
    200,
    record.labels.map((name) => buildLabel(world, repo, repo.labelRecord(name))),
  )
}

function addAssignees({ world, repo, params, body, docs }: RouteContext): Reply {
  const record = findIssue(repo, params[0])
  if (record === undefined) return notFound(docs)
  const list = fields(body).assignees
  if (list !== undefined && !(Array.isArray(list) && list.every((a) => typeof a === 'string'))) {
    return validationFailed(docs, [{ resource: 'Issue', code: 'invalid', field: 'assignees' }])
  }
  // GitHub silently leaves out logins that cannot be assigned.
  const assignable = ((list ?? []) as string[]).filter(
    (login) => repo.collaborators === undefined || repo.collaborators.has(login),
  )
  for (const login of assignable) {
    if (!record.assignees.some((a) => a.toLowerCase() === login.toLowerCase())) {
      record.assignees.push(world.user(login).login)
    }
  }
  record.updatedAt = timestamp(world.now())
  return json(201, buildIssue(world, repo, record))
}

/** Issue, comment, label and assignee endpoints. */
export const issueRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/issues$/,
    docs: `${DOCS}/issues#list-repository-issues`,
    access: { level: 'read', scopes: ['issues'] },
    handle: listIssues,
  },
  {
    method: 'GET',
    pattern: /^\/issues\/(\d+)$/,
    docs: `${DOCS}/issues#get-an-issue`,
    access: issueAccess('read'),
    handle: getIssue,
  },
  {
    method: 'GET',
    pattern: /^\/issues\/(\d+)\/comments$/,
    docs: `${DOCS}/comments#list-issue-comments`,
    access: issueAccess('read'),
    handle: listComments,
  },
  {
    method: 'POST',
    pattern: /^\/issues\/(\d+)\/comments$/,
    docs: `${DOCS}/comments#create-an-issue-comment`,
    access: issueAccess('write'),
    handle: createComment,
  },
  {
    method: 'PATCH',
    pattern: /^\/issues\/comments\/(\d+)$/,
    docs: `${DOCS}/comments#update-an-issue-comment`,
    access: commentAccess('write'),
    handle: updateComment,
  },
  {
    method: 'DELETE',
    pattern: /^\/issues\/comments\/(\d+)$/,
    docs: `${DOCS}/comments#delete-an-issue-comment`,
    access: commentAccess('write'),
    handle: deleteComment,
  },
  {
    method: 'POST',
    pattern: /^\/issues\/(\d+)\/labels$/,
    docs: `${DOCS}/labels#add-labels-to-an-issue`,
    access: issueAccess('write'),
    handle: addLabels,
  },
  {
    method: 'DELETE',
    pattern: /^\/issues\/(\d+)\/labels\/([^/]+)$/,
    docs: `${DOCS}/labels#remove-a-label-from-an-issue`,
    access: issueAccess('write'),
    handle: removeLabel,
  },
  {
    method: 'POST',
    pattern: /^\/issues\/(\d+)\/assignees$/,
    docs: `${DOCS}/assignees#add-assignees-to-an-issue`,
    access: issueAccess('write'),
    handle: addAssignees,
  },
]
