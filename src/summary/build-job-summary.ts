import { IMPACT_LEVELS, IMPACT_NAMES } from '../model/impact.js'
import { inlineText } from '../render/markdown-inline.js'
import { formatDateRange, formatDuration, formatTime } from '../report/format-time.js'
import type { Report } from '../report/report.js'

/** What the run did with the report, for the job summary. */
export type SummaryParams = {
  report: Report
  outOfWindow: number
  pagePath: string
  /** Where the diagram can be seen: a URL of the committed SVG, or null in a dry run. */
  diagramUrl: string | null
  pullRequest: { operation: string; number: number | null; url: string | null }
  keptEdits: string[]
  overwritten: string[]
  dryRun: boolean
}

const MAX_SUMMARY_LENGTH = 900_000

/**
 * The job summary: counts, the pull request, the diagram, every skipped issue with its reasons.
 * Pure; issue text goes through `inlineText`, so nothing in an issue renders as HTML or pings.
 */
export function buildJobSummary(params: SummaryParams): string {
  const { report, pullRequest } = params
  const { totals, window } = report
  const range = formatDateRange(window.incidents, window.timezone)
  const lines: string[] = [`## Infra Log: ${range}`, '']
  if (params.dryRun) lines.push('> [!NOTE]', '> Dry run: nothing was written.', '')

  lines.push(
    '| | |',
    '|---|---|',
    `| Incidents | ${totals.incidents} (${IMPACT_LEVELS.map((l) => `${totals.byImpact[l]} ${IMPACT_NAMES[l]}`).join(', ')}) |`,
    `| Total incident time | ${formatDuration(totals.incidentMinutes)} |`,
    `| Highlights | ${totals.highlights} |`,
    `| Skipped | ${totals.skipped} |`,
    `| Labelled issues outside the window | ${params.outOfWindow} |`,
    `| Report | \`${params.pagePath}\` |`,
    `| Pull request | ${describePullRequest(pullRequest, params.dryRun)} |`,
    '',
  )
  if (params.diagramUrl !== null) {
    lines.push(`![Incident diagram](${params.diagramUrl})`, '')
  }
  if (report.incidents.length > 0) {
    lines.push('### Incidents', '')
    for (const incident of report.incidents) {
      const shown = formatTime(incident.started, window.timezone)
      const length = incident.ongoing ? 'ongoing' : formatDuration(incident.durationMinutes)
      lines.push(
        `- ${shown.date} ${shown.time} ${shown.zone}: ${inlineText(incident.title)} (${length}, ${IMPACT_NAMES[incident.impact]}) ${issueLink(incident)}`,
      )
    }
    lines.push('')
  }
  if (report.skipped.length > 0) {
    lines.push('### Skipped issues', '', 'Each of these carries a label but could not be used:', '')
    for (const skipped of report.skipped) {
      lines.push(
        `- ${issueLink(skipped)} (${inlineText(skipped.label)}) ${inlineText(skipped.title)}`,
        ...skipped.reasons.map((reason) => `  - ${inlineText(reason)}`),
      )
    }
    lines.push('')
  }
  if (params.keptEdits.length > 0) {
    lines.push(
      `Kept a person's edits to: ${params.keptEdits.map((s) => `\`${s}\``).join(', ')}. Set \`overwrite-edits: true\` to replace them.`,
      '',
    )
  }
  if (params.overwritten.length > 0) {
    lines.push(
      `Overwrote a person's edits to: ${params.overwritten.map((s) => `\`${s}\``).join(', ')} (\`overwrite-edits: true\`).`,
      '',
    )
  }
  // The step cannot tell a GITHUB_TOKEN from an App token, so every new pull request gets the tip.
  if (pullRequest.operation === 'created') {
    lines.push(
      '> [!TIP]',
      '> Pull requests opened with `GITHUB_TOKEN` do not trigger other workflows (your docs preview or CI).',
      '> Pass a GitHub App token as `token` (e.g. from `actions/create-github-app-token`) to have them run.',
      '',
    )
  }
  const text = lines.join('\n')
  return text.length > MAX_SUMMARY_LENGTH
    ? `${text.slice(0, MAX_SUMMARY_LENGTH)}\n\n… (cut to fit the job summary; the pull request lists every skipped issue)\n`
    : text
}

function describePullRequest(pullRequest: SummaryParams['pullRequest'], dryRun: boolean): string {
  const verb = dryRun ? `would be ${pullRequest.operation}` : pullRequest.operation
  return pullRequest.url === null
    ? verb
    : `[#${pullRequest.number ?? ''}](${pullRequest.url}) (${verb})`
}

function issueLink(entry: { number: number; url: string; repository?: string }): string {
  const name = `${entry.repository ?? ''}#${entry.number}`
  return entry.url.startsWith('https://') || entry.url.startsWith('http://')
    ? `[${name}](${entry.url})`
    : name
}
