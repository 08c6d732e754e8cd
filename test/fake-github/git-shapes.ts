import type { components } from '@octokit/openapi-types'
import { commitPayload, type FlatTreeEntry, type GitCommit } from './git-objects.js'
import type { FakeRepo } from './repo-state.js'
import { buildUser, repoApi } from './shapes.js'
import type { FakeWorld } from './world.js'

type Schemas = components['schemas']

const HTML = 'https://github.com'

/** Files above this size come back from the contents API without content, as on GitHub. */
const CONTENTS_INLINE_LIMIT = 1024 * 1024

/** Base64 broken into 60-character lines, the way GitHub sends blob and file contents. */
export function wrappedBase64(content: Buffer): string {
  const flat = content.toString('base64')
  const lines = flat.match(/.{1,60}/g) ?? []
  return lines.map((line) => `${line}\n`).join('')
}

/** `GET/PATCH/POST .../git/ref(s)` (`git-ref`). */
export function buildRef(world: FakeWorld, repo: FakeRepo, ref: string, sha: string) {
  return {
    ref,
    node_id: `REF_${Buffer.from(ref).toString('base64url')}`,
    url: `${repoApi(world, repo)}/git/${ref}`,
    object: { type: 'commit', sha, url: `${repoApi(world, repo)}/git/commits/${sha}` },
  } satisfies Schemas['git-ref']
}

function verification(commit: GitCommit): Schemas['git-commit']['verification'] {
  if (!commit.signed) {
    return {
      verified: false,
      reason: 'unsigned',
      signature: null,
      payload: null,
      verified_at: null,
    }
  }
  return {
    verified: true,
    reason: 'valid',
    // Not a real signature: tests only check that GitHub would have signed this commit.
    signature: '-----BEGIN PGP SIGNATURE-----\n\nfake-github\n-----END PGP SIGNATURE-----\n',
    payload: commitPayload(commit),
    verified_at: commit.committer.date,
  }
}

/** `GET/POST .../git/commits` (`git-commit`). */
export function buildGitCommit(world: FakeWorld, repo: FakeRepo, sha: string, commit: GitCommit) {
  const api = repoApi(world, repo)
  return {
    sha,
    node_id: `C_${sha}`,
    url: `${api}/git/commits/${sha}`,
    html_url: `${HTML}/${repo.fullName}/commit/${sha}`,
    author: commit.author,
    committer: commit.committer,
    message: commit.message,
    tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
    parents: commit.parents.map((parent) => ({
      sha: parent,
      url: `${api}/git/commits/${parent}`,
      html_url: `${HTML}/${repo.fullName}/commit/${parent}`,
    })),
    verification: verification(commit),
  } satisfies Schemas['git-commit']
}

/** `GET/POST .../git/trees` (`git-tree`). */
export function buildGitTree(
  world: FakeWorld,
  repo: FakeRepo,
  sha: string,
  entries: FlatTreeEntry[],
) {
  const api = repoApi(world, repo)
  return {
    sha,
    url: `${api}/git/trees/${sha}`,
    truncated: false,
    tree: entries.map((entry) => {
      const kind = entry.type === 'tree' ? 'trees' : entry.type === 'blob' ? 'blobs' : 'commits'
      const base = { path: entry.path, mode: entry.mode, type: entry.type, sha: entry.sha }
      const url = `${api}/git/${kind}/${entry.sha}`
      return entry.size === undefined ? { ...base, url } : { ...base, size: entry.size, url }
    }),
  } satisfies Schemas['git-tree']
}

/** `POST .../git/blobs` (`short-blob`). */
export function buildShortBlob(world: FakeWorld, repo: FakeRepo, sha: string) {
  return { sha, url: `${repoApi(world, repo)}/git/blobs/${sha}` } satisfies Schemas['short-blob']
}

/** `GET .../git/blobs/{sha}` (`blob`). */
export function buildBlob(world: FakeWorld, repo: FakeRepo, sha: string, content: Buffer) {
  return {
    sha,
    node_id: `B_${sha}`,
    size: content.length,
    url: `${repoApi(world, repo)}/git/blobs/${sha}`,
    content: wrappedBase64(content),
    encoding: 'base64',
  } satisfies Schemas['blob']
}

type ContentLinks = Pick<
  Schemas['content-file'],
  'url' | 'git_url' | 'html_url' | 'download_url' | '_links'
>

function contentLinks(
  world: FakeWorld,
  repo: FakeRepo,
  ref: string,
  entry: FlatTreeEntry,
): ContentLinks {
  const url = `${repoApi(world, repo)}/contents/${entry.path}?ref=${encodeURIComponent(ref)}`
  const kind = entry.type === 'tree' ? 'trees' : 'blobs'
  const gitUrl = `${repoApi(world, repo)}/git/${kind}/${entry.sha}`
  const htmlUrl = `${HTML}/${repo.fullName}/${entry.type === 'tree' ? 'tree' : 'blob'}/${ref}/${entry.path}`
  const download =
    entry.type === 'blob'
      ? `https://raw.githubusercontent.com/${repo.fullName}/${ref}/${entry.path}`
      : null
  return {
    url,
    git_url: gitUrl,
    html_url: htmlUrl,
    download_url: download,
    _links: { self: url, git: gitUrl, html: htmlUrl },
  }
}

/** `GET .../contents/{file}` (`content-file`); large files come back with encoding `none`. */
export function buildContentFile(
  world: FakeWorld,
  repo: FakeRepo,
  ref: string,
  entry: FlatTreeEntry,
  content: Buffer,
) {
  const inline = content.length <= CONTENTS_INLINE_LIMIT
  return {
    type: 'file',
    encoding: inline ? 'base64' : 'none',
    size: content.length,
    name: entry.name,
    path: entry.path,
    content: inline ? wrappedBase64(content) : '',
    sha: entry.sha,
    ...contentLinks(world, repo, ref, entry),
  } satisfies Schemas['content-file']
}

/** `GET .../contents/{dir}` (`content-directory`): one item per entry, without content. */
export function buildContentDirectory(
  world: FakeWorld,
  repo: FakeRepo,
  ref: string,
  entries: FlatTreeEntry[],
) {
  return entries.map((entry) => ({
    type:
      entry.type === 'tree'
        ? ('dir' as const)
        : entry.type === 'commit'
          ? ('submodule' as const)
          : ('file' as const),
    size: entry.size ?? 0,
    name: entry.name,
    path: entry.path,
    sha: entry.sha,
    ...contentLinks(world, repo, ref, entry),
  })) satisfies Schemas['content-directory']
}

/** `GET .../branches/{branch}` (`branch-with-protection`). */
export function buildBranch(
  world: FakeWorld,
  repo: FakeRepo,
  branch: string,
  sha: string,
  commit: GitCommit,
) {
  const api = repoApi(world, repo)
  const isProtected = repo.protectedBranches.has(branch)
  return {
    name: branch,
    commit: {
      sha,
      node_id: `C_${sha}`,
      url: `${api}/commits/${sha}`,
      html_url: `${HTML}/${repo.fullName}/commit/${sha}`,
      comments_url: `${api}/commits/${sha}/comments`,
      commit: {
        url: `${api}/git/commits/${sha}`,
        author: commit.author,
        committer: commit.committer,
        message: commit.message,
        comment_count: 0,
        tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
        verification: verification(commit),
      },
      author: commit.signed ? buildUser(world, world.actor) : null,
      committer: commit.signed ? buildUser(world, 'web-flow') : null,
      parents: commit.parents.map((parent) => ({
        sha: parent,
        url: `${api}/commits/${parent}`,
        html_url: `${HTML}/${repo.fullName}/commit/${parent}`,
      })),
    },
    _links: {
      self: `${api}/branches/${branch}`,
      html: `${HTML}/${repo.fullName}/tree/${branch}`,
    },
    protected: isProtected,
    protection: {
      enabled: isProtected,
      required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] },
    },
    protection_url: `${api}/branches/${branch}/protection`,
  } satisfies Schemas['branch-with-protection']
}
