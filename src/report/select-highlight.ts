import { DateTime } from 'luxon'
import type { FormTemplate } from '../forms/form-template.js'
import { parseIssueForm } from '../forms/parse-issue-form.js'
import type { Highlight } from '../model/highlight.js'
import type { GitHubIssue } from '../model/issue.js'
import { toHighlight } from '../model/to-highlight.js'
import type { Window } from './report.js'
import { isInSpan, wasIssueActiveIn } from './select-in-span.js'
import { fieldLabels, toSkipped, type Selection } from './selection.js'

/**
 * Reads one highlight issue and decides its place: in the report when the day it shipped falls
 * inside the highlight window, skipped with the conversion's reasons when it is unusable and was
 * opened or closed inside the window, otherwise outside the window.
 */
export function selectHighlight(params: {
  issue: GitHubIssue
  template: FormTemplate
  label: string
  window: Window
}): Selection<Highlight> {
  const { issue, template, label, window } = params
  const span = window.highlights
  const form = parseIssueForm(issue.body, template)
  const conversion = toHighlight({
    issue,
    form,
    timezone: window.timezone,
    labels: fieldLabels(template),
  })
  if (!conversion.ok) {
    return wasIssueActiveIn(issue, span)
      ? { kind: 'skipped', entry: toSkipped(issue, label, conversion.reasons) }
      : { kind: 'out' }
  }
  const highlight = conversion.value
  const shippedDay = DateTime.fromISO(highlight.shipped, { zone: window.timezone }).startOf('day')
  const shippedAt = shippedDay.toUTC().toISO()
  if (shippedAt === null) {
    // toHighlight promises a date; should it break that promise, the issue is still accounted for.
    const shippedLabel = fieldLabels(template).shipped ?? 'Shipped on'
    const reason = `${shippedLabel}: "${highlight.shipped}" is not a date (YYYY-MM-DD)`
    return wasIssueActiveIn(issue, span)
      ? { kind: 'skipped', entry: toSkipped(issue, label, [reason]) }
      : { kind: 'out' }
  }
  return isInSpan(shippedAt, span) ? { kind: 'in', entry: highlight } : { kind: 'out' }
}
