import type { FormTemplate } from '../forms/form-template.js'
import type { Highlight } from '../model/highlight.js'
import type { GitHubIssue } from '../model/issue.js'
import type { Skipped } from '../model/skipped.js'
import { aggregateTotals } from './aggregate-totals.js'
import { hasLabel } from './has-label.js'
import type { Report, ReportIncident, Window } from './report.js'
import { screenAuthor } from './select-author.js'
import { selectHighlight } from './select-highlight.js'
import { selectIncident } from './select-incident.js'
import type { Selection } from './selection.js'
import { compareHighlights, compareIncidents, compareSkipped } from './sort-entries.js'
import { uniqueIssues } from './unique-issues.js'
import type { Span } from './window.js'

/** A labelled issue that cannot be in the report's window: the caller logs it. */
export type OutOfWindow = { number: number; repository?: string; label: string }

/** The report, and the labelled issues left out because they fall outside its window. */
export type BuildResult = { report: Report; outOfWindow: OutOfWindow[] }

/**
 * Builds the report from the fetched issues. Every issue carrying a label ends in exactly one
 * place per label: the report, the skipped list (with reasons), or `outOfWindow`. Pull requests
 * are ignored, and an issue listed twice counts once (see `uniqueIssues`). An issue whose author
 * is not trusted is skipped before its body is read, so its content is never published. The
 * same issues in any order give the same report.
 */
export function buildReport(params: {
  issues: GitHubIssue[]
  templates: { incident: FormTemplate; highlight: FormTemplate }
  labels: { incident: string; highlight: string }
  window: Window
  authorAssociations: string[]
  confirmedLabel: string
}): BuildResult {
  const { issues, templates, labels, window, authorAssociations, confirmedLabel } = params
  const incidents: ReportIncident[] = []
  const highlights: Highlight[] = []
  const skipped: Skipped[] = []
  const outOfWindow: OutOfWindow[] = []

  const place = <T>(issue: GitHubIssue, label: string, selection: Selection<T>, into: T[]) => {
    if (selection.kind === 'in') into.push(selection.entry)
    else if (selection.kind === 'skipped') skipped.push(selection.entry)
    else outOfWindow.push(outOfWindowEntry(issue, label))
  }
  const screen = (issue: GitHubIssue, label: string, span: Span) =>
    screenAuthor({ issue, label, span, authorAssociations, confirmedLabel })

  for (const issue of uniqueIssues(issues)) {
    if (issue.pull_request !== undefined && issue.pull_request !== null) continue
    // An issue with both labels is considered once for each.
    if (hasLabel(issue, labels.incident)) {
      const label = labels.incident
      const selection =
        screen(issue, label, window.incidents) ??
        selectIncident({ issue, template: templates.incident, label, window })
      place(issue, label, selection, incidents)
    }
    if (hasLabel(issue, labels.highlight)) {
      const label = labels.highlight
      const selection =
        screen(issue, label, window.highlights) ??
        selectHighlight({ issue, template: templates.highlight, label, window })
      place(issue, label, selection, highlights)
    }
  }

  incidents.sort(compareIncidents)
  highlights.sort(compareHighlights)
  skipped.sort(compareSkipped)
  outOfWindow.sort(compareSkipped)
  return {
    report: {
      window,
      incidents,
      highlights,
      skipped,
      totals: aggregateTotals({ incidents, highlights, skipped }),
    },
    outOfWindow,
  }
}

function outOfWindowEntry(issue: GitHubIssue, label: string): OutOfWindow {
  return {
    number: issue.number,
    ...(issue.repository === undefined ? {} : { repository: issue.repository }),
    label,
  }
}
