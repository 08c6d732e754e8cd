// On a public repository anyone can fill in a form. An issue whose author is not trusted
// (`author-associations`) is never published, in any mode, until a maintainer confirms it with
// the confirmed label; and none of its body is echoed anywhere meanwhile.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SAMPLE_AS_OF, SAMPLE_TIMEZONE } from '../../src/sample/sample-issues.js'
import { incidentBody, issuesPayload, seedSampleIssues } from '../e2e/seed.js'
import {
  startFakeGitHub,
  type FakeGitHub,
  type FakeRepo,
  type Issue,
} from '../fake-github/index.js'
import { cleanUpRuns, runInProcess, type InProcessRun } from '../faults/run-in-process.js'

const TOKEN = 'assoc-tok-8Kd3Pw6Mz1Qa'
const REPOSITORY = 'northwind-cloud/platform'
const BRANCH = `infra-log/${SAMPLE_AS_OF}`
const FILES = ['.md', '-incidents.svg'].map((end) => `docs/infra-log/${SAMPLE_AS_OF}${end}`)

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

/** An incident in the sample week, filed by `association`, whose summary holds `secret`. */
function addIncident(
  association: 'NONE' | 'CONTRIBUTOR' | 'MEMBER',
  secret: string,
  labels: string[] = [],
): Issue {
  return repo.addIssue({
    title: `Filed by ${association} ${secret}-title`,
    labels: ['incident', ...labels],
    user: association === 'MEMBER' ? 'ana' : 'mallory',
    author_association: association,
    state: 'closed',
    created_at: '2024-11-05T15:10:00Z',
    closed_at: '2024-11-05T17:00:00Z',
    updated_at: '2024-11-05T17:00:00Z',
    body: incidentBody({
      started: '2024-11-05 10:00 America/New_York',
      duration: '45m',
      impact: 'Low: a few customers, minor disruption',
      summary: `${secret} <script>alert(1)</script> @ana`,
    }),
  })
}

function run(
  inputs: Record<string, string> = {},
  event?: { name: string; payload: unknown },
): Promise<InProcessRun> {
  return runInProcess({
    repository: REPOSITORY,
    apiUrl: fake.url,
    inputs: { token: TOKEN, 'as-of': SAMPLE_AS_OF, timezone: SAMPLE_TIMEZONE, ...inputs },
    ...(event === undefined ? {} : { event }),
  })
}

/** Everything a report run leaves that a person can read. */
function everything(result: InProcessRun): string {
  return [
    ...FILES.map((path) => repo.readFile(BRANCH, path) ?? ''),
    ...repo.pulls().map((pull) => `${pull.title}\n${pull.body ?? ''}`),
    result.stdout,
    result.summary,
    JSON.stringify(result.outputs),
  ].join('\n')
}

describe('report mode', () => {
  it("skips an outsider's issue with the reason, publishes none of its body, and includes a confirmed one", async () => {
    const outsider = addIncident('NONE', 'OUTSIDER7731')
    const contributor = addIncident('CONTRIBUTOR', 'CONTRIB5520')
    const confirmed = addIncident('NONE', 'CONFIRMED4410', ['infra-log:confirmed'])
    const result = await run()
    expect(result.errors).toEqual([])

    const page = repo.readFile(BRANCH, FILES[0] ?? '') ?? ''
    expect(page).toContain('CONFIRMED4410')
    expect(page).toContain(`/issues/${confirmed.number})`)
    for (const skipped of [outsider, contributor]) {
      expect(page).not.toContain(`/issues/${skipped.number})`)
      expect(page).not.toContain(skipped.title)
    }
    // Their bodies reach nothing: not the files, the pull request, the log, the summary or the outputs.
    const text = everything(result)
    expect(text).not.toContain('OUTSIDER7731 ')
    expect(text).not.toContain('CONTRIB5520 ')

    // The pull request lists them as skipped, with the reason and how to include them.
    const body = repo.pulls()[0]?.body ?? ''
    for (const skipped of [outsider, contributor]) {
      expect(body).toContain(
        `[#${skipped.number}](https://github.com/${REPOSITORY}/issues/${skipped.number})`,
      )
    }
    // (Escaped: the body shows issue text and reasons literally.)
    expect(body).toContain(
      'author association \\`CONTRIBUTOR\\` is not in \\`author\\-associations\\`',
    )
    const report = JSON.parse(result.outputs['report-json'] ?? '{}') as {
      skipped: { number: number; reasons: string[] }[]
    }
    expect(report.skipped.find((s) => s.number === outsider.number)?.reasons).toEqual([
      'author association `NONE` is not in `author-associations` (OWNER, MEMBER, COLLABORATOR); a maintainer can add the `infra-log:confirmed` label to include it',
    ])
  })

  it('publishes a contributor when the repository trusts contributors', async () => {
    const contributor = addIncident('CONTRIBUTOR', 'CONTRIB5520')
    const result = await run({ 'author-associations': 'OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR' })
    expect(result.errors).toEqual([])
    expect(repo.readFile(BRANCH, FILES[0] ?? '')).toContain(`/issues/${contributor.number})`)
  })
})

describe('validate mode', () => {
  const comments = (issue: Issue) => repo.comments(issue.number).map((comment) => comment.body)

  it("asks a maintainer to confirm an outsider's issue, without a preview or any of its body", async () => {
    const outsider = addIncident('NONE', 'OUTSIDER7731')
    const result = await run(
      { mode: 'validate', 'comment-on-valid': 'true' },
      { name: 'issues', payload: issuesPayload('opened', outsider, REPOSITORY) },
    )
    expect(result.errors).toEqual([])
    const [comment, ...more] = comments(outsider)
    expect(more).toEqual([])
    expect(comment).toContain(
      'A maintainer can confirm it by adding the `infra-log:confirmed` label.',
    )
    expect(comment).not.toContain('OUTSIDER7731')
    expect(comment).not.toContain('Its entry will read')
    expect(result.stdout).not.toContain('OUTSIDER7731 ')
  })

  it('validates the issue, with a preview, once a maintainer has confirmed it', async () => {
    const confirmed = addIncident('NONE', 'CONFIRMED4410', ['infra-log:confirmed'])
    const result = await run(
      { mode: 'validate', 'comment-on-valid': 'true' },
      { name: 'issues', payload: issuesPayload('labeled', confirmed, REPOSITORY) },
    )
    expect(result.errors).toEqual([])
    const [comment, ...more] = comments(confirmed)
    expect(more).toEqual([])
    expect(comment).toContain('is ready for the infra log. Its entry will read:')
    expect(comment).toContain('CONFIRMED4410')
    expect(comment).not.toContain('<script')
  })
})
