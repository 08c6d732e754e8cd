import type { GitHubClient, Logger } from '../github/client.js'
import { commitFiles, type CommitResult } from '../github/commit-files.js'
import { buildPullRequestBody, buildPullRequestTitle } from '../github/pull-request-body.js'
import { upsertPullRequest, type PullRequestResult } from '../github/upsert-pull-request.js'
import type { Inputs } from '../inputs.js'
import type { Report } from '../report/report.js'
import {
  renderReportFiles,
  reportPaths,
  type RenderedFiles,
} from '../render/render-report-files.js'

/** What publishing did: the commit, the pull request and what the merge kept. */
export type Published = {
  commit: CommitResult
  pullRequest: PullRequestResult | { operation: 'unchanged'; number: null; url: null }
  rendered: RenderedFiles
}

/**
 * Renders the report over the files on the report branch (or the base), commits them through
 * the Git Data API and keeps one pull request open for the week. Render and merge are pure and
 * run again if the branch moves during the run, so a person's concurrent commit is kept.
 */
export async function publishReport(params: {
  client: GitHubClient
  repository: string
  report: Report
  inputs: Inputs
  /** The default branch as the runner reported it (see `defaultBranchFromRunner`). */
  defaultBranch?: string | undefined
  log: Logger
}): Promise<Published> {
  const { client, repository, report, inputs, log } = params
  const paths = reportPaths(inputs['output-dir'], report.window.asOf)
  const branch = `${inputs['branch-prefix']}${report.window.asOf}`
  let rendered: RenderedFiles | null = null

  const commit = await commitFiles({
    client,
    repository,
    ...(inputs['base-branch'] === '' ? {} : { baseBranch: inputs['base-branch'] }),
    ...(params.defaultBranch === undefined ? {} : { defaultBranch: params.defaultBranch }),
    branch,
    message: `${buildPullRequestTitle(report)}\n\nWritten by infra-log from ${report.totals.incidents} incidents and ${report.totals.highlights} highlights.`,
    // The page and the index carry what people wrote; the diagram and the feed are generated
    // whole, so comparing their shas is enough.
    paths: [paths.page, paths.index],
    writeOnly: [paths.diagram, paths.feed],
    build: (existing) => {
      rendered = renderReportFiles({
        report,
        site: inputs.site,
        intro: inputs.intro,
        outputDir: inputs['output-dir'],
        repository,
        existing,
        overwriteEdits: inputs['overwrite-edits'],
      })
      return rendered.files
    },
    dryRun: inputs['dry-run'],
    log,
  })
  if (rendered === null) throw new Error('infra-log did not render the report (internal error)')
  const done: RenderedFiles = rendered

  // The base already holds exactly these files (last week's pull request was merged and its
  // branch deleted): there is nothing to review.
  if (commit.operation === 'unchanged' && commit.keptFrom === 'base') {
    log.info(`${paths.page} on \`${commit.base}\` is already up to date: no pull request needed`)
    return {
      commit,
      pullRequest: { operation: 'unchanged', number: null, url: null },
      rendered: done,
    }
  }

  const pullRequest = await upsertPullRequest({
    client,
    repository,
    head: branch,
    base: commit.base,
    title: buildPullRequestTitle(report),
    body: buildPullRequestBody({
      report,
      files: [...done.files.keys()],
      keptEdits: done.keptEdits,
      overwritten: done.overwritten,
      dryRun: inputs['dry-run'],
    }),
    labels: inputs['pr-labels'],
    reviewers: inputs.reviewers,
    teamReviewers: inputs['team-reviewers'],
    assignees: inputs.assignees,
    draft: inputs.draft,
    headIsNew: commit.operation === 'created',
    dryRun: inputs['dry-run'],
    log,
  })
  return { commit, pullRequest, rendered: done }
}
