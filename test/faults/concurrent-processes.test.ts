// Two runs of the bundled action started at the same moment, as two workflow runs of the same
// schedule (or a schedule and a manual dispatch) can be: separate processes, one repository.
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { SAMPLE_AS_OF, SAMPLE_TIMEZONE } from '../../src/sample/sample-issues.js'
import { runAction } from '../e2e/run-action.js'
import { seedSampleIssues } from '../e2e/seed.js'
import { startFakeGitHub, type FakeGitHub } from '../fake-github/index.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const ENTRY = join(ROOT, 'dist', 'index.js')
const TOKEN = 'concurrent-tok-4Rt8Wq2Zx6'
const BRANCH = `infra-log/${SAMPLE_AS_OF}`
const FILES = [
  `docs/infra-log/${SAMPLE_AS_OF}.md`,
  `docs/infra-log/${SAMPLE_AS_OF}-incidents.svg`,
  'docs/infra-log/index.md',
  'docs/infra-log/feed.xml',
]

const fakes: FakeGitHub[] = []

// One fake per run, so that both repositories have the same name (it is in every link and hash).
async function sampleRepo() {
  const fake = await startFakeGitHub({ token: TOKEN, now: () => new Date('2024-11-12T18:00:00Z') })
  fakes.push(fake)
  const repo = fake.addRepo('northwind-cloud/platform')
  seedSampleIssues(repo)
  return { fake, repo }
}

afterAll(async () => {
  await Promise.all(fakes.map((fake) => fake.close()))
})

describe('two processes at once', () => {
  it('leave one pull request and one branch holding the same report as a single run', async () => {
    const single = await sampleRepo()
    const raced = await sampleRepo()
    const start = (fake: FakeGitHub) =>
      runAction({
        entry: ENTRY,
        inputs: { token: TOKEN, 'as-of': SAMPLE_AS_OF, timezone: SAMPLE_TIMEZONE },
        repository: 'northwind-cloud/platform',
        apiUrl: fake.url,
      })

    const alone = await start(single.fake)
    expect(alone.code, alone.stdout).toBe(0)
    const both = await Promise.all([start(raced.fake), start(raced.fake)])
    for (const run of both) {
      expect(run.code, run.stdout + run.stderr).toBe(0)
      expect(run.stdout.split('\n').filter((line) => line.startsWith('::error'))).toEqual([])
    }

    expect(raced.repo.pulls()).toHaveLength(1)
    expect(raced.repo.pulls()[0]?.state).toBe('open')
    expect(raced.repo.pulls()[0]?.body).toBe(single.repo.pulls()[0]?.body)
    expect(raced.repo.branches()).toEqual([BRANCH, 'main'])
    for (const path of FILES) {
      const expected = single.repo.readFile(BRANCH, path)
      expect(expected).toBeDefined()
      expect(raced.repo.readFile(BRANCH, path)).toBe(expected)
    }
    // One run opened the pull request; the other found it (its own create was refused).
    const operations = both.map((run) => run.outputs['pull-request-operation']).sort()
    expect(operations[0]).toBe('created')
    expect(['updated', 'unchanged']).toContain(operations[1])
    const opened = both.filter((run) => /Opened pull request #\d+/.test(run.stdout))
    expect(opened).toHaveLength(1)
    const forced = raced.fake.requests.filter(
      (r) => r.method === 'PATCH' && (r.body as { force?: boolean } | undefined)?.force === true,
    )
    expect(forced).toEqual([])
  })
})
