import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import * as core from '@actions/core'
import type { Templates } from './forms/load-templates.js'
import { createGitHubClient, type GitHubClient, type Logger } from './github/client.js'
import { explainGitHubError, redactToken } from './github/explain-error.js'
import { fetchLabelledIssues } from './github/fetch-issues.js'
import { readInputs, type Inputs } from './inputs.js'
import type { GitHubIssue } from './model/issue.js'
import type { Skipped } from './model/skipped.js'
import { EMPTY_OUTPUTS, setOutputs, type Outputs } from './outputs.js'
import type { Published } from './publish/publish-report.js'
import type { OutOfWindow, ReportBuilder } from './report/build-report.js'
import type { Report, Window } from './report/report.js'
import { computeWindow, defaultAsOf } from './report/window.js'
import { defaultBranchFromRunner, readRunnerContext, type RunnerContext } from './runner-context.js'

/** Issues updated this long before the window starts are listed too (a late edit or close). */
const LOOK_BACK_DAYS = 7

const log: Logger = { info: core.info, warning: core.warning, debug: core.debug }

type Stages = typeof import('./stages.js')

/**
 * The action: inputs, fetch, parse and validate, aggregate, render, publish, outputs. The one
 * place that fails the run; the clock and the environment are arguments for tests.
 */
export async function run(
  options: { env?: NodeJS.ProcessEnv; now?: () => Date } = {},
): Promise<void> {
  const env = options.env ?? process.env
  const now = options.now ?? (() => new Date())
  let token: string | undefined
  const context = readRunnerContext(env)
  try {
    const inputs = readInputs(context)
    token = inputs.token
    const client = connect(inputs, context)
    if (inputs.mode === 'validate') {
      const stages = await import('./stages.js')
      const templates = await core.group('Read the issue forms', () =>
        readTemplates(stages, client, inputs, context),
      )
      const result = await stages.validateIssueEvent({
        client,
        inputs,
        templates,
        event: await readEvent(context),
        eventName: context.eventName,
        repository: context.repository,
        now: now(),
        log,
      })
      core.info(result.reason)
      setOutputs(EMPTY_OUTPUTS)
      return
    }

    const window = computeWindow({
      asOf: inputs['as-of'] === '' ? defaultAsOf(now(), inputs.timezone) : inputs['as-of'],
      timezone: inputs.timezone,
      incidentWindowDays: inputs['incident-window-days'],
      highlightWindowDays: inputs['highlight-window-days'],
    })
    // The listing goes out first; once GitHub has answered its first page, the other stages
    // load and the forms are read while it answers the rest (loading them any earlier held the
    // first request back by the time node takes to compile them). Each page is then read, and
    // its entries rendered, while GitHub serves the next; pages that come before the forms wait
    // for them. A form that cannot be read still fails the run before anything is written.
    const reader = deferred<(issues: GitHubIssue[]) => Promise<void>>()
    const firstAnswer = new Promise<void>((resolve) => {
      const answered = () => {
        client.hook.remove('request', answered)
        resolve()
      }
      client.hook.after('request', answered)
    })
    const listing = fetchIssues(
      client,
      inputs,
      window.incidents.start < window.highlights.start
        ? window.incidents.start
        : window.highlights.start,
      async (issues) => (await reader.promise)(issues),
    )
    const listed = listing.then(
      () => undefined,
      () => undefined,
    )
    await Promise.race([firstAnswer, listed])
    const stages = await import('./stages.js')
    const templates = await core
      .group('Read the issue forms', () => readTemplates(stages, client, inputs, context))
      .catch((error: unknown) => {
        reader.reject(error)
        throw error
      })
    const builder = stages.createReportBuilder({
      templates,
      labels: { incident: inputs['incident-label'], highlight: inputs['highlight-label'] },
      window,
      authorAssociations: inputs['author-associations'],
      confirmedLabel: inputs['confirmed-label'],
    })
    reader.resolve((issues) => readPage(stages, builder, issues, window))
    const fetched = await core.group('Fetch labelled issues', () => listing)
    const { addUnreadable, publishReport } = stages
    const built = builder.finish()
    const report = addUnreadable(built.report, fetched.unreadable)
    logSelection(report, built.outOfWindow)

    // A hint only: an event file that cannot be read leaves the question to GitHub.
    const event = await readEvent(context).catch(() => ({}))
    const defaultBranch = defaultBranchFromRunner(context, event, context.repository)
    const published = await core.group(inputs['dry-run'] ? 'Publish (dry run)' : 'Publish', () =>
      publishReport({
        client,
        repository: context.repository,
        report,
        inputs,
        defaultBranch,
        log,
      }),
    )
    await writeJobSummary(stages, {
      report,
      published,
      inputs,
      context,
      outOfWindow: built.outOfWindow,
      env,
    })
    setOutputs(outputsOf(stages, report, published))
  } catch (error) {
    core.setFailed(redactToken(explain(error, context), token))
  }
}

async function readEvent(context: RunnerContext): Promise<unknown> {
  if (context.eventPath === '') return {}
  return JSON.parse(await readFile(context.eventPath, 'utf8')) as unknown
}

function connect(inputs: Inputs, context: RunnerContext): GitHubClient {
  if (inputs.token === '') {
    throw new Error('Input `token`: empty; pass `${{ github.token }}` or an App token')
  }
  if (context.repository === '') {
    throw new Error(
      'GITHUB_REPOSITORY is not set: run infra-log as a step of a GitHub Actions workflow',
    )
  }
  return createGitHubClient({
    token: inputs.token,
    baseUrl: context.apiUrl,
    log,
    ...(context.writeIntervalMs === undefined ? {} : { writeIntervalMs: context.writeIntervalMs }),
    ...(context.retryAfterBaseMs === undefined
      ? {}
      : { retryAfterBaseValue: context.retryAfterBaseMs }),
  })
}

/** Custom forms come from the workspace when it is checked out, else from the repository. */
async function readTemplates(
  { loadTemplates, readRepositoryFile }: Stages,
  client: GitHubClient,
  inputs: Inputs,
  context: RunnerContext,
): Promise<Templates> {
  return loadTemplates({
    incidentPath: inputs['incident-template'],
    highlightPath: inputs['highlight-template'],
    read: async (path) => {
      const local = resolve(context.workspace, path)
      if (existsSync(local)) return readFile(local, 'utf8')
      return readRepositoryFile({ client, repository: context.repository, path })
    },
  })
}

/** Issues read between two turns of the event loop, which take in the next page. */
const READ_SLICE = 5

/**
 * Reads a page of issues into the report and renders its entries, a slice at a time: between
 * two slices node takes in the answer for the next page, which is on its way (see listPages).
 */
async function readPage(
  { prerenderEntries }: Stages,
  builder: ReportBuilder,
  issues: GitHubIssue[],
  window: Window,
): Promise<void> {
  for (let at = 0; at < issues.length; at += READ_SLICE) {
    const placed = builder.add(issues.slice(at, at + READ_SLICE))
    prerenderEntries({ ...placed, window })
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/** A promise with its resolve and reject (Node 20 has no `Promise.withResolvers`). */
function deferred<T>(): {
  promise: Promise<T>
  resolve: (value: T) => void
  reject: (reason: unknown) => void
} {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((yes, no) => {
    resolve = yes
    reject = no
  })
  // Nobody may be waiting for it when it fails (an empty listing, then a form that is wrong).
  promise.catch(() => undefined)
  return { promise, resolve, reject }
}

/**
 * Lists every repository's labelled issues, handing each page's issues to `onPage` as it comes,
 * and returns the items GitHub listed that infra-log cannot read, as skipped entries.
 */
async function fetchIssues(
  client: GitHubClient,
  inputs: Inputs,
  windowStart: string,
  onPage: (issues: GitHubIssue[]) => Promise<void>,
): Promise<{ unreadable: Skipped[] }> {
  const since = new Date(Date.parse(windowStart) - LOOK_BACK_DAYS * 86_400_000)
    .toISOString()
    .replace(/\.000Z$/, 'Z')
  const unreadable: Skipped[] = []
  for (const repository of inputs.repository) {
    const fetched = await fetchLabelledIssues({
      client,
      repository,
      labels: [inputs['incident-label'], inputs['highlight-label']],
      openLabels: [inputs['incident-label']],
      since,
      log,
      onPage,
    })
    core.info(
      `${repository}: ${fetched.issues.length} labelled issues updated since ${since} or still open`,
    )
    unreadable.push(
      ...fetched.invalid.map((item) => ({
        number: item.number ?? 0,
        url: item.url ?? '',
        repository,
        label: item.label,
        title: '',
        reasons: [item.reason],
      })),
    )
  }
  return { unreadable }
}

function logSelection(report: Report, outOfWindow: OutOfWindow[]): void {
  const { totals } = report
  core.info(
    `${totals.incidents} incidents, ${totals.highlights} highlights, ${totals.skipped} skipped, ${outOfWindow.length} outside the window`,
  )
  for (const skipped of report.skipped) {
    core.warning(
      `${skipped.repository ?? ''}#${skipped.number} (${skipped.label}) skipped: ${skipped.reasons.join('; ')}`,
      { title: `infra-log skipped #${skipped.number}` },
    )
  }
  if (outOfWindow.length > 0) {
    core.info(
      `Outside the window: ${outOfWindow.map((o) => `${o.repository ?? ''}#${o.number} (${o.label})`).join(', ')}`,
    )
  }
}

async function writeJobSummary(
  { buildJobSummary }: Stages,
  params: {
    report: Report
    published: Published
    inputs: Inputs
    context: RunnerContext
    outOfWindow: OutOfWindow[]
    env: NodeJS.ProcessEnv
  },
): Promise<void> {
  const { report, published, inputs, context } = params
  if (params.env.GITHUB_STEP_SUMMARY === undefined || params.env.GITHUB_STEP_SUMMARY === '') return
  const sha = published.commit.commitSha
  const text = buildJobSummary({
    report,
    outOfWindow: params.outOfWindow.length,
    pagePath: published.rendered.paths.page,
    diagramUrl:
      sha === null
        ? null
        : `${context.serverUrl}/${context.repository}/blob/${sha}/${published.rendered.paths.diagram}?raw=true`,
    pullRequest: published.pullRequest,
    keptEdits: published.rendered.keptEdits,
    overwritten: published.rendered.overwritten,
    dryRun: inputs['dry-run'],
  })
  await core.summary.addRaw(text, true).write()
}

function outputsOf({ renderReportJson }: Stages, report: Report, published: Published): Outputs {
  const { commit, pullRequest } = published
  const operation =
    pullRequest.operation === 'created'
      ? 'created'
      : pullRequest.operation === 'updated' || commit.operation !== 'unchanged'
        ? 'updated'
        : 'unchanged'
  return {
    'report-path': published.rendered.paths.page,
    'pull-request-number': pullRequest.number === null ? '' : String(pullRequest.number),
    'pull-request-url': pullRequest.url ?? '',
    'pull-request-operation': operation,
    'incident-count': String(report.totals.incidents),
    'highlight-count': String(report.totals.highlights),
    'skipped-count': String(report.totals.skipped),
    'report-json': renderReportJson(report),
  }
}

function explain(error: unknown, context: RunnerContext): string {
  if (error instanceof Error && typeof (error as { status?: unknown }).status !== 'number') {
    return error.message
  }
  return explainGitHubError(error, { repository: context.repository, action: 'run infra-log' })
}
