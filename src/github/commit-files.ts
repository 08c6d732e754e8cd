import type { GitHubClient, Logger } from './client.js'
import { gitBlobSha } from './git-blob-sha.js'
import { splitRepository } from './repository.js'
import { gitHubMessage, isHttpError } from './request-error.js'

/** What happened to one file of a commit. */
export type FileStatus = 'added' | 'modified' | 'unchanged'

/** Where the files the caller merged with came from. */
export type ContentSource = 'branch' | 'base'

/** The outcome of {@link commitFiles}. */
export type CommitResult = {
  /**
   * `created`: the branch was made; `updated`: a commit was added to it; `unchanged`: nothing
   * written. `unchanged` with `keptFrom: 'base'` means the branch does not exist because the base
   * already holds these files: there is nothing to open a pull request for.
   */
  operation: 'created' | 'updated' | 'unchanged'
  branch: string
  base: string
  /** The commit written; null when nothing was written (unchanged, or a dry run). */
  commitSha: string | null
  files: { path: string; status: FileStatus }[]
  /** Whether the existing files came from the branch (a re-run) or from the base (a new branch). */
  keptFrom: ContentSource
}

/** Parameters of {@link commitFiles}. */
export type CommitFilesParams = {
  client: GitHubClient
  repository: string
  /** Default: the repository's default branch. */
  baseBranch?: string
  /**
   * The default branch as the runner reported it, used when `baseBranch` is not given instead
   * of asking GitHub (one request less); GitHub is still asked when no such branch exists.
   */
  defaultBranch?: string
  branch: string
  message: string
  /** The files whose current content `build` needs. */
  paths: string[]
  /**
   * Files `build` writes without needing their current content (generated whole each time):
   * compared with the tree by sha, never downloaded.
   */
  writeOnly?: string[]
  /**
   * The caller's merge: from the current content of each of `paths` (null: no such file) and
   * where it came from, the full content of every file to write. Pure; called again when the
   * branch moves during the run.
   */
  build: (existing: Map<string, string | null>, from: ContentSource) => Map<string, string>
  dryRun: boolean
  log: Logger
}

/** A run starts over this many more times when someone pushes to the branch while it runs. */
const RETRIES_WHEN_BRANCH_MOVES = 3

/** A file as it is in the parent commit's tree. */
type TreeEntry = { sha: string; mode: string; type: string }

/**
 * Commits the files `build` returns to `branch` through the Git Data API (so GitHub signs the
 * commit), creating the branch from the base when it does not exist. The branch's own commits
 * are kept: the parent is the branch's head, never a rebase onto the base, and the ref is never
 * forced; when the branch moves during the run, the run reads it again and rebuilds. Nothing is
 * written when every file is already as built, or when `dryRun` is set.
 */
export async function commitFiles(params: CommitFilesParams): Promise<CommitResult> {
  const { client, repository, branch, log } = params
  const { owner, repo } = splitRepository(repository)
  const askDefaultBranch = async () =>
    (await client.rest.repos.get({ owner, repo })).data.default_branch
  const hinted = params.baseBranch === undefined ? params.defaultBranch : undefined
  let base = params.baseBranch ?? hinted ?? (await askDefaultBranch())

  // What the last attempt wrote: if its ref update reached GitHub but the answer did not come
  // back (a retried request then finds the ref already moved), the branch now holds it.
  let written: CommitResult | null = null
  for (let attempt = 0; ; attempt++) {
    const branchHead = await readBranchHead(client, owner, repo, branch)
    if (written !== null && branchHead === written.commitSha) return written
    const from: ContentSource = branchHead === null ? 'base' : 'branch'
    let parent = branchHead ?? (await readBranchHead(client, owner, repo, base))
    if (parent === null && hinted !== undefined && base === hinted) {
      // The runner's word for the default branch is out of date (renamed since the event).
      base = await askDefaultBranch()
      if (base !== hinted) parent = await readBranchHead(client, owner, repo, base)
    }
    if (parent === null) {
      throw new Error(
        `Base branch \`${base}\` does not exist in ${repository} (input \`base-branch\`)`,
      )
    }
    log.debug(
      `${repository}: ${branch} ${branchHead === null ? 'does not exist; base' : 'head'} ${parent}`,
    )

    const { treeSha, entries, existing } = await readFiles(
      client,
      owner,
      repo,
      parent,
      params.paths,
      params.writeOnly ?? [],
    )
    const built = params.build(existing, from)
    const files = [...built].map(([path, content]) => ({
      path,
      content,
      status: fileStatus(entries.get(path), content),
    }))
    const changed = files.filter((file) => file.status !== 'unchanged')
    const summary = files.map(({ path, status }) => ({ path, status }))
    const result = (
      operation: CommitResult['operation'],
      commitSha: string | null,
    ): CommitResult => ({
      operation,
      branch,
      base,
      commitSha,
      files: summary,
      keptFrom: from,
    })

    if (changed.length === 0) {
      const holder = branchHead === null ? `${base} (the base; ${branch} does not exist)` : branch
      log.info(
        `${repository}: ${holder} already has these ${files.length} files; nothing to commit.`,
      )
      return result('unchanged', null)
    }
    const operation = branchHead === null ? 'created' : 'updated'
    if (params.dryRun) {
      log.info(
        `Dry run: would ${operation === 'created' ? 'create' : 'update'} ${branch} on ${repository}:`,
      )
      for (const file of changed) {
        log.info(`  ${file.status} ${file.path} (${Buffer.byteLength(file.content, 'utf8')} bytes)`)
      }
      return result(operation, null)
    }

    const tree = await client.rest.git.createTree({
      owner,
      repo,
      base_tree: treeSha,
      tree: changed.map((file) => ({
        path: file.path,
        mode: entries.get(file.path)?.mode === '100755' ? '100755' : '100644',
        type: 'blob',
        content: file.content,
      })),
    })
    const commit = await client.rest.git.createCommit({
      owner,
      repo,
      message: params.message,
      tree: shaOf(tree.data, 'tree', repository),
      parents: [parent],
    })
    const commitSha = shaOf(commit.data, 'commit', repository)
    written = result(operation, commitSha)
    try {
      if (branchHead === null) {
        await client.rest.git.createRef({
          owner,
          repo,
          ref: `refs/heads/${branch}`,
          sha: commitSha,
        })
      } else {
        await client.rest.git.updateRef({
          owner,
          repo,
          ref: `heads/${branch}`,
          sha: commitSha,
          force: false,
        })
      }
    } catch (error) {
      if (!branchMoved(error)) throw error
      if (attempt >= RETRIES_WHEN_BRANCH_MOVES) {
        throw new Error(
          `Branch \`${branch}\` on ${repository} changed while infra-log was committing to it, ${attempt + 1} times in a row; nothing was overwritten. Run the workflow again.`,
          { cause: error },
        )
      }
      log.warning(
        `${repository}: ${branch} changed during the run (${gitHubMessage(error)}); reading it again.`,
      )
      continue
    }
    log.info(
      `${repository}: ${operation} ${branch} at ${commitSha} (${changed.length} of ${files.length} files changed).`,
    )
    return written
  }
}

// A write whose answer was cut off resolves with an empty body; say so rather than send
// `undefined` on to the next request.
function shaOf(data: unknown, what: string, repository: string): string {
  const sha = typeof data === 'object' && data !== null && 'sha' in data ? data.sha : undefined
  if (typeof sha === 'string' && sha !== '') return sha
  throw new Error(
    `GitHub's answer to creating the ${what} on ${repository} had no sha (the connection may have dropped). Run the workflow again: a new run picks up from what was written.`,
  )
}

// null: the branch does not exist.
async function readBranchHead(
  client: GitHubClient,
  owner: string,
  repo: string,
  branch: string,
): Promise<string | null> {
  try {
    return (await client.rest.git.getRef({ owner, repo, ref: `heads/${branch}` })).data.object.sha
  } catch (error) {
    if (isHttpError(error, 404)) return null
    throw error
  }
}

// The tree of `commitSha`, and the text of each of `paths` in it (null: no such file).
async function readFiles(
  client: GitHubClient,
  owner: string,
  repo: string,
  commitSha: string,
  paths: string[],
  writeOnly: string[],
): Promise<{
  treeSha: string
  entries: Map<string, TreeEntry>
  existing: Map<string, string | null>
}> {
  const { treeSha, entries } = await readTreeEntries(client, owner, repo, commitSha, [
    ...paths,
    ...writeOnly,
  ])
  const contents = await Promise.all(
    paths.map(async (path) => {
      const entry = entries.get(path)
      return entry?.type === 'blob' ? readBlob(client, owner, repo, entry.sha) : null
    }),
  )
  return {
    treeSha,
    entries,
    existing: new Map(paths.map((path, index) => [path, contents[index] ?? null])),
  }
}

// The commit's tree: its sha and the entries of `wanted`. One recursive listing, asked by the
// commit's sha (GitHub reads any tree-ish there and answers with the tree's own sha, which saves
// reading the commit first); when GitHub truncates it (a very large repository), walks down to
// each wanted file one directory at a time instead.
async function readTreeEntries(
  client: GitHubClient,
  owner: string,
  repo: string,
  commitSha: string,
  wanted: string[],
): Promise<{ treeSha: string; entries: Map<string, TreeEntry> }> {
  const listing = await client.rest.git.getTree({
    owner,
    repo,
    tree_sha: commitSha,
    recursive: 'true',
  })
  const treeSha = listing.data.sha
  if (!listing.data.truncated) return { treeSha, entries: toEntries(listing.data.tree) }

  const directories = new Map<string, Map<string, TreeEntry>>()
  const listDirectory = async (sha: string): Promise<Map<string, TreeEntry>> => {
    const cached = directories.get(sha)
    if (cached !== undefined) return cached
    const entries = toEntries(
      (await client.rest.git.getTree({ owner, repo, tree_sha: sha })).data.tree,
    )
    directories.set(sha, entries)
    return entries
  }
  const found = new Map<string, TreeEntry>()
  for (const path of wanted) {
    const parts = path.split('/')
    let directory = treeSha
    for (const [index, part] of parts.entries()) {
      const entry = (await listDirectory(directory)).get(part)
      if (entry === undefined) break
      if (index === parts.length - 1) found.set(path, entry)
      else if (entry.type === 'tree') directory = entry.sha
      else break
    }
  }
  return { treeSha, entries: found }
}

function toEntries(
  tree: { path?: string; sha?: string; mode?: string; type?: string }[],
): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>()
  for (const { path, sha, mode, type } of tree) {
    if (path !== undefined && sha !== undefined) {
      entries.set(path, { sha, mode: mode ?? '100644', type: type ?? 'blob' })
    }
  }
  return entries
}

async function readBlob(
  client: GitHubClient,
  owner: string,
  repo: string,
  sha: string,
): Promise<string> {
  const blob = (await client.rest.git.getBlob({ owner, repo, file_sha: sha })).data
  return blob.encoding === 'base64'
    ? Buffer.from(blob.content, 'base64').toString('utf8')
    : blob.content
}

function fileStatus(entry: TreeEntry | undefined, content: string): FileStatus {
  if (entry === undefined || entry.type !== 'blob') return 'added'
  return entry.sha === gitBlobSha(content) ? 'unchanged' : 'modified'
}

// Someone pushed between our read and our write: a fast-forward from the head we read is no
// longer one, or the branch we meant to create now exists.
function branchMoved(error: unknown): error is Parameters<typeof gitHubMessage>[0] {
  if (!isHttpError(error, 422)) return false
  return /not a fast[- ]forward|reference already exists/i.test(gitHubMessage(error))
}
