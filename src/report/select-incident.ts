import type { FormTemplate, ParsedForm } from '../forms/form-template.js'
import { parseIssueForm } from '../forms/parse-issue-form.js'
import type { Incident } from '../model/incident.js'
import type { GitHubIssue } from '../model/issue.js'
import { parseTime } from '../model/parse-time.js'
import { fieldValue, readText } from '../model/read-field.js'
import { toIncident } from '../model/to-incident.js'
import type { ReportIncident, Window } from './report.js'
import { isIssueOpenDuring, overlapsSpan } from './select-in-span.js'
import { fieldLabels, toSkipped, type Selection } from './selection.js'
import type { Span } from './window.js'

/**
 * Reads one incident issue and decides its place: in the report when its span overlaps the
 * incident window, skipped with the conversion's reasons when it is unusable but could be in
 * the window, otherwise outside the window.
 */
export function selectIncident(params: {
  issue: GitHubIssue
  template: FormTemplate
  label: string
  window: Window
}): Selection<ReportIncident> {
  const { issue, template, label, window } = params
  const span = window.incidents
  const form = parseIssueForm(issue.body, template)
  const conversion = toIncident({
    issue,
    form,
    timezone: window.timezone,
    labels: fieldLabels(template),
  })
  if (!conversion.ok) {
    return couldBeInSpan({ issue, form, span, timezone: window.timezone })
      ? { kind: 'skipped', entry: toSkipped(issue, label, conversion.reasons) }
      : { kind: 'out' }
  }
  const incident = conversion.value
  if (!overlapsSpan(incident.started, incident.ended, span)) return { kind: 'out' }
  return { kind: 'in', entry: toReportIncident(incident, span) }
}

/** An incident with its duration in whole minutes; an ongoing one counts up to the window's end. */
export function toReportIncident(incident: Incident, span: Span): ReportIncident {
  const end = Date.parse(incident.ended ?? span.end)
  const durationMinutes = Math.max(0, Math.floor((end - Date.parse(incident.started)) / 60_000))
  return { ...incident, durationMinutes, ongoing: incident.ended === null }
}

// An unusable incident is listed when it might belong to the window, so that nothing in the
// window is lost. The times in the body are the best evidence when they can be read (a Started
// alone runs until the issue was closed, or is still running); otherwise the issue's own life.
function couldBeInSpan(params: {
  issue: GitHubIssue
  form: ParsedForm
  span: Span
  timezone: string
}): boolean {
  const { issue, form, span, timezone } = params
  const started = readInstant(form, 'started', timezone)
  if (started === null) return isIssueOpenDuring(issue, span)
  const ended = readInstant(form, 'resolved', timezone) ?? issue.closed_at ?? null
  return overlapsSpan(started, ended, span)
}

function readInstant(form: ParsedForm, id: string, timezone: string): string | null {
  const text = readText(fieldValue(form.fields, id))
  if (text === null) return null
  const time = parseTime(text, timezone)
  return time.ok ? time.instant : null
}
