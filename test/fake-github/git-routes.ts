import type { GitPerson, TreeChange } from './git-objects.js'
import {
  buildBlob,
  buildBranch,
  buildContentDirectory,
  buildContentFile,
  buildGitCommit,
  buildGitTree,
  buildRef,
  buildShortBlob,
} from './git-shapes.js'
import type { FakeRepo } from './repo-state.js'
import { fail, json, notFound, timestamp, type Reply } from './reply.js'
import { fields, invalidRequest, type Access, type Route, type RouteContext } from './router.js'

const DOCS = 'https://docs.github.com/rest/git'
const READ: Access = { level: 'read', scopes: ['contents'] }
const WRITE: Access = { level: 'write', scopes: ['contents'] }

const SHA = /^[0-9a-f]{40}$/i

function protectedRefError(ref: string, docs: string): Reply {
  return fail(422, `Protected branch update failed for ${ref}.`, docs)
}

function isProtected(repo: FakeRepo, ref: string): boolean {
  return (
    ref.startsWith('refs/heads/') && repo.protectedBranches.has(ref.slice('refs/heads/'.length))
  )
}

function getRef({ world, repo, params, docs }: RouteContext): Reply {
  const ref = `refs/${params[0] ?? ''}`
  const sha = repo.refRecords.get(ref)
  if (sha === undefined) return notFound(docs)
  return json(200, buildRef(world, repo, ref, sha))
}

function createRef({ world, repo, body, docs }: RouteContext): Reply {
  const input = fields(body)
  if (typeof input.ref !== 'string') return invalidRequest(docs, '"ref" wasn\'t supplied.')
  if (typeof input.sha !== 'string') return invalidRequest(docs, '"sha" wasn\'t supplied.')
  const ref = input.ref
  if (!ref.startsWith('refs/') || ref.split('/').length < 3) {
    return fail(422, "Reference name must start with 'refs/' and have at least two slashes.", docs)
  }
  if (repo.refRecords.has(ref)) return fail(422, 'Reference already exists', docs)
  if (repo.git.get(input.sha) === undefined) return fail(422, 'Object does not exist', docs)
  repo.refRecords.set(ref, input.sha.toLowerCase())
  return json(201, buildRef(world, repo, ref, input.sha.toLowerCase()), {
    location: `${world.url}/repos/${repo.fullName}/git/${ref}`,
  })
}

function updateRef({ world, repo, params, body, docs }: RouteContext): Reply {
  const ref = `refs/${params[0] ?? ''}`
  const input = fields(body)
  if (typeof input.sha !== 'string') return invalidRequest(docs, '"sha" wasn\'t supplied.')
  const current = repo.refRecords.get(ref)
  if (current === undefined) return fail(422, 'Reference does not exist', docs)
  const sha = input.sha.toLowerCase()
  if (repo.git.commit(sha) === undefined) return fail(422, 'Object does not exist', docs)
  if (isProtected(repo, ref)) return protectedRefError(ref, docs)
  if (input.force !== true && !repo.git.isAncestor(current, sha)) {
    return fail(422, 'Update is not a fast forward', docs)
  }
  repo.refRecords.set(ref, sha)
  return json(200, buildRef(world, repo, ref, sha))
}

function deleteRef({ repo, params, docs }: RouteContext): Reply {
  const ref = `refs/${params[0] ?? ''}`
  if (!repo.refRecords.has(ref)) return fail(422, 'Reference does not exist', docs)
  if (isProtected(repo, ref)) return protectedRefError(ref, docs)
  repo.refRecords.delete(ref)
  return { status: 204 }
}

function getCommit({ world, repo, params, docs }: RouteContext): Reply {
  const sha = (params[0] ?? '').toLowerCase()
  const commit = repo.git.commit(sha)
  if (commit === undefined) return notFound(docs)
  return json(200, buildGitCommit(world, repo, sha, commit))
}

function readPerson(value: unknown, now: string): GitPerson | undefined | 'invalid' {
  if (value === undefined) return undefined
  const person = fields(value)
  if (typeof person.name !== 'string' || typeof person.email !== 'string') return 'invalid'
  const date = typeof person.date === 'string' ? person.date : now
  if (Number.isNaN(Date.parse(date))) return 'invalid'
  return { name: person.name, email: person.email, date: timestamp(new Date(date)) }
}

function createCommit({ world, repo, body, docs }: RouteContext): Reply {
  const input = fields(body)
  if (typeof input.message !== 'string') return invalidRequest(docs, '"message" wasn\'t supplied.')
  if (typeof input.tree !== 'string') return invalidRequest(docs, '"tree" wasn\'t supplied.')
  const parents = input.parents ?? []
  if (!Array.isArray(parents) || !parents.every((p): p is string => typeof p === 'string')) {
    return invalidRequest(docs, "For 'properties/parents', it is not an array of strings.")
  }
  if (repo.git.tree(input.tree) === undefined) return fail(422, 'Tree SHA does not exist', docs)
  if (parents.some((parent) => repo.git.commit(parent) === undefined)) {
    return fail(422, 'Parent SHA does not exist or is not a commit object', docs)
  }
  const now = timestamp(world.now())
  const author = readPerson(input.author, now)
  const committer = readPerson(input.committer, now)
  if (author === 'invalid' || committer === 'invalid') {
    return invalidRequest(docs, 'author and committer need "name" and "email" strings.')
  }
  const actor = world.user(world.actor)
  const actorPerson: GitPerson = {
    name: actor.login,
    email: `${actor.id}+${actor.login}@users.noreply.github.com`,
    date: now,
  }
  // GitHub signs API commits itself (committer "GitHub") unless the caller names a person.
  const signed = author === undefined && committer === undefined
  const webFlow: GitPerson = { name: 'GitHub', email: 'noreply@github.com', date: now }
  const sha = repo.git.writeCommit({
    tree: input.tree.toLowerCase(),
    parents: parents.map((parent) => parent.toLowerCase()),
    author: author ?? committer ?? actorPerson,
    committer: committer ?? author ?? webFlow,
    message: input.message,
    signed,
  })
  const commit = repo.git.commit(sha)
  if (commit === undefined) throw new Error('commit vanished after writing')
  return json(201, buildGitCommit(world, repo, sha, commit), {
    location: `${world.url}/repos/${repo.fullName}/git/commits/${sha}`,
  })
}

/** A tree, or the tree of a commit, branch or tag: GitHub accepts any tree-ish here. */
function resolveTree(repo: FakeRepo, treeish: string): string | undefined {
  if (repo.git.tree(treeish) !== undefined) return treeish.toLowerCase()
  const sha = repo.resolveRef(treeish)
  return sha === undefined ? undefined : repo.git.commit(sha)?.tree
}

function getTree({ world, repo, params, query, docs }: RouteContext): Reply {
  const tree = resolveTree(repo, params[0] ?? '')
  if (tree === undefined) return notFound(docs)
  // Any value of `recursive` turns recursion on, even "0" or "false", as GitHub documents.
  const entries = repo.git.listTree(tree, query.has('recursive'))
  return json(200, buildGitTree(world, repo, tree, entries))
}

const MODES = new Set(['100644', '100755', '040000', '160000', '120000'])
const TYPES = new Set(['blob', 'tree', 'commit'])

function readTreeEntry(repo: FakeRepo, item: unknown): TreeChange | string {
  const entry = fields(item)
  const path = entry.path
  if (typeof path !== 'string' || path === '') return 'tree.path is missing'
  if (typeof entry.mode !== 'string' || !MODES.has(entry.mode)) {
    return `tree.mode for "${path}" must be one of 100644, 100755, 040000, 160000, 120000`
  }
  if (typeof entry.type !== 'string' || !TYPES.has(entry.type)) {
    return `tree.type for "${path}" must be one of blob, tree, commit`
  }
  const type = entry.type as TreeChange['type']
  const hasContent = typeof entry.content === 'string'
  if (hasContent && entry.sha !== undefined) {
    return `tree entry "${path}" gives both sha and content; give one`
  }
  if (hasContent) {
    if (type !== 'blob') return `tree entry "${path}" has content but is not a blob`
    const sha = repo.git.writeBlob(Buffer.from(entry.content as string, 'utf8'))
    return { path, mode: entry.mode, type, sha }
  }
  if (entry.sha === null) return { path, mode: entry.mode, type, sha: null }
  if (typeof entry.sha !== 'string' || !SHA.test(entry.sha)) {
    return `tree entry "${path}" needs a sha or content`
  }
  const object = repo.git.get(entry.sha)
  if (type !== 'commit' && object?.type !== type) {
    return `tree.sha ${entry.sha} is not a valid ${type}`
  }
  return { path, mode: entry.mode, type, sha: entry.sha.toLowerCase() }
}

function createTree({ world, repo, body, docs }: RouteContext): Reply {
  const input = fields(body)
  if (!Array.isArray(input.tree)) return invalidRequest(docs, '"tree" wasn\'t supplied.')
  let baseTree: string | undefined
  if (input.base_tree !== undefined && input.base_tree !== null) {
    if (typeof input.base_tree !== 'string')
      return invalidRequest(docs, '"base_tree" is not a string.')
    baseTree = resolveTree(repo, input.base_tree)
    if (baseTree === undefined) return fail(404, 'Not Found', docs)
  }
  const changes: TreeChange[] = []
  for (const item of input.tree) {
    const change = readTreeEntry(repo, item)
    if (typeof change === 'string') return fail(422, change, docs)
    changes.push(change)
  }
  const sha = repo.git.editTree(baseTree, changes)
  return json(201, buildGitTree(world, repo, sha, repo.git.listTree(sha, false)), {
    location: `${world.url}/repos/${repo.fullName}/git/trees/${sha}`,
  })
}

function createBlob({ world, repo, body, docs }: RouteContext): Reply {
  const input = fields(body)
  if (typeof input.content !== 'string') return invalidRequest(docs, '"content" wasn\'t supplied.')
  const encoding = input.encoding ?? 'utf-8'
  if (encoding !== 'utf-8' && encoding !== 'base64') {
    return invalidRequest(
      docs,
      `encoding must be "utf-8" or "base64", not ${JSON.stringify(encoding)}.`,
    )
  }
  const bytes = Buffer.from(input.content, encoding === 'base64' ? 'base64' : 'utf8')
  const sha = repo.git.writeBlob(bytes)
  return json(201, buildShortBlob(world, repo, sha), {
    location: `${world.url}/repos/${repo.fullName}/git/blobs/${sha}`,
  })
}

function getBlob({ world, repo, params, docs }: RouteContext): Reply {
  const sha = (params[0] ?? '').toLowerCase()
  const blob = repo.git.blob(sha)
  if (blob === undefined) return notFound(docs)
  return json(200, buildBlob(world, repo, sha, blob.content))
}

function getContents({ world, repo, params, query, docs }: RouteContext): Reply {
  const ref = query.get('ref') ?? repo.defaultBranch
  const sha = repo.resolveRef(ref)
  const commit = sha === undefined ? undefined : repo.git.commit(sha)
  if (commit === undefined) return fail(404, `No commit found for the ref ${ref}`, docs)
  const path = (params[0] ?? '').replace(/^\/+|\/+$/g, '')
  const entry = repo.git.entryAt(commit.tree, path)
  if (entry === undefined) return notFound(docs)
  if (entry.type === 'tree') {
    const prefix = path === '' ? '' : `${path}/`
    return json(
      200,
      buildContentDirectory(world, repo, ref, repo.git.listTree(entry.sha, false, prefix)),
    )
  }
  const blob = repo.git.blob(entry.sha)
  if (blob === undefined) return notFound(docs)
  const flat = { ...entry, path, size: blob.content.length }
  return json(200, buildContentFile(world, repo, ref, flat, blob.content))
}

function getBranch({ world, repo, params, docs }: RouteContext): Reply {
  const branch = params[0] ?? ''
  const sha = repo.branchSha(branch)
  const commit = sha === undefined ? undefined : repo.git.commit(sha)
  if (sha === undefined || commit === undefined) return fail(404, 'Branch not found', docs)
  return json(200, buildBranch(world, repo, branch, sha, commit))
}

/** Git Data, contents and branch endpoints. */
export const gitRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/git\/ref\/(.+)$/,
    docs: `${DOCS}/refs#get-a-reference`,
    access: READ,
    handle: getRef,
  },
  {
    method: 'POST',
    pattern: /^\/git\/refs$/,
    docs: `${DOCS}/refs#create-a-reference`,
    access: WRITE,
    handle: createRef,
  },
  {
    method: 'PATCH',
    pattern: /^\/git\/refs\/(.+)$/,
    docs: `${DOCS}/refs#update-a-reference`,
    access: WRITE,
    handle: updateRef,
  },
  {
    method: 'DELETE',
    pattern: /^\/git\/refs\/(.+)$/,
    docs: `${DOCS}/refs#delete-a-reference`,
    access: WRITE,
    handle: deleteRef,
  },
  {
    method: 'GET',
    pattern: /^\/git\/commits\/([^/]+)$/,
    docs: `${DOCS}/commits#get-a-commit-object`,
    access: READ,
    handle: getCommit,
  },
  {
    method: 'POST',
    pattern: /^\/git\/commits$/,
    docs: `${DOCS}/commits#create-a-commit`,
    access: WRITE,
    handle: createCommit,
  },
  {
    method: 'GET',
    pattern: /^\/git\/trees\/(.+)$/,
    docs: `${DOCS}/trees#get-a-tree`,
    access: READ,
    handle: getTree,
  },
  {
    method: 'POST',
    pattern: /^\/git\/trees$/,
    docs: `${DOCS}/trees#create-a-tree`,
    access: WRITE,
    handle: createTree,
  },
  {
    method: 'POST',
    pattern: /^\/git\/blobs$/,
    docs: `${DOCS}/blobs#create-a-blob`,
    access: WRITE,
    handle: createBlob,
  },
  {
    method: 'GET',
    pattern: /^\/git\/blobs\/([^/]+)$/,
    docs: `${DOCS}/blobs#get-a-blob`,
    access: READ,
    handle: getBlob,
  },
  {
    method: 'GET',
    pattern: /^\/contents(?:\/(.*))?$/,
    docs: 'https://docs.github.com/rest/repos/contents#get-repository-content',
    access: READ,
    handle: getContents,
  },
  {
    method: 'GET',
    pattern: /^\/branches\/(.+)$/,
    docs: 'https://docs.github.com/rest/branches/branches#get-a-branch',
    access: READ,
    handle: getBranch,
  },
]
