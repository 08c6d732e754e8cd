// The whole action, run in this process against the local fake of GitHub, with faults injected
// where they hurt most. Every fault either leaves exactly the report a fault-free run leaves
// (the committed files compared byte for byte, one pull request with the same title and body)
// or fails the run with one clear line; and never two open pull requests, a ref pointing at a
// commit without the report's files, a forced ref update, or a person's edit lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SAMPLE_AS_OF, SAMPLE_TIMEZONE } from '../../src/sample/sample-issues.js'
import { EDITOR_NOTE_PLACEHOLDER } from '../../src/render/render-page.js'
import { seedSampleIssues, seedSyntheticIncidents } from '../e2e/seed.js'
import {
  startFakeGitHub,
  type Fault,
  type FakeGitHub,
  type FakeRepo,
} from '../fake-github/index.js'
import { cleanUpRuns, runInProcess, runTogether, type InProcessRun } from './run-in-process.js'

const TOKEN = 'faults-tok-9Jq2Lx7Vb4Hs'
const NOW = new Date('2024-11-12T18:00:00Z')
const REPOSITORY = 'northwind-cloud/platform'
const R = `/repos/${REPOSITORY}`
const BRANCH = `infra-log/${SAMPLE_AS_OF}`
const DIR = 'docs/infra-log'
const PAGE = `${DIR}/${SAMPLE_AS_OF}.md`
const FILES = [PAGE, `${DIR}/${SAMPLE_AS_OF}-incidents.svg`, `${DIR}/index.md`, `${DIR}/feed.xml`]
const NOTE = 'A quiet fortnight, apart from the resolver outage.'

const LISTING = `${R}/issues`
const CREATE_REF = `${R}/git/refs`
const UPDATE_REF = `${R}/git/refs/heads/${BRANCH}`
const PULLS = `${R}/pulls`

/** A fresh fake with the sample team's repository; `many` adds 150 incidents, so issues span two pages. */
type World = { fake: FakeGitHub; repo: FakeRepo }

async function newWorld(seed: 'sample' | 'many' = 'sample'): Promise<World> {
  const fake = await startFakeGitHub({ token: TOKEN, now: () => NOW })
  const repo = fake.addRepo(REPOSITORY)
  seedSampleIssues(repo)
  if (seed === 'many') seedSyntheticIncidents(repo, 150, '2024-10-31T00:00:00Z')
  return { fake, repo }
}

const worlds: World[] = []
async function world(seed: 'sample' | 'many' = 'sample'): Promise<World> {
  const created = await newWorld(seed)
  worlds.push(created)
  return created
}

function runOn(w: World): Promise<InProcessRun> {
  return runInProcess({
    repository: REPOSITORY,
    apiUrl: w.fake.url,
    inputs: { token: TOKEN, 'as-of': SAMPLE_AS_OF, timezone: SAMPLE_TIMEZONE },
    now: () => NOW,
  })
}

/** A first run, then an incident renamed: the next run has a change to commit (`PATCH` the ref). */
async function afterFirstRun(w: World): Promise<void> {
  const first = await runOn(w)
  expect(first.errors).toEqual([])
  w.repo.editIssue(412, { title: '[Incident]: Resolver fleet out of memory (renamed)' })
}

/** What a run leaves in the repository, to compare with a fault-free run. */
type Outcome = {
  files: Record<string, string | undefined>
  pulls: { title: string; body: string | null; state: string }[]
}

function outcomeOf(w: World): Outcome {
  return {
    files: Object.fromEntries(FILES.map((path) => [path, w.repo.readFile(BRANCH, path)])),
    pulls: w.repo.pulls().map(({ title, body, state }) => ({ title, body, state })),
  }
}

/** Every commit the report branch was ever set to, and whether any ref update was forced. */
function refHistory(w: World): { shas: string[]; forced: boolean } {
  const shas: string[] = []
  let forced = false
  for (const request of w.fake.requests) {
    const body = (request.body ?? {}) as { ref?: string; sha?: string; force?: boolean }
    const moved =
      (request.method === 'POST' &&
        request.path === CREATE_REF &&
        body.ref === `refs/heads/${BRANCH}`) ||
      (request.method === 'PATCH' && request.path === UPDATE_REF)
    if (!moved || typeof body.sha !== 'string') continue
    if (body.force === true) forced = true
    if (w.repo.branchSha(BRANCH) !== undefined) shas.push(body.sha)
  }
  const head = w.repo.branchSha(BRANCH)
  return { shas: head === undefined ? shas : [...shas, head], forced }
}

/** What must hold after any run, failed or not. */
function expectIntegrity(w: World): void {
  const open = w.repo.pulls().filter((pull) => pull.state === 'open')
  expect(open.length).toBeLessThanOrEqual(1)
  const history = refHistory(w)
  expect(history.forced).toBe(false)
  for (const sha of history.shas) {
    // A sha the ref was asked to move to but refused (not a fast forward) is not on the branch.
    if (w.repo.git.commit(sha) === undefined) continue
    const listed = w.repo.listFiles(sha)
    const onBranch = isAncestor(w.repo, sha, w.repo.branchSha(BRANCH))
    if (onBranch)
      expect({ sha, missing: FILES.filter((f) => !listed.includes(f)) }).toEqual({
        sha,
        missing: [],
      })
  }
}

function isAncestor(repo: FakeRepo, sha: string, head: string | undefined): boolean {
  const seen = new Set<string>()
  const stack = head === undefined ? [] : [head]
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next === sha) return true
    if (seen.has(next)) continue
    seen.add(next)
    stack.push(...(repo.git.commit(next)?.parents ?? []))
  }
  return false
}

function expectSameReport(w: World, run: InProcessRun, baseline: Outcome): void {
  expect(run.errors).toEqual([])
  expect(run.exitCode).toBe(0)
  expect(outcomeOf(w)).toEqual(baseline)
  expect(w.repo.pulls().filter((pull) => pull.state === 'open')).toHaveLength(1)
  expectIntegrity(w)
}

function expectCleanFailure(w: World, run: InProcessRun, message: RegExp): void {
  expect(run.exitCode).toBe(1)
  expect(run.errors).toHaveLength(1)
  const [line = ''] = run.errors
  // One line: @actions/core writes a newline in a message as %0A.
  expect(line).not.toMatch(/%0A|%0D/)
  expect(line).toMatch(message)
  expect(line).not.toContain(TOKEN)
  expectIntegrity(w)
}

let baseline: { sample: Outcome; many: Outcome; rerun: Outcome }

beforeAll(async () => {
  const sample = await world()
  expect((await runOn(sample)).errors).toEqual([])
  const many = await world('many')
  expect((await runOn(many)).errors).toEqual([])
  const rerun = await world()
  await afterFirstRun(rerun)
  expect((await runOn(rerun)).errors).toEqual([])
  baseline = { sample: outcomeOf(sample), many: outcomeOf(many), rerun: outcomeOf(rerun) }
  // The baselines themselves: four files, one open pull request; the re-run changed the page.
  expect(Object.values(baseline.sample.files).every((content) => content !== undefined)).toBe(true)
  expect(baseline.sample.pulls).toHaveLength(1)
  expect(baseline.rerun.files[PAGE]).toContain('(renamed)')
  expect(baseline.many.files[PAGE]).toContain('Synthetic incident number 150')
})

afterAll(async () => {
  await Promise.all(worlds.map((w) => w.fake.close()))
  cleanUpRuns()
})

/** A fault scenario: where, what, and what a run must leave. */
type Scenario = {
  name: string
  seed?: 'sample' | 'many'
  rerun?: boolean
  match: { method: string; path: string; nth?: number; times?: number }
  fault: Fault
  expected: 'same' | RegExp
}

/** The table the README's Reliability section reproduces. */
export const SCENARIOS: Scenario[] = [
  {
    name: '500 twice on the issue listing',
    match: { method: 'GET', path: LISTING, times: 2 },
    fault: { status: 500 },
    expected: 'same',
  },
  {
    name: '502 three times in a row on the issue listing',
    match: { method: 'GET', path: LISTING, times: 3 },
    fault: { status: 502 },
    expected: 'same',
  },
  {
    name: '503 on every issue listing',
    match: { method: 'GET', path: LISTING, times: Infinity },
    fault: { status: 503 },
    expected:
      /^::error::Could not run infra-log on northwind-cloud\/platform: GitHub answered 503: Service Unavailable$/,
  },
  {
    name: 'connection reset on page 2 of the issue listing',
    seed: 'many',
    match: { method: 'GET', path: LISTING, nth: 2 },
    fault: { reset: true },
    expected: 'same',
  },
  {
    name: 'page 2 of the issue listing cut off half-way through its body (reset after handling)',
    seed: 'many',
    match: { method: 'GET', path: LISTING, nth: 2 },
    fault: { reset: 'after-handling' },
    expected: 'same',
  },
  {
    name: '429 with retry-after on the issue listing',
    match: { method: 'GET', path: LISTING, times: 2 },
    fault: { status: 429, retryAfter: 1 },
    expected: 'same',
  },
  {
    name: 'secondary rate limit with retry-after on the issue listing',
    match: { method: 'GET', path: LISTING },
    fault: { secondaryRateLimit: true, retryAfter: 2 },
    expected: 'same',
  },
  {
    name: 'primary rate limit (remaining 0) resetting in 2 s, on the issue listing',
    match: { method: 'GET', path: LISTING },
    fault: { primaryRateLimit: true, resetInSeconds: 2 },
    expected: 'same',
  },
  {
    name: 'primary rate limit (remaining 0) resetting in an hour, on the issue listing',
    match: { method: 'GET', path: LISTING, times: Infinity },
    fault: { primaryRateLimit: true, resetInSeconds: 3600 },
    expected:
      /^::error::Could not run infra-log on northwind-cloud\/platform: the token's GitHub API rate limit is used up; it resets at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z( \(in \d+ min\))?\. Run the workflow again after that, or use a token with its own limit \(a GitHub App's\)\.$/,
  },
  {
    name: 'a response 1.5 s late on the issue listing',
    match: { method: 'GET', path: LISTING },
    fault: { delayMs: 1500 },
    expected: 'same',
  },
  {
    name: '502 on creating the commit',
    match: { method: 'POST', path: `${R}/git/commits` },
    fault: { status: 502 },
    expected: 'same',
  },
  {
    name: '502 on creating the branch',
    match: { method: 'POST', path: CREATE_REF },
    fault: { status: 502 },
    expected: 'same',
  },
  {
    name: 'branch created, then the answer lost (reset after handling)',
    match: { method: 'POST', path: CREATE_REF },
    fault: { reset: 'after-handling' },
    expected: 'same',
  },
  {
    name: '503 twice on the ref update of a re-run',
    rerun: true,
    match: { method: 'PATCH', path: UPDATE_REF, times: 2 },
    fault: { status: 503 },
    expected: 'same',
  },
  {
    name: 'connection reset before the ref update of a re-run',
    rerun: true,
    match: { method: 'PATCH', path: UPDATE_REF },
    fault: { reset: true },
    expected: 'same',
  },
  {
    name: 'ref updated, then the answer lost (reset after handling), on a re-run',
    rerun: true,
    match: { method: 'PATCH', path: UPDATE_REF },
    fault: { reset: 'after-handling' },
    expected: 'same',
  },
  {
    name: '429 with retry-after on opening the pull request',
    match: { method: 'POST', path: PULLS },
    fault: { status: 429, retryAfter: 1 },
    expected: 'same',
  },
  {
    name: 'secondary rate limit with retry-after on opening the pull request',
    match: { method: 'POST', path: PULLS },
    fault: { secondaryRateLimit: true, retryAfter: 3 },
    expected: 'same',
  },
  {
    name: 'pull request opened, then the answer lost (reset after handling)',
    match: { method: 'POST', path: PULLS },
    fault: { reset: 'after-handling' },
    expected: 'same',
  },
  {
    name: 'secondary rate limit on every attempt to open the pull request',
    match: { method: 'POST', path: PULLS, times: Infinity },
    fault: { secondaryRateLimit: true, retryAfter: 1 },
    expected:
      /^::error::Could not run infra-log on northwind-cloud\/platform: GitHub's secondary rate limit stopped the run \(too many requests in a short time\)\. Wait a few minutes and run the workflow again\.$/,
  },
]

describe('faults injected into a run', () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      const w = await world(scenario.seed)
      if (scenario.rerun === true) await afterFirstRun(w)
      const rule = w.fake.faults.add({ match: scenario.match, fault: scenario.fault })
      const run = await runOn(w)
      expect(rule.fired).toBeGreaterThanOrEqual(1)
      if (scenario.expected === 'same') {
        const expected =
          scenario.rerun === true ? baseline.rerun : baseline[scenario.seed ?? 'sample']
        expectSameReport(w, run, expected)
      } else {
        expectCleanFailure(w, run, scenario.expected)
      }
    })
  }

  it('a person pushes to the branch during a re-run: the run rebuilds on top, keeps the edit, never forces', async () => {
    const w = await world()
    await afterFirstRun(w)
    let personal = ''
    const rule = w.fake.faults.add({
      match: { method: 'PATCH', path: UPDATE_REF },
      fault: {
        before: () => {
          const page = w.repo.readFile(BRANCH, PAGE) ?? ''
          personal = w.repo.commitAsPerson(
            BRANCH,
            { [PAGE]: page.replace(EDITOR_NOTE_PLACEHOLDER, NOTE) },
            "Editor's note",
          )
        },
      },
    })
    const run = await runOn(w)
    expect(rule.fired).toBe(1)
    expect(run.errors).toEqual([])
    expect(run.stdout).toMatch(/changed during the run .*reading it again/)
    expect(personal).toMatch(/^[0-9a-f]{40}$/)
    expect(isAncestor(w.repo, personal, w.repo.branchSha(BRANCH))).toBe(true)
    expect(w.repo.branchSha(BRANCH)).not.toBe(personal)
    const expected = {
      ...baseline.rerun,
      files: {
        ...baseline.rerun.files,
        [PAGE]: baseline.rerun.files[PAGE]?.replace(EDITOR_NOTE_PLACEHOLDER, NOTE),
      },
    }
    expect(outcomeOf(w)).toEqual(expected)
    expectIntegrity(w)
  })
})

describe('two runs at once', () => {
  it('in one process (Promise.all): one pull request, one consistent branch', async () => {
    const w = await world()
    const runs = await runTogether(
      {
        repository: REPOSITORY,
        apiUrl: w.fake.url,
        inputs: { token: TOKEN, 'as-of': SAMPLE_AS_OF, timezone: SAMPLE_TIMEZONE },
        now: () => NOW,
      },
      2,
    )
    expect(runs[0]?.errors).toEqual([])
    expect(outcomeOf(w)).toEqual(baseline.sample)
    expectIntegrity(w)
    // Both raced to create the branch and the pull request; each loser read the winner's.
    const creates = w.fake.requests.filter((r) => r.method === 'POST' && r.path === CREATE_REF)
    expect(creates.length).toBeGreaterThanOrEqual(1)
    expect(w.repo.pulls()).toHaveLength(1)
  })
})
