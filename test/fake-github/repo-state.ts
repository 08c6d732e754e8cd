import type { components } from '@octokit/openapi-types'
import { GitStore, type GitPerson, type TreeChange } from './git-objects.js'
import { timestamp } from './reply.js'
import { buildComment, buildIssue, type Issue, type IssueComment } from './shapes.js'
import { buildPull, type PullRequest } from './pull-shapes.js'
import type { FakeWorld, TokenPermissions } from './world.js'

/** Who filed an issue, relative to the repository. */
export type AuthorAssociation = components['schemas']['author-association']

/** Why an issue was closed. */
export type StateReason = 'completed' | 'reopened' | 'not_planned' | 'duplicate'

/** A label in the repository's label list. */
export type LabelRecord = {
  id: number
  name: string
  color: string
  description: string | null
  default: boolean
}

/** The pull-request half of an issue record. */
export type PullRecord = {
  headOwner: string
  headRef: string
  baseRef: string
  /** Follows the head branch while the pull request is open; frozen once it closes. */
  headSha: string
  baseSha: string
  draft: boolean
  mergedAt: string | null
  mergeCommitSha: string | null
  mergedBy: string | null
  requestedReviewers: string[]
  requestedTeams: string[]
}

/** An issue, or a pull request (then `pull` is set): issues and pulls share one number space. */
export type IssueRecord = {
  id: number
  number: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  stateReason: StateReason | null
  labels: string[]
  user: string
  authorAssociation: AuthorAssociation
  assignees: string[]
  locked: boolean
  createdAt: string
  updatedAt: string
  closedAt: string | null
  pull?: PullRecord
}

/** A comment on an issue or pull request. */
export type CommentRecord = {
  id: number
  issueNumber: number
  body: string
  user: string
  authorAssociation: AuthorAssociation
  createdAt: string
  updatedAt: string
}

/** What a test gives to seed or edit an issue; everything left out gets GitHub-like defaults. */
export type IssueSeed = {
  number?: number
  title?: string
  body?: string | null
  state?: 'open' | 'closed'
  state_reason?: StateReason | null
  /** Names, or label objects; unknown names are added to the repository's labels. */
  labels?: Array<string | { name: string; color?: string; description?: string | null }>
  /** A login, or a user object of which only `login` and `type` are kept. */
  user?: string | { login: string; type?: 'User' | 'Bot' | 'Organization' }
  author_association?: AuthorAssociation
  created_at?: string
  updated_at?: string
  closed_at?: string | null
  assignees?: string[]
  locked?: boolean
}

/** Options of `addRepo`. */
export type RepoOptions = {
  defaultBranch?: string
  private?: boolean
  /** Files of the first commit; default a README. `{}` gives a commit with an empty tree. */
  files?: Record<string, string>
}

/** The person `commitAsPerson` commits as unless told otherwise. */
export const A_PERSON = { name: 'A Person', email: 'person@example.com' }

/** One repository of the fake: git objects and refs, issues, comments, pulls and settings. */
export class FakeRepo {
  readonly id: number
  readonly owner: string
  readonly name: string
  readonly fullName: string
  readonly defaultBranch: string
  readonly private: boolean
  readonly createdAt: string
  /** The object database; `git.commit(sha)` shows parents, message and signature. */
  readonly git = new GitStore()
  /** Full ref name (`refs/heads/main`) → commit sha. */
  readonly refRecords = new Map<string, string>()
  /** Issue and pull request records by number. */
  readonly issueRecords = new Map<number, IssueRecord>()
  /** Comments in creation order. */
  readonly commentRecords: CommentRecord[] = []
  private readonly labelRecords = new Map<string, LabelRecord>()

  /** The repository setting "Allow GitHub Actions to create and approve pull requests". */
  allowActionsToCreatePullRequests = true
  /** Branch names whose ref cannot be moved or deleted through the API. */
  protectedBranches = new Set<string>()
  /** What the token may do here; `readOnly()` sets every scope to `read`. */
  tokenPermissions: TokenPermissions = {
    contents: 'write',
    issues: 'write',
    pull_requests: 'write',
  }
  /** Logins that may be requested as reviewers or assigned; `undefined` = anyone. */
  collaborators: Set<string> | undefined = undefined
  /** Team slugs that may be requested as reviewers; `undefined` = any. */
  teams: Set<string> | undefined = undefined

  constructor(
    private readonly world: FakeWorld,
    fullName: string,
    options: RepoOptions = {},
  ) {
    const [owner, name, ...rest] = fullName.split('/')
    if (owner === undefined || name === undefined || owner === '' || name === '' || rest.length) {
      throw new Error(`addRepo: "${fullName}" is not owner/name`)
    }
    this.id = world.nextId()
    this.owner = owner
    this.name = name
    this.fullName = fullName
    this.defaultBranch = options.defaultBranch ?? 'main'
    this.private = options.private ?? false
    this.createdAt = timestamp(world.now())
    const files = options.files ?? { 'README.md': `# ${name}\n` }
    const sha = this.commitFiles([], files, 'Initial commit', A_PERSON, false)
    this.refRecords.set(`refs/heads/${this.defaultBranch}`, sha)
  }

  /** Makes the token read-only here: every write answers 403 "Resource not accessible by integration". */
  readOnly(): this {
    this.tokenPermissions = { contents: 'read', issues: 'read', pull_requests: 'read' }
    return this
  }

  // ---- labels ----

  /** The label with this name (any case), created with a default colour if the repository lacks it. */
  labelRecord(name: string, seed?: { color?: string; description?: string | null }): LabelRecord {
    const key = name.toLowerCase()
    const existing = this.labelRecords.get(key)
    if (existing !== undefined) return existing
    const created: LabelRecord = {
      id: this.world.nextId(),
      name,
      color: seed?.color ?? 'ededed',
      description: seed?.description ?? null,
      default: false,
    }
    this.labelRecords.set(key, created)
    return created
  }

  /** Adds a label to the repository's list (GitHub also creates labels when one is applied). */
  addLabel(name: string, seed?: { color?: string; description?: string | null }): LabelRecord {
    return this.labelRecord(name, seed)
  }

  // ---- issues ----

  /** Adds an issue filled with defaults (next number, open, by `octocat`, MEMBER, now). */
  addIssue(seed: IssueSeed = {}): Issue {
    const number = seed.number ?? this.nextNumber()
    if (this.issueRecords.has(number)) throw new Error(`addIssue: #${number} already exists`)
    const now = timestamp(this.world.now())
    const createdAt = seed.created_at ?? now
    const updatedAt = seed.updated_at ?? createdAt
    const state = seed.state ?? 'open'
    const record: IssueRecord = {
      id: this.world.nextId(),
      number,
      title: seed.title ?? `Issue ${number}`,
      body: seed.body ?? null,
      state,
      stateReason: seed.state_reason ?? (state === 'closed' ? 'completed' : null),
      labels: [],
      user: 'octocat',
      authorAssociation: seed.author_association ?? 'MEMBER',
      assignees: [],
      locked: seed.locked ?? false,
      createdAt,
      updatedAt,
      closedAt: seed.closed_at ?? (state === 'closed' ? updatedAt : null),
    }
    this.applySeed(record, seed)
    this.issueRecords.set(number, record)
    return this.issueJson(record)
  }

  /** Edits an issue as a person would; `updated_at` moves to now unless the patch sets it. */
  editIssue(number: number, patch: IssueSeed): Issue {
    const record = this.requireIssue(number, 'editIssue')
    const wasOpen = record.state === 'open'
    if (patch.title !== undefined) record.title = patch.title
    if (patch.body !== undefined) record.body = patch.body
    if (patch.state !== undefined) record.state = patch.state
    if (patch.state_reason !== undefined) record.stateReason = patch.state_reason
    if (patch.author_association !== undefined) record.authorAssociation = patch.author_association
    if (patch.created_at !== undefined) record.createdAt = patch.created_at
    if (patch.locked !== undefined) record.locked = patch.locked
    this.applySeed(record, patch)
    record.updatedAt = patch.updated_at ?? timestamp(this.world.now())
    if (wasOpen && record.state === 'closed') {
      record.closedAt = patch.closed_at ?? record.updatedAt
      record.stateReason = patch.state_reason ?? 'completed'
    } else if (!wasOpen && record.state === 'open') {
      record.closedAt = null
      record.stateReason = 'reopened'
    } else if (patch.closed_at !== undefined) {
      record.closedAt = patch.closed_at
    }
    return this.issueJson(record)
  }

  private applySeed(record: IssueRecord, seed: IssueSeed): void {
    if (seed.labels !== undefined) {
      record.labels = seed.labels.map((label) =>
        typeof label === 'string'
          ? this.labelRecord(label).name
          : this.labelRecord(label.name, label).name,
      )
    }
    if (seed.user !== undefined) {
      const user = typeof seed.user === 'string' ? { login: seed.user } : seed.user
      record.user = this.world.user(user.login, 'type' in user ? user.type : undefined).login
    }
    if (seed.assignees !== undefined) record.assignees = [...seed.assignees]
  }

  /** The issue (or pull request seen as an issue) as the API returns it now. */
  issue(number: number): Issue | undefined {
    const record = this.issueRecords.get(number)
    return record === undefined ? undefined : this.issueJson(record)
  }

  /** Every issue and pull request, by number. */
  issues(): Issue[] {
    return [...this.issueRecords.values()]
      .sort((a, b) => a.number - b.number)
      .map((record) => this.issueJson(record))
  }

  /** Open issues and pull requests, as `open_issues_count` counts them. */
  openIssueCount(): number {
    return [...this.issueRecords.values()].filter((record) => record.state === 'open').length
  }

  /** The next free issue number. */
  nextNumber(): number {
    return Math.max(0, ...this.issueRecords.keys()) + 1
  }

  /** The record, or a thrown error naming the helper that needed it. */
  requireIssue(number: number, helper: string): IssueRecord {
    const record = this.issueRecords.get(number)
    if (record === undefined) throw new Error(`${helper}: ${this.fullName} has no #${number}`)
    return record
  }

  /** The API shape of a record. */
  issueJson(record: IssueRecord): Issue {
    return buildIssue(this.world, this, record)
  }

  // ---- comments ----

  /** Adds a comment as `user` (default `octocat`); commenting moves the issue's `updated_at`. */
  addComment(
    issueNumber: number,
    body: string,
    options: { user?: string; author_association?: AuthorAssociation; created_at?: string } = {},
  ): IssueComment {
    const issue = this.requireIssue(issueNumber, 'addComment')
    const at = options.created_at ?? timestamp(this.world.now())
    const record: CommentRecord = {
      id: this.world.nextId(),
      issueNumber,
      body,
      user: this.world.user(options.user ?? 'octocat').login,
      authorAssociation: options.author_association ?? 'MEMBER',
      createdAt: at,
      updatedAt: at,
    }
    this.commentRecords.push(record)
    issue.updatedAt = at
    return buildComment(this.world, this, record)
  }

  /** Comments as the API returns them, on one issue or on all, oldest first. */
  comments(issueNumber?: number): IssueComment[] {
    return this.commentRecords
      .filter((record) => issueNumber === undefined || record.issueNumber === issueNumber)
      .map((record) => buildComment(this.world, this, record))
  }

  // ---- git ----

  /** Every ref as full name → sha, e.g. `{ 'refs/heads/main': '…' }`. */
  refs(): Record<string, string> {
    return Object.fromEntries([...this.refRecords].sort(([a], [b]) => a.localeCompare(b)))
  }

  /** Branch names, sorted. */
  branches(): string[] {
    return [...this.refRecords.keys()]
      .filter((ref) => ref.startsWith('refs/heads/'))
      .map((ref) => ref.slice('refs/heads/'.length))
      .sort()
  }

  /** The commit a branch points at. */
  branchSha(branch: string): string | undefined {
    return this.refRecords.get(`refs/heads/${branch}`)
  }

  /**
   * The commit a ref names, as GitHub resolves `?ref=`: a commit sha, a branch, a tag,
   * or a qualified `heads/x` / `refs/heads/x`.
   */
  resolveRef(ref: string): string | undefined {
    if (/^[0-9a-f]{40}$/i.test(ref) && this.git.commit(ref) !== undefined) return ref.toLowerCase()
    return (
      this.refRecords.get(`refs/heads/${ref}`) ??
      this.refRecords.get(`refs/tags/${ref}`) ??
      this.refRecords.get(ref.startsWith('refs/') ? ref : `refs/${ref}`)
    )
  }

  /** A file's text at a ref, or undefined when the ref or the file does not exist. */
  readFile(ref: string, path: string): string | undefined {
    const sha = this.resolveRef(ref)
    const commit = sha === undefined ? undefined : this.git.commit(sha)
    if (commit === undefined) return undefined
    const entry = this.git.entryAt(commit.tree, path)
    if (entry?.type !== 'blob') return undefined
    return this.git.blob(entry.sha)?.content.toString('utf8')
  }

  /** Every file path at a ref, sorted. */
  listFiles(ref: string): string[] {
    const sha = this.resolveRef(ref)
    const commit = sha === undefined ? undefined : this.git.commit(sha)
    return commit === undefined ? [] : [...this.git.files(commit.tree).keys()].sort()
  }

  /** Creates a branch at `from` (a ref or sha; default the default branch) and returns its sha. */
  createBranch(branch: string, from: string = this.defaultBranch): string {
    const sha = this.resolveRef(from)
    if (sha === undefined) throw new Error(`createBranch: ${this.fullName} has no ref "${from}"`)
    if (this.branchSha(branch) !== undefined) throw new Error(`createBranch: "${branch}" exists`)
    this.refRecords.set(`refs/heads/${branch}`, sha)
    return sha
  }

  /**
   * Commits files on top of a branch as a person pushing would (unsigned); `null` deletes a path.
   * Returns the new commit's sha.
   */
  commitAsPerson(
    branch: string,
    files: Record<string, string | null>,
    message: string,
    person: { name: string; email: string } = A_PERSON,
  ): string {
    const parent = this.branchSha(branch)
    if (parent === undefined)
      throw new Error(`commitAsPerson: ${this.fullName} has no branch "${branch}"`)
    const sha = this.commitFiles([parent], files, message, person, false)
    this.refRecords.set(`refs/heads/${branch}`, sha)
    return sha
  }

  /** Writes blobs, a tree on top of the first parent's, and a commit; moves no ref. */
  commitFiles(
    parents: string[],
    files: Record<string, string | null>,
    message: string,
    person: { name: string; email: string },
    signed: boolean,
  ): string {
    const first = parents[0]
    const baseTree = first === undefined ? undefined : this.git.commit(first)?.tree
    const changes: TreeChange[] = Object.entries(files).map(([path, content]) => ({
      path,
      mode: '100644',
      type: 'blob',
      sha: content === null ? null : this.git.writeBlob(Buffer.from(content, 'utf8')),
    }))
    const tree = this.git.editTree(baseTree, changes)
    const when: GitPerson = { ...person, date: timestamp(this.world.now()) }
    return this.git.writeCommit({ tree, parents, author: when, committer: when, message, signed })
  }

  // ---- pulls ----

  /** Pull requests as `GET /pulls/{n}` returns them, by number. */
  pulls(): PullRequest[] {
    return [...this.issueRecords.values()]
      .filter((record) => record.pull !== undefined)
      .sort((a, b) => a.number - b.number)
      .map((record) => buildPull(this.world, this, record))
  }

  /** One pull request, or undefined when the number is not a pull request. */
  pull(number: number): PullRequest | undefined {
    const record = this.issueRecords.get(number)
    return record?.pull === undefined ? undefined : buildPull(this.world, this, record)
  }

  /** Brings an open pull request's head and base shas up to date with its branches. */
  refreshPull(record: IssueRecord): void {
    const pull = record.pull
    if (pull === undefined || record.state !== 'open') return
    pull.headSha = this.branchSha(pull.headRef) ?? pull.headSha
    pull.baseSha = this.branchSha(pull.baseRef) ?? pull.baseSha
  }

  /**
   * Merges an open pull request as a person clicking "Merge" would: a merge commit whose tree is
   * the head's, on the base branch. Returns the merge commit's sha.
   */
  mergePull(number: number, by = 'octocat'): string {
    const record = this.requireIssue(number, 'mergePull')
    const pull = record.pull
    if (pull === undefined || record.state !== 'open') {
      throw new Error(`mergePull: #${number} is not an open pull request`)
    }
    this.refreshPull(record)
    const head = this.git.commit(pull.headSha)
    if (head === undefined) throw new Error(`mergePull: head ${pull.headSha} is missing`)
    const at = timestamp(this.world.now())
    const person: GitPerson = { ...A_PERSON, date: at }
    const sha = this.git.writeCommit({
      tree: head.tree,
      parents: [pull.baseSha, pull.headSha],
      author: person,
      committer: person,
      message: `Merge pull request #${number} from ${pull.headOwner}/${pull.headRef}`,
      signed: true,
    })
    this.refRecords.set(`refs/heads/${pull.baseRef}`, sha)
    pull.mergedAt = at
    pull.mergeCommitSha = sha
    pull.mergedBy = this.world.user(by).login
    record.state = 'closed'
    record.closedAt = at
    record.updatedAt = at
    return sha
  }

  /** Closes a pull request without merging, as a person would. */
  closePull(number: number): void {
    const record = this.requireIssue(number, 'closePull')
    if (record.pull === undefined) throw new Error(`closePull: #${number} is not a pull request`)
    this.refreshPull(record)
    record.state = 'closed'
    record.closedAt = timestamp(this.world.now())
    record.updatedAt = record.closedAt
  }
}
