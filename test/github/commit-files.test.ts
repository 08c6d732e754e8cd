import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  commitFiles,
  type CommitFilesParams,
  type ContentSource,
} from '../../src/github/commit-files.js'
import { explainGitHubError } from '../../src/github/explain-error.js'
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../fake-github/index.js'
import { collectingLogger, fakeClient, requestLines, writes } from './helpers.js'

let fake: FakeGitHub
const BRANCH = 'infra-log/2024-05-07'
const PAGE = 'docs/infra-log/2024-05-07.md'
const SVG = 'docs/infra-log/2024-05-07-incidents.svg'
const INDEX = 'docs/infra-log/index.md'
const PATHS = [PAGE, SVG, INDEX]
const NOTE_START = '<!-- note:start -->'
const NOTE_END = '<!-- note:end -->'

beforeAll(async () => {
  fake = await startFakeGitHub()
})
afterAll(async () => fake.close())
beforeEach(() => {
  fake.faults.clear()
  fake.resetRequests()
})

let repoCount = 0
function newRepo(): FakeRepo {
  repoCount += 1
  return fake.addRepo(`acme/site-${repoCount}`, {
    files: { 'README.md': '# site\n', [INDEX]: '# Infra log\n\nWritten by people.\n' },
  })
}

/** The page's editor's note region, the part of a generated page a person owns. */
function noteOf(page: string | null): string {
  if (page === null) return 'TODO'
  const start = page.indexOf(NOTE_START)
  const end = page.indexOf(NOTE_END)
  return start < 0 || end < 0 ? 'TODO' : page.slice(start + NOTE_START.length, end)
}

/**
 * A stand-in for the caller's merge: regenerates the page around the person-owned note it finds
 * on the branch, writes the diagram, and appends to the index. Records what it was given.
 */
function reportBuild(generated: string) {
  const calls: { existing: Record<string, string | null>; from: ContentSource }[] = []
  const build = (existing: Map<string, string | null>, from: ContentSource) => {
    calls.push({ existing: Object.fromEntries(existing), from })
    const index = existing.get(INDEX) ?? '# Infra log\n'
    return new Map([
      [
        PAGE,
        `# Report\n\n${generated}\n\n${NOTE_START}${noteOf(existing.get(PAGE) ?? null)}${NOTE_END}\n`,
      ],
      [SVG, `<svg role="img"><title>${generated}</title></svg>\n`],
      [INDEX, index.includes('2024-05-07') ? index : `${index}\n- [2024-05-07](2024-05-07.md)\n`],
    ])
  }
  return { build, calls }
}

function params(
  repo: FakeRepo,
  build: CommitFilesParams['build'],
  extra: Partial<CommitFilesParams> = {},
): CommitFilesParams {
  return {
    client: fakeClient(fake),
    repository: repo.fullName,
    branch: BRANCH,
    message: 'Infra log for 2024-05-07',
    paths: PATHS,
    build,
    dryRun: false,
    log: collectingLogger(),
    ...extra,
  }
}

describe('commitFiles', () => {
  it('creates the branch from the default branch with one signed commit holding every file', async () => {
    const repo = newRepo()
    const mainHead = repo.branchSha('main')
    const { build, calls } = reportBuild('3 incidents')
    const result = await commitFiles(params(repo, build))

    expect(result).toEqual({
      operation: 'created',
      branch: BRANCH,
      base: 'main',
      commitSha: repo.branchSha(BRANCH),
      files: [
        { path: PAGE, status: 'added' },
        { path: SVG, status: 'added' },
        { path: INDEX, status: 'modified' },
      ],
      keptFrom: 'base',
    })
    expect(calls).toEqual([
      {
        existing: { [PAGE]: null, [SVG]: null, [INDEX]: '# Infra log\n\nWritten by people.\n' },
        from: 'base',
      },
    ])
    const commit = repo.git.commit(result.commitSha ?? '')
    expect(commit?.parents).toEqual([mainHead])
    expect(commit?.signed).toBe(true)
    expect(commit?.message).toBe('Infra log for 2024-05-07')
    expect(repo.readFile(BRANCH, PAGE)).toBe(
      `# Report\n\n3 incidents\n\n${NOTE_START}TODO${NOTE_END}\n`,
    )
    expect(repo.readFile(BRANCH, INDEX)).toBe(
      '# Infra log\n\nWritten by people.\n\n- [2024-05-07](2024-05-07.md)\n',
    )
    expect(repo.readFile(BRANCH, 'README.md')).toBe('# site\n')
    expect(repo.branchSha('main')).toBe(mainHead)
    const repoPath = `/repos/${repo.fullName}`
    expect(requestLines(fake)).toEqual([
      `GET ${repoPath}`,
      `GET ${repoPath}/git/ref/heads/${BRANCH}`,
      `GET ${repoPath}/git/ref/heads/main`,
      `GET ${repoPath}/git/trees/${mainHead}`,
      `GET ${repoPath}/git/blobs/${fake.requests[4]?.path.split('/').at(-1)}`,
      `POST ${repoPath}/git/trees`,
      `POST ${repoPath}/git/commits`,
      `POST ${repoPath}/git/refs`,
    ])
    // Only the file that exists is read.
    expect(fake.requests.filter((request) => request.path.includes('/git/blobs/'))).toHaveLength(1)
  })

  it('takes the default branch from the runner without asking GitHub', async () => {
    const repo = newRepo()
    const { build } = reportBuild('3 incidents')
    const result = await commitFiles(params(repo, build, { defaultBranch: 'main' }))
    expect(result).toMatchObject({ operation: 'created', base: 'main' })
    expect(requestLines(fake)).not.toContain(`GET /repos/${repo.fullName}`)
    expect(repo.git.commit(result.commitSha ?? '')?.parents).toEqual([repo.branchSha('main')])
  })

  it('asks GitHub when the runner names a default branch that does not exist', async () => {
    const repo = newRepo()
    const { build } = reportBuild('3 incidents')
    const result = await commitFiles(params(repo, build, { defaultBranch: 'master' }))
    expect(result).toMatchObject({ operation: 'created', base: 'main' })
    const path = `/repos/${repo.fullName}`
    expect(requestLines(fake).slice(0, 4)).toEqual([
      `GET ${path}/git/ref/heads/${BRANCH}`,
      `GET ${path}/git/ref/heads/master`,
      `GET ${path}`,
      `GET ${path}/git/ref/heads/main`,
    ])
  })

  it('uses base-branch over what the runner says', async () => {
    const repo = newRepo()
    repo.createBranch('gh-pages')
    const { build } = reportBuild('3 incidents')
    const result = await commitFiles(
      params(repo, build, { baseBranch: 'gh-pages', defaultBranch: 'main' }),
    )
    expect(result).toMatchObject({ operation: 'created', base: 'gh-pages' })
  })

  it('writes nothing on a second run with the same content', async () => {
    const repo = newRepo()
    const { build } = reportBuild('3 incidents')
    const first = await commitFiles(params(repo, build))
    fake.resetRequests()

    const { build: again, calls } = reportBuild('3 incidents')
    const second = await commitFiles(params(repo, again))
    expect(second).toEqual({
      operation: 'unchanged',
      branch: BRANCH,
      base: 'main',
      commitSha: null,
      files: PATHS.map((path) => ({ path, status: 'unchanged' })),
      keptFrom: 'branch',
    })
    expect(writes(fake)).toEqual([])
    expect(calls[0]?.from).toBe('branch')
    expect(repo.branchSha(BRANCH)).toBe(first.commitSha)
  })

  it('gives the build the branch’s files, so a person’s commit on the branch is kept', async () => {
    const repo = newRepo()
    await commitFiles(params(repo, reportBuild('3 incidents').build))
    const edited = `# Report\n\n3 incidents\n\n${NOTE_START}A calm fortnight.${NOTE_END}\n`
    const personal = repo.commitAsPerson(
      BRANCH,
      { [PAGE]: edited, 'docs/extra.md': 'mine\n' },
      'Editor’s note',
    )

    fake.resetRequests()
    const { build, calls } = reportBuild('4 incidents')
    const result = await commitFiles(params(repo, build))
    expect(result.operation).toBe('updated')
    expect(result.keptFrom).toBe('branch')
    expect(result.files).toEqual([
      { path: PAGE, status: 'modified' },
      { path: SVG, status: 'modified' },
      { path: INDEX, status: 'unchanged' },
    ])
    expect(calls[0]?.existing[PAGE]).toBe(edited)
    expect(repo.readFile(BRANCH, PAGE)).toBe(
      `# Report\n\n4 incidents\n\n${NOTE_START}A calm fortnight.${NOTE_END}\n`,
    )
    expect(repo.readFile(BRANCH, 'docs/extra.md')).toBe('mine\n')
    expect(repo.git.commit(result.commitSha ?? '')?.parents).toEqual([personal])
    // Only the changed files go into the new tree.
    const tree = fake.requests.find(
      (request) => request.method === 'POST' && request.path.endsWith('/git/trees'),
    )
    expect((tree?.body as { tree: { path: string }[] }).tree.map((entry) => entry.path)).toEqual([
      PAGE,
      SVG,
    ])
    expect(
      fake.requests.filter((request) => request.method === 'PATCH').map((request) => request.body),
    ).toEqual([{ sha: result.commitSha, force: false }])
  })

  it('keeps the branch’s history when the base moved on, without rebasing', async () => {
    const repo = newRepo()
    const created = await commitFiles(params(repo, reportBuild('3 incidents').build))
    repo.commitAsPerson('main', { 'README.md': '# site, renamed\n' }, 'Rename')

    const result = await commitFiles(params(repo, reportBuild('5 incidents').build))
    expect(result.operation).toBe('updated')
    expect(repo.git.commit(result.commitSha ?? '')?.parents).toEqual([created.commitSha])
    expect(repo.readFile(BRANCH, 'README.md')).toBe('# site\n')
  })

  it('reads the branch again and rebuilds when a person pushes during the run, never forcing', async () => {
    const repo = newRepo()
    await commitFiles(params(repo, reportBuild('3 incidents').build))
    const edited = `# Report\n\n3 incidents\n\n${NOTE_START}Written mid-run.${NOTE_END}\n`
    let personal = ''
    const rule = fake.faults.add({
      match: { method: 'PATCH', path: `/repos/${repo.fullName}/git/refs/heads/${BRANCH}` },
      fault: {
        before: () => void (personal = repo.commitAsPerson(BRANCH, { [PAGE]: edited }, 'Note')),
      },
    })
    const log = collectingLogger()
    const { build, calls } = reportBuild('4 incidents')
    const result = await commitFiles(params(repo, build, { log }))

    expect(rule.fired).toBe(1)
    expect(calls.map((call) => call.existing[PAGE])).toEqual([
      `# Report\n\n3 incidents\n\n${NOTE_START}TODO${NOTE_END}\n`,
      edited,
    ])
    expect(result.operation).toBe('updated')
    expect(repo.branchSha(BRANCH)).toBe(result.commitSha)
    expect(repo.git.isAncestor(personal, result.commitSha ?? '')).toBe(true)
    expect(repo.git.commit(result.commitSha ?? '')?.parents).toEqual([personal])
    expect(repo.readFile(BRANCH, PAGE)).toBe(
      `# Report\n\n4 incidents\n\n${NOTE_START}Written mid-run.${NOTE_END}\n`,
    )
    const patches = fake.requests.filter((request) => request.method === 'PATCH')
    expect(
      patches.map((request) => [request.status, (request.body as { force: boolean }).force]),
    ).toEqual([
      [422, false],
      [200, false],
    ])
    expect(log.lines).toContain(
      `warning: ${repo.fullName}: ${BRANCH} changed during the run (Update is not a fast forward); reading it again.`,
    )
  })

  it('gives up after 3 retries when the branch keeps moving, leaving the person’s commits in place', async () => {
    const repo = newRepo()
    await commitFiles(params(repo, reportBuild('3 incidents').build))
    let last = ''
    let edits = 0
    fake.faults.add({
      match: {
        method: 'PATCH',
        path: `/repos/${repo.fullName}/git/refs/heads/${BRANCH}`,
        times: Infinity,
      },
      fault: {
        before: () =>
          void (last = repo.commitAsPerson(BRANCH, { [`edit-${++edits}.md`]: 'x\n' }, 'Edit')),
      },
    })
    const error = await commitFiles(params(repo, reportBuild('4 incidents').build)).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toBe(
      `Branch \`${BRANCH}\` on ${repo.fullName} changed while infra-log was committing to it, 4 times in a row; nothing was overwritten. Run the workflow again.`,
    )
    expect(fake.requests.filter((request) => request.method === 'PATCH')).toHaveLength(4)
    expect(repo.branchSha(BRANCH)).toBe(last)
  })

  it('updates a branch that someone created during the run instead of failing', async () => {
    const repo = newRepo()
    let theirs = ''
    fake.faults.add({
      match: { method: 'POST', path: `/repos/${repo.fullName}/git/refs` },
      fault: { before: () => void (theirs = repo.createBranch(BRANCH)) },
    })
    const { build, calls } = reportBuild('3 incidents')
    const result = await commitFiles(params(repo, build))
    expect(calls.map((call) => call.from)).toEqual(['base', 'branch'])
    expect(result.operation).toBe('updated')
    expect(result.keptFrom).toBe('branch')
    expect(repo.git.commit(result.commitSha ?? '')?.parents).toEqual([theirs])
  })

  it('reads everything but writes nothing in a dry run, and says what it would write', async () => {
    const repo = newRepo()
    const log = collectingLogger()
    const result = await commitFiles(
      params(repo, reportBuild('3 incidents').build, { dryRun: true, log }),
    )
    expect(result).toMatchObject({ operation: 'created', commitSha: null, keptFrom: 'base' })
    expect(writes(fake)).toEqual([])
    expect(repo.branchSha(BRANCH)).toBeUndefined()
    expect(log.lines.filter((line) => line.startsWith('info'))).toEqual([
      `info: Dry run: would create ${BRANCH} on ${repo.fullName}:`,
      `info:   added ${PAGE} (64 bytes)`,
      `info:   added ${SVG} (49 bytes)`,
      `info:   modified ${INDEX} (63 bytes)`,
    ])

    await commitFiles(params(repo, reportBuild('3 incidents').build))
    fake.resetRequests()
    const update = await commitFiles(
      params(repo, reportBuild('9 incidents').build, { dryRun: true }),
    )
    expect(update).toMatchObject({ operation: 'updated', commitSha: null, keptFrom: 'branch' })
    expect(writes(fake)).toEqual([])
  })

  it('uses the base branch it is given without asking for the default one', async () => {
    const repo = newRepo()
    repo.createBranch('gh-pages')
    repo.commitAsPerson('gh-pages', { 'site.txt': 'pages\n' }, 'Pages')
    const result = await commitFiles(
      params(repo, reportBuild('1 incident').build, { baseBranch: 'gh-pages' }),
    )
    expect(result.base).toBe('gh-pages')
    expect(repo.readFile(BRANCH, 'site.txt')).toBe('pages\n')
    expect(requestLines(fake)).not.toContain(`GET /repos/${repo.fullName}`)
  })

  it('names a base branch that does not exist', async () => {
    const repo = newRepo()
    await expect(
      commitFiles(params(repo, reportBuild('1').build, { baseBranch: 'nope' })),
    ).rejects.toThrow(
      `Base branch \`nope\` does not exist in ${repo.fullName} (input \`base-branch\`)`,
    )
  })

  it('fails on a protected branch without retrying, with an explanation that names the branch', async () => {
    const repo = newRepo()
    await commitFiles(params(repo, reportBuild('3 incidents').build))
    repo.protectedBranches.add(BRANCH)
    fake.resetRequests()
    const error = await commitFiles(params(repo, reportBuild('4 incidents').build)).catch(
      (caught: unknown) => caught,
    )
    expect(error).toMatchObject({ status: 422 })
    expect(fake.requests.filter((request) => request.method === 'PATCH')).toHaveLength(1)
    expect(
      explainGitHubError(error, { repository: repo.fullName, action: 'update the report branch' }),
    ).toContain(`refuses updates to branch \`${BRANCH}\``)
  })

  it('retries a ref update whose connection dropped before GitHub handled it', async () => {
    const repo = newRepo()
    await commitFiles(params(repo, reportBuild('3 incidents').build))
    fake.resetRequests()
    fake.faults.add({
      match: { method: 'PATCH', path: `/repos/${repo.fullName}/git/refs/heads/${BRANCH}` },
      fault: { reset: true },
    })
    const result = await commitFiles(params(repo, reportBuild('4 incidents').build))
    expect(result.operation).toBe('updated')
    expect(repo.branchSha(BRANCH)).toBe(result.commitSha)
    expect(
      fake.requests
        .filter((request) => request.method === 'PATCH')
        .map((request) => request.status),
    ).toEqual([0, 200])
  })

  it('says to run again when the answer to a write is cut off, and the next run finishes the job', async () => {
    const repo = newRepo()
    fake.faults.add({
      match: { method: 'POST', path: `/repos/${repo.fullName}/git/commits` },
      fault: { reset: 'after-handling' },
    })
    await expect(commitFiles(params(repo, reportBuild('3 incidents').build))).rejects.toThrow(
      `GitHub's answer to creating the commit on ${repo.fullName} had no sha (the connection may have dropped). Run the workflow again: a new run picks up from what was written.`,
    )
    expect(repo.branchSha(BRANCH)).toBeUndefined()
    const result = await commitFiles(params(repo, reportBuild('3 incidents').build))
    expect(result.operation).toBe('created')
    expect(repo.readFile(BRANCH, SVG)).toBe('<svg role="img"><title>3 incidents</title></svg>\n')
  })

  it('keeps an executable file executable', async () => {
    const repo = newRepo()
    const base = repo.git.commit(repo.branchSha('main') ?? '')
    const blob = repo.git.writeBlob(Buffer.from('#!/bin/sh\n'))
    const tree = repo.git.editTree(base?.tree, [
      { path: 'run.sh', mode: '100755', type: 'blob', sha: blob },
    ])
    const sha = repo.git.writeCommit({
      ...(base ?? {
        author: { name: 'a', email: 'a', date: '' },
        committer: { name: 'a', email: 'a', date: '' },
      }),
      tree,
      parents: [repo.branchSha('main') ?? ''],
      message: 'x',
      signed: false,
    })
    repo.refRecords.set('refs/heads/main', sha)
    const result = await commitFiles(
      params(repo, () => new Map([['run.sh', '#!/bin/sh\necho hi\n']]), { paths: ['run.sh'] }),
    )
    expect(result.files).toEqual([{ path: 'run.sh', status: 'modified' }])
    expect(
      repo.git.entryAt(repo.git.commit(result.commitSha ?? '')?.tree ?? '', 'run.sh')?.mode,
    ).toBe('100755')
  })
})
