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
import { isNewer, issueKey } from './unique-issues.js'
import type { Span } from './window.js'

/** A labelled issue that cannot be in the report's window: the caller logs it. */
export type OutOfWindow = { number: number; repository?: string; label: string }

/** The report, and the labelled issues left out because they fall outside its window. */
export type BuildResult = { report: Report; outOfWindow: OutOfWindow[] }

/** What `buildReport` and `createReportBuilder` are given besides the issues. */
export type BuildParams = {
  templates: { incident: FormTemplate; highlight: FormTemplate }
  labels: { incident: string; highlight: string }
  window: Window
  authorAssociations: string[]
  confirmedLabel: string
}

/**
 * Builds the report from the fetched issues. Every issue carrying a label ends in exactly one
 * place per label: the report, the skipped list (with reasons), or `outOfWindow`. Pull requests
 * are ignored, and an issue listed twice counts once (the copy updated last: `isNewer`). An
 * issue whose author is not trusted is skipped before its body is read, so its content is never
 * published. The same issues in any order give the same report.
 */
export function buildReport(params: BuildParams & { issues: GitHubIssue[] }): BuildResult {
  const builder = createReportBuilder(params)
  builder.add(params.issues)
  return builder.finish()
}

/** The entries an `add` placed in the report: the caller may start rendering them. */
export type Placed = { incidents: ReportIncident[]; highlights: Highlight[] }

/** Builds a report from issues given a page at a time; see `createReportBuilder`. */
export type ReportBuilder = {
  /** Reads these issues, and says which of them are entries of the report so far. */
  add(issues: GitHubIssue[]): Placed
  /** The report of every issue added: what `buildReport` gives for all of them at once. */
  finish(): BuildResult
}

/**
 * `buildReport` a page at a time, so that each page is read while GitHub serves the next.
 * A copy of an issue added before is kept or replaced by the copy updated last (`isNewer`),
 * so any split of the issues into pages gives `buildReport`'s report.
 */
export function createReportBuilder(params: BuildParams): ReportBuilder {
  const { templates, labels, window, authorAssociations, confirmedLabel } = params
  const read = new Map<string, { issue: GitHubIssue; placements: Placement[] }>()
  const screen = (issue: GitHubIssue, label: string, span: Span) =>
    screenAuthor({ issue, label, span, authorAssociations, confirmedLabel })

  const place = (issue: GitHubIssue): Placement[] => {
    const placements: Placement[] = []
    if (issue.pull_request !== undefined && issue.pull_request !== null) return placements
    // An issue with both labels is considered once for each.
    if (hasLabel(issue, labels.incident)) {
      const label = labels.incident
      const selection =
        screen(issue, label, window.incidents) ??
        selectIncident({ issue, template: templates.incident, label, window })
      placements.push({ kind: 'incident', issue, label, selection })
    }
    if (hasLabel(issue, labels.highlight)) {
      const label = labels.highlight
      const selection =
        screen(issue, label, window.highlights) ??
        selectHighlight({ issue, template: templates.highlight, label, window })
      placements.push({ kind: 'highlight', issue, label, selection })
    }
    return placements
  }

  return {
    add(issues) {
      const placed: Placed = { incidents: [], highlights: [] }
      for (const issue of issues) {
        const key = issueKey(issue)
        const other = read.get(key)
        if (other !== undefined && !isNewer(issue, other.issue)) continue
        const placements = place(issue)
        read.set(key, { issue, placements })
        for (const placement of placements) {
          if (placement.selection.kind !== 'in') continue
          if (placement.kind === 'incident') placed.incidents.push(placement.selection.entry)
          else placed.highlights.push(placement.selection.entry)
        }
      }
      return placed
    },
    finish() {
      const incidents: ReportIncident[] = []
      const highlights: Highlight[] = []
      const skipped: Skipped[] = []
      const outOfWindow: OutOfWindow[] = []
      for (const { placements } of read.values()) {
        for (const { kind, issue, label, selection } of placements) {
          if (selection.kind === 'skipped') skipped.push(selection.entry)
          else if (selection.kind === 'out') outOfWindow.push(outOfWindowEntry(issue, label))
          else if (kind === 'incident') incidents.push(selection.entry)
          else highlights.push(selection.entry)
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
    },
  }
}

type Placement =
  | { kind: 'incident'; issue: GitHubIssue; label: string; selection: Selection<ReportIncident> }
  | { kind: 'highlight'; issue: GitHubIssue; label: string; selection: Selection<Highlight> }

function outOfWindowEntry(issue: GitHubIssue, label: string): OutOfWindow {
  return {
    number: issue.number,
    ...(issue.repository === undefined ? {} : { repository: issue.repository }),
    label,
  }
}
