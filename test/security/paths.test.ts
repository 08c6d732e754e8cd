// Paths given as inputs name files in the repository: one that leads outside it is refused
// with one line naming the input, before any request reaches GitHub.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SAMPLE_AS_OF, SAMPLE_TIMEZONE } from '../../src/sample/sample-issues.js'
import { seedSampleIssues } from '../e2e/seed.js'
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../fake-github/index.js'
import { cleanUpRuns, runInProcess, WORKSPACE } from '../faults/run-in-process.js'

const TOKEN = 'paths-tok-3Vn7Qa1Ze9Ly'
const REPOSITORY = 'northwind-cloud/platform'

let fake: FakeGitHub
let repo: FakeRepo

beforeEach(async () => {
  fake = await startFakeGitHub({ token: TOKEN, now: () => new Date('2024-11-12T18:00:00Z') })
  repo = fake.addRepo(REPOSITORY)
  seedSampleIssues(repo)
})

afterEach(async () => {
  await fake.close()
})

afterAll(cleanUpRuns)

function runWith(inputs: Record<string, string>) {
  return runInProcess({
    repository: REPOSITORY,
    apiUrl: fake.url,
    inputs: { token: TOKEN, 'as-of': SAMPLE_AS_OF, timezone: SAMPLE_TIMEZONE, ...inputs },
  })
}

describe('paths outside the workspace', () => {
  const refused: [input: string, path: string][] = [
    ['output-dir', '../outside'],
    ['output-dir', '..'],
    ['output-dir', 'docs/../../outside'],
    ['output-dir', 'docs/infra-log/../../..'],
    ['output-dir', '/etc'],
    ['output-dir', '/'],
    ['output-dir', '..\\..\\outside'],
    ['output-dir', 'docs\\..\\..\\outside'],
    ['incident-template', '../secrets.yml'],
    ['incident-template', '/etc/passwd'],
    ['incident-template', '.github\\..\\..\\secrets.yml'],
    ['highlight-template', '../../highlight.yml'],
    ['highlight-template', '/home/runner/.ssh/id_rsa'],
  ]

  it.each(refused)('%s `%s` is refused before any request', async (input, path) => {
    const run = await runWith({ [input]: path })
    expect(run.errors).toEqual([
      `::error::Input \`${input}\`: \`${path}\` is outside the repository; give a path inside it, e.g. \`docs/infra-log\``,
    ])
    expect(run.exitCode).toBe(1)
    expect(fake.requests).toEqual([])
    expect(repo.branches()).toEqual(['main'])
  })

  it('an absolute output-dir inside the workspace is written as the repository path it names', async () => {
    const run = await runWith({ 'output-dir': `${WORKSPACE}/docs/weekly/`, 'dry-run': 'true' })
    expect(run.errors).toEqual([])
    expect(run.outputs['report-path']).toBe(`docs/weekly/${SAMPLE_AS_OF}.md`)
  })

  it('a path inside the repository that passes through `..` is written normalized', async () => {
    const run = await runWith({ 'output-dir': 'notes/../docs/weekly' })
    expect(run.errors).toEqual([])
    expect(repo.listFiles(`infra-log/${SAMPLE_AS_OF}`)).toEqual([
      'README.md',
      `docs/weekly/${SAMPLE_AS_OF}-incidents.svg`,
      `docs/weekly/${SAMPLE_AS_OF}.md`,
      'docs/weekly/feed.xml',
      'docs/weekly/index.md',
    ])
  })
})
