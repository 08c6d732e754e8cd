// The token never reaches anything a person can read: the log (stdout, stderr), the outputs,
// the job summary, or an error message, on the happy path and on every failure path. The one
// exception is the `::add-mask::` command by which the runner learns to mask it.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SAMPLE_AS_OF, SAMPLE_TIMEZONE } from '../../src/sample/sample-issues.js'
import { runAction, type ActionRun } from '../e2e/run-action.js'
import { issuesPayload, seedSampleIssues } from '../e2e/seed.js'
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../fake-github/index.js'
import {
  cleanUpRuns,
  runInProcess,
  WORKSPACE,
  type InProcessRun,
} from '../faults/run-in-process.js'

// Distinctive and without a GitHub prefix (`ghs_`, `ghp_`), so that only redaction of the exact
// value can hide it.
const TOKEN = 'sec-tok-Zq8Xv3Lp0Wm5Rt'
const OTHER_TOKEN = 'sec-wrong-Hb2Nc6Yd4Kf1'
const REPOSITORY = 'northwind-cloud/platform'
const ENTRY = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'dist', 'index.js')

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

function runWith(
  inputs: Record<string, string> = {},
  more: { event?: { name: string; payload: unknown }; env?: Record<string, string> } = {},
): Promise<InProcessRun> {
  return runInProcess({
    repository: REPOSITORY,
    apiUrl: fake.url,
    inputs: { token: TOKEN, 'as-of': SAMPLE_AS_OF, timezone: SAMPLE_TIMEZONE, ...inputs },
    ...more,
  })
}

/** The token appears once, in the mask command, and nowhere else anything is written. */
function expectHidden(run: InProcessRun | ActionRun, token: string): void {
  expect(run.stdout.split(/\r?\n/).filter((line) => line.includes(token))).toEqual([
    `::add-mask::${token}`,
  ])
  expect(run.stderr).not.toContain(token)
  expect(JSON.stringify(run.outputs)).not.toContain(token)
  expect(run.summary).not.toContain(token)
}

function errorLine(run: InProcessRun): string {
  expect(run.errors).toHaveLength(1)
  return run.errors[0] ?? ''
}

describe('the token stays hidden', () => {
  it('on a successful run', async () => {
    const run = await runWith()
    expect(run.errors).toEqual([])
    expect(run.summary).not.toBe('')
    expectHidden(run, TOKEN)
  })

  it('when GitHub rejects the token (401)', async () => {
    const run = await runWith({ token: OTHER_TOKEN })
    expect(errorLine(run)).toMatch(/GitHub rejected the token as bad or expired \(401 /)
    expectHidden(run, OTHER_TOKEN)
  })

  it('when the token lacks a permission (403)', async () => {
    repo.readOnly()
    const run = await runWith()
    expect(errorLine(run)).toMatch(/the token lacks the `contents: write` permission/)
    expectHidden(run, TOKEN)
  })

  it('when server errors outlast the retries (500)', async () => {
    fake.faults.add({
      match: { method: 'GET', path: `/repos/${REPOSITORY}/issues`, times: Infinity },
      fault: { status: 500 },
    })
    const run = await runWith()
    expect(errorLine(run)).toMatch(/GitHub answered 500: Server Error$/)
    expectHidden(run, TOKEN)
  })

  it('when an error message carries the token itself', async () => {
    fake.faults.add({
      match: { method: 'GET', path: `/repos/${REPOSITORY}/issues`, times: Infinity },
      fault: {
        status: 502,
        message: `Bad gateway for authorization: token ${TOKEN} (echoed ${TOKEN})`,
      },
    })
    const run = await runWith()
    expect(errorLine(run)).toContain('(echoed ***)')
    expectHidden(run, TOKEN)
  })

  it('when a custom issue form that quotes the token cannot be read', async () => {
    mkdirSync(join(WORKSPACE, 'forms'), { recursive: true })
    // A field type the parser does not know, which its error quotes.
    writeFileSync(
      join(WORKSPACE, 'forms', 'incident.yml'),
      `name: Incident\ndescription: x\nbody:\n  - type: ${TOKEN}\n    id: started\n    attributes:\n      label: Started\n`,
    )
    const run = await runWith({ 'incident-template': 'forms/incident.yml' })
    expect(errorLine(run)).toMatch(/^::error::forms\/incident\.yml: .*\*\*\*/)
    expectHidden(run, TOKEN)
  })

  it('in validate mode, when the comment cannot be written (403)', async () => {
    const issue = repo.addIssue({
      title: 'DNS outage',
      labels: ['incident'],
      body: '### Started\n\nyesterday',
    })
    repo.tokenPermissions = { contents: 'read', issues: 'read', pull_requests: 'read' }
    const run = await runWith(
      { mode: 'validate' },
      { event: { name: 'issues', payload: issuesPayload('opened', issue, REPOSITORY) } },
    )
    expect(errorLine(run)).toMatch(/issues: write/)
    expectHidden(run, TOKEN)
  })

  it('in the bundled action run as the runner runs it, when an error message carries the token', async () => {
    fake.faults.add({
      match: { method: 'GET', path: `/repos/${REPOSITORY}/issues`, times: Infinity },
      fault: { status: 503, message: `upstream said ${TOKEN}` },
    })
    const run = await runAction({
      entry: ENTRY,
      inputs: { token: TOKEN, 'as-of': SAMPLE_AS_OF, timezone: SAMPLE_TIMEZONE },
      repository: REPOSITORY,
      apiUrl: fake.url,
      env: { INFRA_LOG_RETRY_AFTER_BASE_MS: '1' },
    })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      '::error::Could not run infra-log on northwind-cloud/platform: GitHub answered 503: upstream said ***',
    )
    expectHidden(run, TOKEN)
  })
})
