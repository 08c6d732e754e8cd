// The bundled action, run the way the Actions runner runs it (environment in, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files out), against the local fake of GitHub's REST API.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SAMPLE_AS_OF, SAMPLE_TIMEZONE } from '../../src/sample/sample-issues.js'
import {
  startFakeGitHub,
  type FakeGitHub,
  type FakeRepo,
  type RecordedRequest,
} from '../fake-github/index.js'
import { nodeBinaries } from './node-binaries.js'
import { runAction, type ActionRun } from './run-action.js'
import { incidentBody, issuesPayload, seedSampleIssues, seedSyntheticIncidents } from './seed.js'

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const COMMITTED_ENTRY = join(REPO_ROOT, 'dist', 'index.js')

// Distinctive, and without a GitHub token prefix: only redaction of the exact value can hide it.
const TOKEN = 'e2e-tok-7QxR2vLm9Zp4Wd'
const WRONG_TOKEN = 'e2e-wrong-Kd3Hs8Tq1Nb6'

const BRANCH = `infra-log/${SAMPLE_AS_OF}`
const PAGE = `docs/infra-log/${SAMPLE_AS_OF}.md`
const REPORT_FILES = [
  PAGE,
  `docs/infra-log/${SAMPLE_AS_OF}-incidents.svg`,
  'docs/infra-log/feed.xml',
  'docs/infra-log/index.md',
]
const TITLE = 'Infra Log: Oct 30 – Nov 12, 2024'
const NOTE_START = '<!-- infra-log:editor-note:start -->'
const NOTE_END = '<!-- infra-log:editor-note:end -->'

// Where each sample issue ends for 2024-11-12 (test/sample/sample-issues.test.ts says why).
const INCIDENTS = [412, 415, 418, 422, 421, 424, 425, 427, 430, 434, 436]
const HIGHLIGHTS = [426, 428, 432, 433, 435, 437]
const SKIPPED = [429, 431]
const OUTSIDER_REASON =
  'author association `NONE` is not in `author-associations` (OWNER, MEMBER, COLLABORATOR); a maintainer can add the `infra-log:confirmed` label to include it'

let fake: FakeGitHub
let bundleDir: string
let freshEntry: string

beforeAll(async () => {
  // The current src/, bundled by the project's own script into a folder of this run.
  bundleDir = await mkdtemp(join(tmpdir(), 'infra-log-e2e-bundle-'))
  await promisify(execFile)(process.execPath, ['scripts/bundle.mjs'], {
    cwd: REPO_ROOT,
    env: { ...process.env, INFRA_LOG_BUNDLE_OUT: bundleDir },
  })
  freshEntry = join(bundleDir, 'index.js')
  fake = await startFakeGitHub({ token: TOKEN, now: () => new Date('2024-11-12T18:00:00Z') })
})

afterAll(async () => {
  await fake?.close()
  if (bundleDir !== undefined) await rm(bundleDir, { recursive: true, force: true })
})

/** A run of the action and the requests it made. */
type Run = ActionRun & { requests: RecordedRequest[] }

/**
 * Runs the action on `repo` for the sample week; every run is checked for a leaked token. The
 * tests of this file run one after another, so the requests since the start are this run's.
 */
async function run(
  repo: FakeRepo,
  inputs: Record<string, string> = {},
  options: { node?: string; entry?: string; event?: { name: string; payload: unknown } } = {},
): Promise<Run> {
  const given = { token: TOKEN, 'as-of': SAMPLE_AS_OF, timezone: SAMPLE_TIMEZONE, ...inputs }
  const before = fake.requests.length
  const result = await runAction({
    entry: options.entry ?? freshEntry,
    ...(options.node === undefined ? {} : { node: options.node }),
    inputs: given,
    repository: repo.fullName,
    apiUrl: fake.url,
    ...(options.event === undefined ? {} : { event: options.event }),
  })
  expectTokenHidden(result, given.token)
  return { ...result, requests: fake.requests.slice(before) }
}

/**
 * The token reaches stdout once, in the `::add-mask::` command the runner consumes (it masks
 * the value in every later line of the log), and nowhere else.
 */
function expectTokenHidden(result: ActionRun, token: string): void {
  expect(result.stdout.split(/\r?\n/).filter((line) => line.includes(token))).toEqual([
    `::add-mask::${token}`,
  ])
  expect(result.stderr).not.toContain(token)
  expect(JSON.stringify(result.outputs)).not.toContain(token)
  expect(result.summary).not.toContain(token)
}

/** The requests that change something, as `METHOD path`. */
function writes(result: Run): string[] {
  return result.requests
    .filter((request) => request.method !== 'GET' && request.method !== 'HEAD')
    .map((request) => `${request.method} ${request.path}`)
}

/** The workflow commands that fail a step. */
function errorLines(result: ActionRun): string[] {
  return result.stdout.split(/\r?\n/).filter((line) => line.startsWith('::error'))
}

/** The repository `northwind-cloud/<name>`, seeded with the sample issues. */
function sampleRepo(name: string): FakeRepo {
  const repo = fake.addRepo(`northwind-cloud/${name}`)
  seedSampleIssues(repo)
  return repo
}

function readPage(repo: FakeRepo): string {
  const page = repo.readFile(BRANCH, PAGE)
  if (page === undefined) throw new Error(`${repo.fullName} has no ${PAGE} on ${BRANCH}`)
  return page
}

function editorNote(page: string): string {
  const start = page.indexOf(NOTE_START)
  const end = page.indexOf(NOTE_END)
  if (start === -1 || end < start) throw new Error('the page has no editor-note markers')
  return page.slice(start + NOTE_START.length, end)
}

/** The one open pull request, or a failed test. */
function openPull(repo: FakeRepo) {
  const open = repo.pulls().filter((pull) => pull.state === 'open')
  expect(open).toHaveLength(1)
  const [pull] = open
  if (pull === undefined) throw new Error('no open pull request')
  return pull
}

function commitOf(repo: FakeRepo, sha: string | undefined) {
  const commit = sha === undefined ? undefined : repo.git.commit(sha)
  if (commit === undefined) throw new Error(`${repo.fullName} has no commit ${sha}`)
  return commit
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9-]+/g, '-')
}

describe.each(nodeBinaries(REPO_ROOT))('a weekly run with $label', (binary) => {
  let repo: FakeRepo
  let first: Run

  beforeAll(async () => {
    expect(binary.version, `${binary.path} is missing: run npm ci`).not.toBe('missing')
    repo = sampleRepo(`weekly-${slug(binary.version)}`)
    first = await run(repo, {}, { node: binary.path })
  })

  it('creates the branch, one commit with the four report files, and the pull request', () => {
    expect(first.code, first.stdout + first.stderr).toBe(0)
    expect(errorLines(first)).toEqual([])
    const r = `/repos/${repo.fullName}`
    const pull = openPull(repo)
    expect(writes(first)).toEqual([
      `POST ${r}/git/trees`,
      `POST ${r}/git/commits`,
      `POST ${r}/git/refs`,
      `POST ${r}/pulls`,
      `POST ${r}/issues/${pull.number}/labels`,
    ])

    expect(repo.branches()).toEqual([BRANCH, 'main'])
    const head = commitOf(repo, repo.branchSha(BRANCH))
    expect(head.parents).toEqual([repo.branchSha('main')])
    expect(head.signed).toBe(true)
    expect(repo.listFiles(BRANCH)).toEqual(['README.md', ...REPORT_FILES].sort())

    expect(pull).toMatchObject({
      title: TITLE,
      head: { ref: BRANCH },
      base: { ref: 'main' },
      draft: false,
    })
    expect(pull.labels.map((label) => label.name)).toEqual(['infra-log'])
    for (const number of [...INCIDENTS, ...HIGHLIGHTS, ...SKIPPED]) {
      expect(pull.body).toContain(`[#${number}](https://github.com/${repo.fullName}/issues/`)
    }

    const page = readPage(repo)
    for (const number of INCIDENTS) expect(page).toContain(`/issues/${number})`)
    for (const number of SKIPPED) expect(page).not.toContain(`/issues/${number})`)
    expect(editorNote(page)).not.toBe('')
    expect(repo.readFile(BRANCH, REPORT_FILES[1] ?? '')).toMatch(/^<\?xml[^]*<svg [^>]*role="img"/)
    expect(repo.readFile(BRANCH, 'docs/infra-log/index.md')).toContain(
      `- [Oct 30 – Nov 12, 2024](${SAMPLE_AS_OF}.md) — 11 incidents, 6 highlights`,
    )
    expect(repo.readFile(BRANCH, 'docs/infra-log/feed.xml')).toContain(
      '<summary type="html"><![CDATA[11 incidents, 6 highlights]]></summary>',
    )
  })

  it('sets every output', () => {
    const pull = openPull(repo)
    expect(first.outputs).toEqual({
      'report-path': PAGE,
      'pull-request-number': String(pull.number),
      'pull-request-url': pull.html_url,
      'pull-request-operation': 'created',
      'incident-count': String(INCIDENTS.length),
      'highlight-count': String(HIGHLIGHTS.length),
      'skipped-count': String(SKIPPED.length),
      'report-json': expect.any(String),
    })
    const report = JSON.parse(first.outputs['report-json'] ?? '') as {
      window: { asOf: string; timezone: string }
      incidents: { number: number; url: string }[]
      highlights: { number: number }[]
      skipped: { number: number; label: string; reasons: string[] }[]
    }
    expect(report.window).toMatchObject({ asOf: SAMPLE_AS_OF, timezone: SAMPLE_TIMEZONE })
    expect(report.incidents.map((incident) => incident.number)).toEqual(INCIDENTS)
    expect(report.incidents[0]?.url).toBe(`https://github.com/${repo.fullName}/issues/412`)
    expect(report.highlights.map((highlight) => highlight.number)).toEqual(HIGHLIGHTS)
    expect(report.skipped.map((skipped) => [skipped.number, skipped.label])).toEqual([
      [429, 'incident'],
      [431, 'incident'],
    ])
  })

  it('writes the job summary: counts, the pull request, every skipped issue', () => {
    const pull = openPull(repo)
    const { summary } = first
    expect(summary).toContain(`## ${TITLE}`)
    expect(summary).toContain('| Incidents | 11 (3 None, 3 Low, 2 Moderate, 2 High, 1 Severe) |')
    expect(summary).toContain('| Highlights | 6 |')
    expect(summary).toContain('| Skipped | 2 |')
    expect(summary).toContain(`| Pull request | [#${pull.number}](${pull.html_url}) (created) |`)
    for (const number of SKIPPED) {
      expect(summary).toContain(
        `[${repo.fullName}#${number}](https://github.com/${repo.fullName}/issues/${number})`,
      )
    }
    expect(summary).not.toContain('Dry run')
  })

  it("skips an outsider's issue with its reason, and publishes none of its text", () => {
    const pull = openPull(repo)
    const report = JSON.parse(first.outputs['report-json'] ?? '') as {
      skipped: { number: number; reasons: string[] }[]
    }
    expect(report.skipped.find((skipped) => skipped.number === 431)?.reasons).toEqual([
      OUTSIDER_REASON,
    ])
    // The summary and the pull request body escape markdown: compare without the backslashes.
    const unescaped = (text: string) => text.replace(/\\(.)/g, '$1')
    expect(unescaped(first.summary)).toContain(`  - ${OUTSIDER_REASON}`)
    expect(unescaped(pull.body ?? '')).toContain(`  - ${OUTSIDER_REASON}`)
    expect(first.stdout).toContain(
      `::warning title=infra-log skipped #431::${repo.fullName}#431 (incident) skipped: ${OUTSIDER_REASON}`,
    )
    for (const path of REPORT_FILES) {
      const text = repo.readFile(BRANCH, path) ?? ''
      expect(text).not.toContain('Please call me at the number on my account')
      expect(text).not.toContain('uploads failing for my account')
      expect(text).not.toContain('quiet-otter-42')
    }
  })

  it('does nothing on a second identical run: unchanged, no write request', async () => {
    const pull = openPull(repo)
    const head = repo.branchSha(BRANCH)
    const second = await run(repo, {}, { node: binary.path })
    expect(second.code, second.stdout + second.stderr).toBe(0)
    expect(writes(second)).toEqual([])
    expect(second.outputs).toEqual({ ...first.outputs, 'pull-request-operation': 'unchanged' })
    expect(repo.branchSha(BRANCH)).toBe(head)
    expect(openPull(repo).number).toBe(pull.number)
    expect(second.summary).toContain(
      `| Pull request | [#${pull.number}](${pull.html_url}) (unchanged) |`,
    )
  })
})

describe('re-runs for the same week', () => {
  it('an edited issue updates the branch and the same pull request with a new commit', async () => {
    const repo = sampleRepo('edited-issue')
    expect((await run(repo)).code).toBe(0)
    const pull = openPull(repo)
    const before = repo.branchSha(BRANCH)
    const body = repo.issue(430)?.body ?? ''
    repo.editIssue(430, { body: body.replace('from 80 ms to 2.4 s', 'from 80 ms to 3.1 s') })

    const edited = await run(repo)
    expect(edited.code, edited.stdout + edited.stderr).toBe(0)
    expect(edited.outputs['pull-request-operation']).toBe('updated')
    expect(edited.outputs['pull-request-number']).toBe(String(pull.number))
    const r = `/repos/${repo.fullName}`
    expect(writes(edited)).toEqual([
      `POST ${r}/git/trees`,
      `POST ${r}/git/commits`,
      `PATCH ${r}/git/refs/heads/${BRANCH}`,
    ])
    const head = commitOf(repo, repo.branchSha(BRANCH))
    expect(head.parents).toEqual([before])
    expect(readPage(repo)).toContain('from 80 ms to 3.1 s')
    expect(readPage(repo)).not.toContain('from 80 ms to 2.4 s')
    expect(repo.pulls()).toHaveLength(1)
  }, 60_000)

  it("keeps a person's editor's note through a re-run after an issue edit", async () => {
    const repo = sampleRepo('editor-note')
    expect((await run(repo)).code).toBe(0)
    const page = readPage(repo)
    const note =
      '\n\nA rough fortnight for the edge: the config push on November 6 was the worst of it.\n\n'
    const personSha = repo.commitAsPerson(
      BRANCH,
      {
        [PAGE]: page.replace(
          `${NOTE_START}${editorNote(page)}${NOTE_END}`,
          `${NOTE_START}${note}${NOTE_END}`,
        ),
      },
      "Write the editor's note",
    )
    const body = repo.issue(427)?.body ?? ''
    repo.editIssue(427, {
      body: body.replace('traffic recovered by 16:19', 'traffic was back to normal by 16:19'),
    })

    const rerun = await run(repo)
    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0)
    expect(rerun.outputs['pull-request-operation']).toBe('updated')
    const merged = readPage(repo)
    expect(editorNote(merged)).toBe(note)
    expect(merged).toContain('traffic was back to normal by 16:19')
    expect(commitOf(repo, repo.branchSha(BRANCH)).parents).toEqual([personSha])
    expect(rerun.summary).not.toContain("Kept a person's edits")
  }, 60_000)

  it('opens a new pull request when the week’s pull request was closed without merging', async () => {
    const repo = sampleRepo('closed-pull')
    expect((await run(repo)).code).toBe(0)
    const closed = openPull(repo)
    repo.closePull(closed.number)
    const head = repo.branchSha(BRANCH)

    const reopened = await run(repo)
    expect(reopened.code, reopened.stdout + reopened.stderr).toBe(0)
    const pull = openPull(repo)
    expect(pull.number).not.toBe(closed.number)
    expect(pull.head.ref).toBe(BRANCH)
    expect(repo.pull(closed.number)?.state).toBe('closed')
    expect(reopened.outputs['pull-request-operation']).toBe('created')
    expect(reopened.outputs['pull-request-number']).toBe(String(pull.number))
    // The branch already holds the report: no new commit, only the pull request.
    expect(repo.branchSha(BRANCH)).toBe(head)
    const r = `/repos/${repo.fullName}`
    expect(writes(reopened)).toEqual([`POST ${r}/pulls`, `POST ${r}/issues/${pull.number}/labels`])
  }, 60_000)
})

describe('a dry run', () => {
  it('writes nothing and says what it would have done', async () => {
    const repo = sampleRepo('dry-run')
    const dry = await run(repo, { 'dry-run': 'true' })
    expect(dry.code, dry.stdout + dry.stderr).toBe(0)
    expect(writes(dry)).toEqual([])
    expect(repo.branches()).toEqual(['main'])
    expect(repo.pulls()).toEqual([])
    expect(dry.summary).toContain('> Dry run: nothing was written.')
    expect(dry.summary).toContain('| Pull request | would be created |')
    expect(dry.stdout).toContain(`Dry run: would create ${BRANCH} on ${repo.fullName}:`)
    expect(dry.outputs).toEqual({
      'report-path': PAGE,
      'pull-request-number': '',
      'pull-request-url': '',
      'pull-request-operation': 'created',
      'incident-count': '11',
      'highlight-count': '6',
      'skipped-count': '2',
      'report-json': expect.stringMatching(/^\{"window":/),
    })
  })
})

describe('failures', () => {
  it('a bad input fails with one error line before any request', async () => {
    const repo = sampleRepo('bad-input')
    const before = fake.requests.length
    const failed = await run(repo, { timezone: 'Mars/Olympus' })
    expect(failed.code).toBe(1)
    expect(errorLines(failed)).toEqual([
      '::error::Input `timezone`: `Mars/Olympus` is not an IANA time zone (e.g. `America/New_York`, `UTC`)',
    ])
    expect(fake.requests.length).toBe(before)
    expect(failed.outputs).toEqual({})
    expect(failed.summary).toBe('')
  })

  it('"Allow GitHub Actions to create pull requests" off: one error line naming the setting', async () => {
    const repo = sampleRepo('actions-may-not-open-pulls')
    repo.allowActionsToCreatePullRequests = false
    const refused = await run(repo)
    expect(refused.code).toBe(1)
    expect(errorLines(refused)).toEqual([
      `::error::Could not run infra-log on ${repo.fullName}: GitHub Actions may not open pull requests in this repository. Enable Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests", or pass a GitHub App token in the \`token\` input.`,
    ])
    expect(repo.pulls()).toEqual([])

    // The commit was made before GitHub refused the pull request; once the setting is on, the
    // next run opens the pull request and writes no second commit.
    const head = repo.branchSha(BRANCH)
    expect(head).toBeDefined()
    repo.allowActionsToCreatePullRequests = true
    const allowed = await run(repo)
    expect(allowed.code, allowed.stdout + allowed.stderr).toBe(0)
    expect(allowed.outputs['pull-request-operation']).toBe('created')
    expect(repo.branchSha(BRANCH)).toBe(head)
    expect(openPull(repo).title).toBe(TITLE)
  }, 60_000)

  it('a wrong token fails with one error line on the first request', async () => {
    const repo = sampleRepo('wrong-token')
    const rejected = await run(repo, { token: WRONG_TOKEN })
    expect(rejected.code).toBe(1)
    expect(errorLines(rejected)).toEqual([
      `::error::Could not run infra-log on ${repo.fullName}: GitHub rejected the token as bad or expired (401 Bad credentials). Pass a valid token in the \`token\` input (by default the workflow's \`github.token\`).`,
    ])
    expect(rejected.requests.map((request) => [request.method, request.status])).toEqual([
      ['GET', 401],
    ])
  })
})

describe('a form that cannot be read', () => {
  it('fails the run with one error line, while pages of issues wait for it, and writes nothing', async () => {
    const repo = fake.addRepo('northwind-cloud/form-gone')
    seedSyntheticIncidents(repo, 250, '2024-10-30T12:00:00Z')
    const failed = await run(repo, { 'incident-template': '.github/ISSUE_TEMPLATE/gone.yml' })
    expect(failed.code).toBe(1)
    expect(errorLines(failed)).toEqual([
      `::error::Input \`incident-template\`: \`.github/ISSUE_TEMPLATE/gone.yml\` was not found in ${repo.fullName}; give the path of an issue form, or leave the input empty for the shipped one`,
    ])
    expect(writes(failed)).toEqual([])
    expect(failed.outputs).toEqual({})
  }, 60_000)
})

describe('validate mode', () => {
  it('keeps one comment on an invalid incident, and writes nothing when run again', async () => {
    const repo = fake.addRepo('northwind-cloud/validate')
    const issue = repo.addIssue({
      title: '[Incident]: Cache stampede on the pricing service',
      labels: ['incident'],
      body: incidentBody({
        started: 'yesterday after lunch',
        impact: 'Catastrophic',
        summary: 'The pricing cache expired everywhere at once.',
      }),
    })
    const event = { name: 'issues', payload: issuesPayload('opened', issue, repo.fullName) }
    const inputs = { mode: 'validate' }

    const opened = await run(repo, inputs, { event })
    expect(opened.code, opened.stdout + opened.stderr).toBe(0)
    expect(writes(opened)).toEqual([`POST /repos/${repo.fullName}/issues/${issue.number}/comments`])
    const comments = repo.comments(issue.number)
    expect(comments).toHaveLength(1)
    expect(opened.stdout).toContain(`\n#${issue.number} has 2 problems; comment created\n`)
    expect(comments[0]?.user?.login).toBe('github-actions[bot]')
    expect(comments[0]?.body).toContain('<!-- infra-log:validate -->')
    expect(comments[0]?.body).toContain('\n- Started: "yesterday after lunch" is not a time;')
    expect(comments[0]?.body).toContain('\n- Impact: "Catastrophic" is not an impact level;')
    expect(opened.outputs).toEqual({
      'report-path': '',
      'pull-request-number': '',
      'pull-request-url': '',
      'pull-request-operation': 'none',
      'incident-count': '0',
      'highlight-count': '0',
      'skipped-count': '0',
      'report-json': '',
    })

    const again = await run(repo, inputs, { event })
    expect(again.code, again.stdout + again.stderr).toBe(0)
    expect(writes(again)).toEqual([])
    expect(again.stdout).toContain(`\n#${issue.number} has 2 problems; comment unchanged\n`)
    expect(repo.comments(issue.number)).toEqual(comments)
  }, 60_000)
})

describe('request budget', () => {
  it('250 labelled issues cost ⌈N/100⌉ + 10 requests on a first run', async () => {
    const repo = fake.addRepo('northwind-cloud/busy-fortnight')
    seedSyntheticIncidents(repo, 250, '2024-10-30T12:00:00Z')
    const busy = await run(repo)
    expect(busy.code, busy.stdout + busy.stderr).toBe(0)
    expect(busy.outputs['incident-count']).toBe('250')
    expect(busy.outputs['pull-request-operation']).toBe('created')

    const listings = new Map<string, number>()
    for (const request of busy.requests) {
      if (request.method !== 'GET' || !request.path.endsWith('/issues')) continue
      const key = `${request.query.labels} ${request.query.state}`
      listings.set(key, (listings.get(key) ?? 0) + 1)
    }
    // Every listing costs one request per started page of 100; an empty one still costs one.
    expect(Object.fromEntries(listings)).toEqual({
      'incident all': 3,
      'highlight all': 1,
      'incident open': 1,
    })
    // The rest does not grow with N: the default branch comes from the event, the tree is read
    // by the commit's sha, and a branch the run creates has no pull request to look for.
    const path = `/repos/${repo.fullName}`
    expect(
      busy.requests
        .filter((request) => !request.path.endsWith('/issues'))
        .map((request) => `${request.method} ${request.path.replace(/[0-9a-f]{40}$/, '{sha}')}`),
    ).toEqual([
      `GET ${path}/git/ref/heads/${BRANCH}`,
      `GET ${path}/git/ref/heads/main`,
      `GET ${path}/git/trees/{sha}`,
      `POST ${path}/git/trees`,
      `POST ${path}/git/commits`,
      `POST ${path}/git/refs`,
      `POST ${path}/pulls`,
      `POST ${path}/issues/251/labels`,
    ])
    expect(busy.requests.length).toBeLessThanOrEqual(Math.ceil(250 / 100) + 10)
  }, 60_000)
})

describe('the committed dist/index.js', () => {
  // test/dist.test.ts checks that it is what bundling the current src/ gives.
  it('runs a first report', async () => {
    expect(existsSync(COMMITTED_ENTRY), 'dist/index.js is missing: run `npm run bundle`').toBe(true)
    const repo = sampleRepo('committed-dist')
    const first = await run(repo, {}, { entry: COMMITTED_ENTRY })
    expect(first.code, first.stdout + first.stderr).toBe(0)
    expect(first.outputs).toMatchObject({
      'pull-request-operation': 'created',
      'incident-count': '11',
      'highlight-count': '6',
      'skipped-count': '2',
    })
    expect(repo.listFiles(BRANCH)).toEqual(['README.md', ...REPORT_FILES].sort())
    expect(openPull(repo).title).toBe(TITLE)
  })
})
