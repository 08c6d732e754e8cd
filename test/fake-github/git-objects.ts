import { createHash } from 'node:crypto'

/** A file's bytes, stored under git's own blob sha. */
export type GitBlob = { type: 'blob'; content: Buffer }

/** One entry of a tree, with the mode as the REST API spells it (`100644`, `040000`, ...). */
export type GitTreeEntry = {
  name: string
  mode: string
  type: 'blob' | 'tree' | 'commit'
  sha: string
}

/** A directory listing, sorted the way git sorts it. */
export type GitTree = { type: 'tree'; entries: GitTreeEntry[] }

/** An author or committer line. `date` is ISO 8601 without milliseconds. */
export type GitPerson = { name: string; email: string; date: string }

/** A commit; `signed` marks the commits GitHub itself would sign (made through the API). */
export type GitCommit = {
  type: 'commit'
  tree: string
  parents: string[]
  author: GitPerson
  committer: GitPerson
  message: string
  signed: boolean
}

/** Any object the store holds. */
export type GitObject = GitBlob | GitTree | GitCommit

/** A change to a tree at a slash-separated path; `sha: null` deletes the path. */
export type TreeChange = {
  path: string
  mode: string
  type: 'blob' | 'tree' | 'commit'
  sha: string | null
}

/** A tree entry flattened to its full path, as `GET /git/trees/{sha}?recursive=1` lists it. */
export type FlatTreeEntry = GitTreeEntry & { path: string; size?: number }

/** The sha of git's empty tree, which every git computes the same way. */
export const EMPTY_TREE_SHA = '4b825dc642cb6eb9a060e54bf8d69288fbee4904'

/** The sha git gives an object: sha1 of `<type> <length>\0<payload>`. */
export function hashObject(type: GitObject['type'], payload: Buffer): string {
  const header = Buffer.from(`${type} ${payload.length}\0`)
  return createHash('sha1').update(header).update(payload).digest('hex')
}

/** Git sorts tree entries by name bytes, comparing a subtree's name as if it ended in `/`. */
function sortKey(entry: GitTreeEntry): Buffer {
  return Buffer.from(entry.type === 'tree' ? `${entry.name}/` : entry.name)
}

/** Entries in git's order, so equal trees get equal shas whatever order they were given in. */
export function sortTreeEntries(entries: GitTreeEntry[]): GitTreeEntry[] {
  return [...entries].sort((a, b) => Buffer.compare(sortKey(a), sortKey(b)))
}

function serializeTree(entries: GitTreeEntry[]): Buffer {
  return Buffer.concat(
    entries.flatMap((entry) => [
      // git writes directory modes without the leading zero the REST API shows.
      Buffer.from(`${entry.mode.replace(/^0+/, '')} ${entry.name}\0`),
      Buffer.from(entry.sha, 'hex'),
    ]),
  )
}

function serializePerson(role: string, person: GitPerson): string {
  const seconds = Math.floor(Date.parse(person.date) / 1000)
  return `${role} ${person.name} <${person.email}> ${seconds} +0000\n`
}

function serializeCommit(commit: GitCommit): Buffer {
  const lines =
    `tree ${commit.tree}\n` +
    commit.parents.map((parent) => `parent ${parent}\n`).join('') +
    serializePerson('author', commit.author) +
    serializePerson('committer', commit.committer) +
    `\n${commit.message}`
  return Buffer.from(lines)
}

/** The text of a commit object, which GitHub reports as the signed payload. */
export function commitPayload(commit: GitCommit): string {
  return serializeCommit(commit).toString('utf8')
}

/** One repository's object database: content-addressed blobs, trees and commits. */
export class GitStore {
  private readonly objects = new Map<string, GitObject>()

  constructor() {
    this.objects.set(EMPTY_TREE_SHA, { type: 'tree', entries: [] })
  }

  /** The object with this sha, if stored. */
  get(sha: string): GitObject | undefined {
    return this.objects.get(sha.toLowerCase())
  }

  /** The blob with this sha, if it is one. */
  blob(sha: string): GitBlob | undefined {
    const object = this.get(sha)
    return object?.type === 'blob' ? object : undefined
  }

  /** The tree with this sha, if it is one. */
  tree(sha: string): GitTree | undefined {
    const object = this.get(sha)
    return object?.type === 'tree' ? object : undefined
  }

  /** The commit with this sha, if it is one. */
  commit(sha: string): GitCommit | undefined {
    const object = this.get(sha)
    return object?.type === 'commit' ? object : undefined
  }

  /** Stores file bytes and returns their blob sha. */
  writeBlob(content: Buffer): string {
    const sha = hashObject('blob', content)
    this.objects.set(sha, { type: 'blob', content })
    return sha
  }

  /** Stores a tree (entries in any order) and returns its sha. */
  writeTree(entries: GitTreeEntry[]): string {
    const sorted = sortTreeEntries(entries)
    const sha = hashObject('tree', serializeTree(sorted))
    this.objects.set(sha, { type: 'tree', entries: sorted })
    return sha
  }

  /** Stores a commit and returns its sha. */
  writeCommit(commit: Omit<GitCommit, 'type'>): string {
    const object: GitCommit = { type: 'commit', ...commit }
    const sha = hashObject('commit', serializeCommit(object))
    this.objects.set(sha, object)
    return sha
  }

  /**
   * Applies path changes on top of `baseTree` (or an empty tree) and returns the new tree's sha.
   * Directories left empty disappear, as in git.
   */
  editTree(baseTree: string | undefined, changes: TreeChange[]): string {
    const base = baseTree === undefined ? [] : (this.tree(baseTree)?.entries ?? [])
    const split = changes.map((change) => ({
      segments: change.path.split('/').filter((segment) => segment !== ''),
      change,
    }))
    return this.editEntries(base, split)
  }

  private editEntries(
    base: GitTreeEntry[],
    changes: Array<{ segments: string[]; change: TreeChange }>,
  ): string {
    const entries = new Map(base.map((entry) => [entry.name, entry]))
    const nested = new Map<string, Array<{ segments: string[]; change: TreeChange }>>()
    for (const { segments, change } of changes) {
      const [head, ...rest] = segments
      if (head === undefined) continue
      if (rest.length === 0) {
        if (change.sha === null) entries.delete(head)
        else
          entries.set(head, { name: head, mode: change.mode, type: change.type, sha: change.sha })
        continue
      }
      nested.set(head, [...(nested.get(head) ?? []), { segments: rest, change }])
    }
    for (const [name, subChanges] of nested) {
      const existing = entries.get(name)
      const subBase = existing?.type === 'tree' ? (this.tree(existing.sha)?.entries ?? []) : []
      const subSha = this.editEntries(subBase, subChanges)
      if (subSha === EMPTY_TREE_SHA) entries.delete(name)
      else entries.set(name, { name, mode: '040000', type: 'tree', sha: subSha })
    }
    return this.writeTree([...entries.values()])
  }

  /** The entry at a slash-separated path under a tree; the empty path is the tree itself. */
  entryAt(treeSha: string, path: string): GitTreeEntry | undefined {
    const segments = path.split('/').filter((segment) => segment !== '')
    let current: GitTreeEntry = { name: '', mode: '040000', type: 'tree', sha: treeSha }
    for (const segment of segments) {
      if (current.type !== 'tree') return undefined
      const found = this.tree(current.sha)?.entries.find((entry) => entry.name === segment)
      if (found === undefined) return undefined
      current = found
    }
    return current
  }

  /** The tree's entries with full paths; with `recursive`, subtrees are walked depth first. */
  listTree(treeSha: string, recursive: boolean, prefix = ''): FlatTreeEntry[] {
    const tree = this.tree(treeSha)
    if (tree === undefined) return []
    return tree.entries.flatMap((entry) => {
      const path = `${prefix}${entry.name}`
      const size = entry.type === 'blob' ? this.blob(entry.sha)?.content.length : undefined
      const flat: FlatTreeEntry = size === undefined ? { ...entry, path } : { ...entry, path, size }
      if (!recursive || entry.type !== 'tree') return [flat]
      return [flat, ...this.listTree(entry.sha, true, `${path}/`)]
    })
  }

  /** Every file under a tree as path → blob sha. */
  files(treeSha: string): Map<string, string> {
    return new Map(
      this.listTree(treeSha, true)
        .filter((entry) => entry.type === 'blob')
        .map((entry) => [entry.path, entry.sha]),
    )
  }

  /** Whether `ancestor` is `descendant` or reachable from it through parents. */
  isAncestor(ancestor: string, descendant: string): boolean {
    return this.ancestors(descendant).has(ancestor)
  }

  /** Every commit reachable from `sha`, itself included. */
  ancestors(sha: string): Set<string> {
    const seen = new Set<string>()
    const queue = [sha]
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      if (seen.has(next)) continue
      seen.add(next)
      queue.push(...(this.commit(next)?.parents ?? []))
    }
    return seen
  }
}
