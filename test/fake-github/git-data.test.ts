import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { EMPTY_TREE_SHA, startFakeGitHub, type FakeGitHub, type FakeRepo } from './index.js'
import { handClock, octokitFor } from './support.js'

let fake: FakeGitHub
let repo: FakeRepo
const clock = handClock('2024-05-07T12:00:00Z')
const where = { owner: 'acme', repo: 'infra' }

beforeEach(async () => {
  clock.set('2024-05-07T12:00:00Z')
  fake = await startFakeGitHub({ now: clock.now })
  repo = fake.addRepo('acme/infra', {
    files: { 'README.md': '# infra\n', 'docs/index.md': 'home\n' },
  })
})
afterEach(() => fake.close())

/** Writes a file through the Git Data API on top of a branch, as infra-log's publisher will. */
async function commitThroughApi(branch: string, path: string, content: string, message: string) {
  const octokit = octokitFor(fake)
  const ref = await octokit.rest.git.getRef({ ...where, ref: `heads/${branch}` })
  const parent = await octokit.rest.git.getCommit({ ...where, commit_sha: ref.data.object.sha })
  const blob = await octokit.rest.git.createBlob({ ...where, content, encoding: 'utf-8' })
  const tree = await octokit.rest.git.createTree({
    ...where,
    base_tree: parent.data.tree.sha,
    tree: [{ path, mode: '100644', type: 'blob', sha: blob.data.sha }],
  })
  const commit = await octokit.rest.git.createCommit({
    ...where,
    message,
    tree: tree.data.sha,
    parents: [parent.data.sha],
  })
  return { parent: parent.data.sha, blob: blob.data, tree: tree.data, commit: commit.data }
}

test('blob → tree → commit → ref update round-trips through the contents API', async () => {
  const octokit = octokitFor(fake)
  const made = await commitThroughApi(
    'main',
    'docs/infra-log/2024-05-07.md',
    '# Infra Log\n\nÄ ✓\n',
    'Infra log 2024-05-07',
  )
  expect(made.blob).toEqual({
    sha: made.blob.sha,
    url: `${fake.url}/repos/acme/infra/git/blobs/${made.blob.sha}`,
  })
  expect(made.commit).toMatchObject({
    message: 'Infra log 2024-05-07',
    parents: [{ sha: made.parent }],
    tree: { sha: made.tree.sha },
    author: { name: 'github-actions[bot]', date: '2024-05-07T12:00:00Z' },
    committer: { name: 'GitHub', email: 'noreply@github.com' },
    verification: { verified: true, reason: 'valid' },
  })
  const updated = await octokit.rest.git.updateRef({
    ...where,
    ref: 'heads/main',
    sha: made.commit.sha,
  })
  expect(updated.data).toMatchObject({
    ref: 'refs/heads/main',
    object: { sha: made.commit.sha, type: 'commit' },
  })

  const file = await octokit.rest.repos.getContent({
    ...where,
    path: 'docs/infra-log/2024-05-07.md',
    ref: 'main',
  })
  if (Array.isArray(file.data) || file.data.type !== 'file') throw new Error('expected a file')
  expect(file.data.content).toMatch(/\n$/)
  expect(Buffer.from(file.data.content, 'base64').toString('utf8')).toBe('# Infra Log\n\nÄ ✓\n')
  expect(file.data).toMatchObject({
    encoding: 'base64',
    name: '2024-05-07.md',
    path: 'docs/infra-log/2024-05-07.md',
    sha: made.blob.sha,
    size: Buffer.byteLength('# Infra Log\n\nÄ ✓\n'),
  })
  expect(repo.readFile('main', 'docs/infra-log/2024-05-07.md')).toBe('# Infra Log\n\nÄ ✓\n')
  expect(repo.listFiles('main')).toEqual([
    'README.md',
    'docs/index.md',
    'docs/infra-log/2024-05-07.md',
  ])
  expect(repo.readFile('main', 'README.md')).toBe('# infra\n')
})

test('shas are the ones git itself computes for the same blob, tree and commit', async () => {
  const octokit = octokitFor(fake)
  const blob = await octokit.rest.git.createBlob({ ...where, content: 'hello\n' })
  expect(blob.data.sha).toBe('ce013625030ba8dba906f756967f9e9ca394464a')
  const again = await octokit.rest.git.createBlob({
    ...where,
    content: Buffer.from('hello\n').toString('base64'),
    encoding: 'base64',
  })
  expect(again.data.sha).toBe(blob.data.sha)

  const tree = await octokit.rest.git.createTree({
    ...where,
    tree: [
      { path: 'b.txt', mode: '100644', type: 'blob', content: 'b\n' },
      { path: 'a/z.txt', mode: '100644', type: 'blob', sha: blob.data.sha },
      { path: 'a.txt', mode: '100755', type: 'blob', content: 'run\n' },
    ],
  })
  const person = { name: 'Ana', email: 'ana@example.com', date: '2024-05-07T12:00:00Z' }
  const commit = await octokit.rest.git.createCommit({
    ...where,
    message: 'Add files\n',
    tree: tree.data.sha,
    parents: [],
    author: person,
    committer: person,
  })
  expect(commit.data.verification.verified).toBe(false)

  const dir = mkdtempSync(join(tmpdir(), 'fake-github-git-'))
  try {
    const git = (args: string[], input?: string) =>
      execFileSync('git', args, {
        cwd: dir,
        input,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'Ana',
          GIT_AUTHOR_EMAIL: 'ana@example.com',
          GIT_AUTHOR_DATE: '1715083200 +0000',
          GIT_COMMITTER_NAME: 'Ana',
          GIT_COMMITTER_EMAIL: 'ana@example.com',
          GIT_COMMITTER_DATE: '1715083200 +0000',
        },
      })
        .toString()
        .trim()
    git(['init', '-q'])
    const hello = git(['hash-object', '-w', '--stdin'], 'hello\n')
    const b = git(['hash-object', '-w', '--stdin'], 'b\n')
    const run = git(['hash-object', '-w', '--stdin'], 'run\n')
    const sub = git(['mktree'], `100644 blob ${hello}\tz.txt\n`)
    const root = git(
      ['mktree'],
      `100755 blob ${run}\ta.txt\n040000 tree ${sub}\ta\n100644 blob ${b}\tb.txt\n`,
    )
    expect(tree.data.sha).toBe(root)
    expect(commit.data.sha).toBe(git(['commit-tree', root], 'Add files\n'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

describe('trees', () => {
  test('nested paths, deletions with sha null, and directories left empty disappear', async () => {
    const octokit = octokitFor(fake)
    const base = repo.git.commit(repo.branchSha('main') ?? '')?.tree
    const tree = await octokit.rest.git.createTree({
      ...where,
      base_tree: base,
      tree: [
        { path: 'docs/index.md', mode: '100644', type: 'blob', sha: null },
        { path: 'site/a/b/c.md', mode: '100644', type: 'blob', content: 'deep\n' },
      ],
    })
    expect(tree.status).toBe(201)
    expect(tree.data.tree.map((e) => [e.path, e.type, e.mode])).toEqual([
      ['README.md', 'blob', '100644'],
      ['site', 'tree', '040000'],
    ])
    const recursive = await octokit.rest.git.getTree({
      ...where,
      tree_sha: tree.data.sha,
      recursive: '1',
    })
    expect(recursive.data.tree.map((e) => `${e.type} ${e.path}`)).toEqual([
      'blob README.md',
      'tree site',
      'tree site/a',
      'tree site/a/b',
      'blob site/a/b/c.md',
    ])
    expect(recursive.data.truncated).toBe(false)
    const flat = await octokit.rest.git.getTree({ ...where, tree_sha: tree.data.sha })
    expect(flat.data.tree.map((e) => e.path)).toEqual(['README.md', 'site'])
    const byBranch = await octokit.rest.git.getTree({ ...where, tree_sha: 'main' })
    expect(byBranch.data.sha).toBe(base)
    // A commit's sha is a tree-ish too; the answer names the tree, not the commit.
    const byCommit = await octokit.rest.git.getTree({
      ...where,
      tree_sha: repo.branchSha('main') ?? '',
    })
    expect(byCommit.data.sha).toBe(base)
    expect(byCommit.data.sha).not.toBe(repo.branchSha('main'))
  })

  test('deleting every file leaves git’s empty tree', async () => {
    const octokit = octokitFor(fake)
    const base = repo.git.commit(repo.branchSha('main') ?? '')?.tree
    const tree = await octokit.rest.git.createTree({
      ...where,
      base_tree: base,
      tree: [
        { path: 'README.md', mode: '100644', type: 'blob', sha: null },
        { path: 'docs/index.md', mode: '100644', type: 'blob', sha: null },
      ],
    })
    expect(tree.data).toMatchObject({ sha: EMPTY_TREE_SHA, tree: [] })
  })

  test('bad entries and unknown shas are refused', async () => {
    const octokit = octokitFor(fake)
    await expect(
      octokit.rest.git.createTree({
        ...where,
        tree: [{ path: 'x', mode: '100644', type: 'blob', sha: 'f'.repeat(40) }],
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: `tree.sha ${'f'.repeat(40)} is not a valid blob` } },
    })
    await expect(
      octokit.rest.git.createTree({ ...where, base_tree: 'e'.repeat(40), tree: [] }),
    ).rejects.toMatchObject({ status: 404 })
  })

  test('a blob comes back as base64 in 60-character lines', async () => {
    const octokit = octokitFor(fake)
    const text = 'x'.repeat(100)
    const made = await octokit.rest.git.createBlob({ ...where, content: text })
    const { data } = await octokit.rest.git.getBlob({ ...where, file_sha: made.data.sha })
    expect(data.encoding).toBe('base64')
    expect(data.size).toBe(100)
    expect(data.content.split('\n').map((line) => line.length)).toEqual([60, 60, 16, 0])
    expect(Buffer.from(data.content, 'base64').toString()).toBe(text)
    await expect(
      octokit.rest.git.getBlob({ ...where, file_sha: 'a'.repeat(40) }),
    ).rejects.toMatchObject({
      status: 404,
    })
  })
})

describe('refs', () => {
  test('create a branch ref, refuse a duplicate, and 404 a missing one', async () => {
    const octokit = octokitFor(fake)
    const main = repo.branchSha('main') ?? ''
    const created = await octokit.rest.git.createRef({
      ...where,
      ref: 'refs/heads/infra-log/2024-05-07',
      sha: main,
    })
    expect(created.status).toBe(201)
    expect(created.data).toMatchObject({
      ref: 'refs/heads/infra-log/2024-05-07',
      object: { sha: main, type: 'commit' },
    })
    expect(repo.branches()).toEqual(['infra-log/2024-05-07', 'main'])
    await expect(
      octokit.rest.git.createRef({ ...where, ref: 'refs/heads/infra-log/2024-05-07', sha: main }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Reference already exists' } },
    })
    const read = await octokit.rest.git.getRef({ ...where, ref: 'heads/infra-log/2024-05-07' })
    expect(read.data.object.sha).toBe(main)
    await expect(octokit.rest.git.getRef({ ...where, ref: 'heads/nope' })).rejects.toMatchObject({
      status: 404,
      response: { data: { message: 'Not Found' } },
    })
  })

  test('an update that is not a fast forward is refused unless forced', async () => {
    const octokit = octokitFor(fake)
    repo.createBranch('report')
    const mine = await commitThroughApi('report', 'a.md', 'mine\n', 'mine')
    const theirs = repo.commitAsPerson('report', { 'b.md': 'theirs\n' }, 'a person edits')
    await expect(
      octokit.rest.git.updateRef({ ...where, ref: 'heads/report', sha: mine.commit.sha }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Update is not a fast forward' } },
    })
    expect(repo.branchSha('report')).toBe(theirs)
    const forced = await octokit.rest.git.updateRef({
      ...where,
      ref: 'heads/report',
      sha: mine.commit.sha,
      force: true,
    })
    expect(forced.data.object.sha).toBe(mine.commit.sha)
    expect(repo.readFile('report', 'b.md')).toBeUndefined()
  })

  test('delete a ref, then it is gone', async () => {
    const octokit = octokitFor(fake)
    repo.createBranch('old')
    expect((await octokit.rest.git.deleteRef({ ...where, ref: 'heads/old' })).status).toBe(204)
    expect(repo.branches()).toEqual(['main'])
    await expect(octokit.rest.git.deleteRef({ ...where, ref: 'heads/old' })).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Reference does not exist' } },
    })
  })

  test('a protected branch cannot be moved or deleted', async () => {
    const octokit = octokitFor(fake)
    repo.protectedBranches.add('main')
    const made = await commitThroughApi('main', 'x.md', 'x\n', 'x')
    const refusal = {
      status: 422,
      response: { data: { message: 'Protected branch update failed for refs/heads/main.' } },
    }
    await expect(
      octokit.rest.git.updateRef({ ...where, ref: 'heads/main', sha: made.commit.sha }),
    ).rejects.toMatchObject(refusal)
    await expect(octokit.rest.git.deleteRef({ ...where, ref: 'heads/main' })).rejects.toMatchObject(
      refusal,
    )
    expect(repo.branchSha('main')).toBe(made.parent)
    const branch = await octokit.rest.repos.getBranch({ ...where, branch: 'main' })
    expect(branch.data.protected).toBe(true)
  })
})

describe('commits, contents and branches', () => {
  test('commits by a person are unsigned; an unknown tree or parent is refused', async () => {
    const octokit = octokitFor(fake)
    const sha = repo.commitAsPerson('main', { 'README.md': null }, 'drop readme')
    const { data } = await octokit.rest.git.getCommit({ ...where, commit_sha: sha })
    expect(data).toMatchObject({
      sha,
      message: 'drop readme',
      author: { name: 'A Person', email: 'person@example.com', date: '2024-05-07T12:00:00Z' },
      verification: { verified: false, reason: 'unsigned', signature: null },
    })
    await expect(
      octokit.rest.git.createCommit({ ...where, message: 'm', tree: 'd'.repeat(40), parents: [] }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Tree SHA does not exist' } },
    })
    await expect(
      octokit.rest.git.createCommit({
        ...where,
        message: 'm',
        tree: data.tree.sha,
        parents: ['d'.repeat(40)],
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Parent SHA does not exist or is not a commit object' } },
    })
  })

  test('contents lists directories, 404s missing paths and unknown refs', async () => {
    const octokit = octokitFor(fake)
    const root = await octokit.rest.repos.getContent({ ...where, path: '' })
    if (!Array.isArray(root.data)) throw new Error('expected a directory')
    expect(root.data.map((e) => [e.type, e.path, e.name])).toEqual([
      ['file', 'README.md', 'README.md'],
      ['dir', 'docs', 'docs'],
    ])
    const docs = await octokit.rest.repos.getContent({ ...where, path: 'docs' })
    if (!Array.isArray(docs.data)) throw new Error('expected a directory')
    expect(docs.data.map((e) => [e.type, e.path, e.size])).toEqual([['file', 'docs/index.md', 5]])
    await expect(
      octokit.rest.repos.getContent({ ...where, path: 'docs/missing.md' }),
    ).rejects.toMatchObject({ status: 404, response: { data: { message: 'Not Found' } } })
    await expect(
      octokit.rest.repos.getContent({ ...where, path: 'README.md', ref: 'no-such-branch' }),
    ).rejects.toMatchObject({
      status: 404,
      response: { data: { message: 'No commit found for the ref no-such-branch' } },
    })
  })

  test('a file is read at a branch, a commit sha, or the default branch', async () => {
    const octokit = octokitFor(fake)
    const before = repo.branchSha('main') ?? ''
    repo.commitAsPerson('main', { 'README.md': '# changed\n' }, 'edit')
    const read = async (ref?: string) => {
      const { data } = await octokit.rest.repos.getContent({ ...where, path: 'README.md', ref })
      if (Array.isArray(data) || data.type !== 'file') throw new Error('expected a file')
      return Buffer.from(data.content, 'base64').toString()
    }
    expect(await read()).toBe('# changed\n')
    expect(await read(before)).toBe('# infra\n')
    expect(repo.readFile(before, 'README.md')).toBe('# infra\n')
  })

  test('a branch is described with its head commit; a missing one is 404', async () => {
    const octokit = octokitFor(fake)
    repo.createBranch('infra-log/2024-05-07')
    const { data } = await octokit.rest.repos.getBranch({
      ...where,
      branch: 'infra-log/2024-05-07',
    })
    expect(data).toMatchObject({
      name: 'infra-log/2024-05-07',
      protected: false,
      commit: { sha: repo.branchSha('main'), commit: { message: 'Initial commit' } },
    })
    await expect(octokit.rest.repos.getBranch({ ...where, branch: 'gone' })).rejects.toMatchObject({
      status: 404,
      response: { data: { message: 'Branch not found' } },
    })
  })

  test('a read-only token may read git data but not write it', async () => {
    repo.readOnly()
    const octokit = octokitFor(fake)
    expect((await octokit.rest.git.getRef({ ...where, ref: 'heads/main' })).status).toBe(200)
    await expect(octokit.rest.git.createBlob({ ...where, content: 'x' })).rejects.toMatchObject({
      status: 403,
      response: {
        data: { message: 'Resource not accessible by integration' },
        headers: { 'x-accepted-github-permissions': 'contents=write' },
      },
    })
  })
})
