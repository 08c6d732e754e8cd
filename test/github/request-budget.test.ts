import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commitFiles } from '../../src/github/commit-files.js'
import { fetchLabelledIssues } from '../../src/github/fetch-issues.js'
import { upsertPullRequest } from '../../src/github/upsert-pull-request.js'
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../fake-github/index.js'
import { collectingLogger, fakeClient } from './helpers.js'

let fake: FakeGitHub
let repo: FakeRepo
const BRANCH = 'infra-log/2024-05-07'
const INDEX = 'docs/infra-log/index.md'
const FEED = 'docs/infra-log/feed.xml'

beforeAll(async () => {
  fake = await startFakeGitHub()
  repo = fake.addRepo('acme/infra', { files: { [INDEX]: '# Infra log\n', [FEED]: '<feed/>\n' } })
  for (let i = 0; i < 250; i++) repo.addIssue({ labels: ['incident'] })
  for (let i = 0; i < 20; i++) repo.addIssue({ labels: ['highlight'] })
})
afterAll(async () => fake.close())

/** One weekly run through the adapter: list, commit the four report files, upsert the pull request. */
async function weeklyRun(): Promise<{
  commit: string
  pull: string
  methods: Record<string, number>
}> {
  const client = fakeClient(fake)
  const log = collectingLogger()
  fake.resetRequests()
  const { issues } = await fetchLabelledIssues({
    client,
    repository: repo.fullName,
    labels: ['incident', 'highlight'],
    since: '2024-01-01T00:00:00Z',
  })
  expect(issues).toHaveLength(270)
  const files = new Map([
    ['docs/infra-log/2024-05-07.md', `# Report\n\n${issues.length} issues\n`],
    ['docs/infra-log/2024-05-07-incidents.svg', '<svg/>\n'],
    [INDEX, '# Infra log\n\n- 2024-05-07\n'],
    [FEED, '<feed><entry/></feed>\n'],
  ])
  const commit = await commitFiles({
    client,
    repository: repo.fullName,
    branch: BRANCH,
    // As a scheduled run's GITHUB_REF says it: GitHub is not asked.
    defaultBranch: 'main',
    message: 'Infra log',
    paths: [...files.keys()],
    build: () => files,
    dryRun: false,
    log,
  })
  const pull = await upsertPullRequest({
    client,
    repository: repo.fullName,
    head: BRANCH,
    base: commit.base,
    title: 'Infra Log: Apr 24 – May 7, 2024',
    body: 'Body\n',
    labels: ['infra-log'],
    reviewers: ['ana'],
    teamReviewers: [],
    assignees: [],
    draft: false,
    headIsNew: commit.operation === 'created',
    dryRun: false,
    log,
  })
  const methods: Record<string, number> = {}
  for (const request of fake.requests) methods[request.method] = (methods[request.method] ?? 0) + 1
  return { commit: commit.operation, pull: pull.operation, methods }
}

describe('requests per weekly run', () => {
  it('costs ⌈N/100⌉ per label plus 11 on the first run and plus 8 reads on a re-run', async () => {
    // Lists: 3 + 1. Commit: branch ref (404), base ref, tree by the commit's sha, 2 existing
    // blobs, then tree, commit, ref. Pull request: create, labels, reviewers (a new branch has
    // none open, so none is looked for).
    expect(await weeklyRun()).toEqual({
      commit: 'created',
      pull: 'created',
      methods: { GET: 4 + 5, POST: 3 + 3 },
    })
    // Lists: 3 + 1. Commit: branch ref, tree, 4 blobs. Pull request: list.
    expect(await weeklyRun()).toEqual({
      commit: 'unchanged',
      pull: 'unchanged',
      methods: { GET: 4 + 6 + 1 },
    })
  })
})
