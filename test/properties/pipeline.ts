import { buildPullRequestBody } from '../../src/github/pull-request-body.js'
import type { SitePreset } from '../../src/inputs.js'
import type { GitHubIssue } from '../../src/model/issue.js'
import { buildReport, type BuildResult } from '../../src/report/build-report.js'
import type { Window } from '../../src/report/report.js'
import { renderReportFiles, type RenderedFiles } from '../../src/render/render-report-files.js'
import { renderReportJson } from '../../src/render/report-json.js'
import { buildJobSummary } from '../../src/summary/build-job-summary.js'
import { CONFIRMED_LABEL, LABELS, TEMPLATES, TRUSTED } from './arbitraries.js'

// The pure middle of the action, from fetched issues to every text it publishes, as main.ts
// and publish-report.ts chain it.

/** The output folder every property renders into. */
export const OUTPUT_DIR = 'docs/infra-log'

/** Aggregates the issues for `window` with the default labels and trust settings. */
export function build(issues: GitHubIssue[], window: Window): BuildResult {
  return buildReport({
    issues,
    templates: TEMPLATES,
    labels: LABELS,
    window,
    authorAssociations: TRUSTED,
    confirmedLabel: CONFIRMED_LABEL,
  })
}

/** Everything a run publishes from one report: files, report JSON, pull request body, job summary. */
export type Published = {
  rendered: RenderedFiles
  reportJson: string
  pullRequestBody: string
  jobSummary: string
}

/** Renders every published text of a built report. */
export function publish(
  built: BuildResult,
  options: {
    site?: SitePreset
    intro?: string
    existing?: Map<string, string | null>
    overwriteEdits?: boolean
  } = {},
): Published {
  const { report } = built
  const rendered = renderReportFiles({
    report,
    site: options.site ?? 'plain',
    intro: options.intro ?? '',
    outputDir: OUTPUT_DIR,
    existing: options.existing ?? new Map(),
    overwriteEdits: options.overwriteEdits ?? false,
  })
  return {
    rendered,
    reportJson: renderReportJson(report),
    pullRequestBody: buildPullRequestBody({
      report,
      files: [...rendered.files.keys()],
      keptEdits: rendered.keptEdits,
      overwritten: rendered.overwritten,
    }),
    jobSummary: buildJobSummary({
      report,
      outOfWindow: built.outOfWindow.length,
      pagePath: rendered.paths.page,
      diagramUrl: `https://github.com/acme/platform/blob/0123abc/${rendered.paths.diagram}?raw=true`,
      pullRequest: {
        operation: 'created',
        number: 7,
        url: 'https://github.com/acme/platform/pull/7',
      },
      keptEdits: rendered.keptEdits,
      overwritten: rendered.overwritten,
      dryRun: false,
    }),
  }
}

/** A published run as one comparable value: each file by path, then the other texts. */
export function snapshot(published: Published, built: BuildResult): Record<string, string> {
  return {
    ...Object.fromEntries(published.rendered.files),
    'report-json': published.reportJson,
    'pull-request-body': published.pullRequestBody,
    'job-summary': published.jobSummary,
    'out-of-window': JSON.stringify(built.outOfWindow),
  }
}
