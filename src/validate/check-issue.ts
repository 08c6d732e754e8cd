import { DateTime } from 'luxon'
import type { FormTemplate, ParsedForm } from '../forms/form-template.js'
import type { Templates } from '../forms/load-templates.js'
import { parseIssueForm } from '../forms/parse-issue-form.js'
import type { Inputs } from '../inputs.js'
import { fieldReason } from '../model/format-problem.js'
import type { GitHubIssue } from '../model/issue.js'
import { parseTime } from '../model/parse-time.js'
import { fieldValue, readText } from '../model/read-field.js'
import { toHighlight } from '../model/to-highlight.js'
import { INCIDENT_FIELD_LABELS, toIncident } from '../model/to-incident.js'
import { hasLabel } from '../report/has-label.js'
import { findAuthorProblem } from '../report/select-author.js'
import { fieldLabels } from '../report/selection.js'
import { planPublication, type Publication } from './plan-publication.js'
import { previewHighlight, previewIncident } from './preview-entry.js'

/** Which form an issue was filed with, by its label. */
export type IssueKind = 'incident' | 'highlight'

/** The inputs a check reads. */
export type CheckSettings = Pick<
  Inputs,
  | 'incident-label'
  | 'highlight-label'
  | 'author-associations'
  | 'confirmed-label'
  | 'timezone'
  | 'incident-window-days'
  | 'highlight-window-days'
>

/** What validating one issue found; issue text in it is raw (the comment escapes it). */
export type IssueCheck =
  | { outcome: 'ignored'; reason: string }
  /** Filed by someone outside `author-associations`, and not confirmed: its content is not read. */
  | { outcome: 'needs-confirmation'; kind: IssueKind }
  /** `kind` is null when the issue carries both labels. */
  | { outcome: 'invalid'; kind: IssueKind | null; problems: string[]; notes: string[] }
  | {
      outcome: 'valid'
      kind: IssueKind
      notes: string[]
      /** The entry's lead as the report shows it: escaped markdown. */
      preview: string
      publication: Publication
    }

/**
 * Checks one issue the way the weekly report reads it: the same label and author rules, the same
 * parser and conversion, the same time zone. Pure; `now` only says which day it is.
 */
export function checkIssue(params: {
  issue: GitHubIssue
  templates: Templates
  settings: CheckSettings
  now: Date
}): IssueCheck {
  const { issue, templates, settings, now } = params
  const incidentLabel = settings['incident-label']
  const highlightLabel = settings['highlight-label']
  const isIncident = hasLabel(issue, incidentLabel)
  const isHighlight = hasLabel(issue, highlightLabel)
  if (!isIncident && !isHighlight) {
    return {
      outcome: 'ignored',
      reason: `#${issue.number} carries neither the \`${incidentLabel}\` nor the \`${highlightLabel}\` label`,
    }
  }
  const kind: IssueKind = isIncident ? 'incident' : 'highlight'
  const authorProblem = findAuthorProblem({
    issue,
    authorAssociations: settings['author-associations'],
    confirmedLabel: settings['confirmed-label'],
  })
  if (authorProblem !== null) return { outcome: 'needs-confirmation', kind }
  if (isIncident && isHighlight) {
    return {
      outcome: 'invalid',
      kind: null,
      problems: [
        `This issue carries both the ${incidentLabel} and the ${highlightLabel} label; an issue is an incident or a highlight, so remove one of the two labels`,
      ],
      notes: [],
    }
  }
  return kind === 'incident'
    ? checkIncident(issue, templates.incident, settings, now)
    : checkHighlight(issue, templates.highlight, settings, now)
}

function checkIncident(
  issue: GitHubIssue,
  template: FormTemplate,
  settings: CheckSettings,
  now: Date,
): IssueCheck {
  const { timezone } = settings
  const form = parseIssueForm(issue.body, template)
  const labels = fieldLabels(template)
  const conversion = toIncident({ issue, form, timezone, labels })
  if (!conversion.ok) {
    return {
      outcome: 'invalid',
      kind: 'incident',
      problems: conversion.reasons,
      notes: timeNotes(form, labels, timezone),
    }
  }
  const incident = conversion.value
  return {
    outcome: 'valid',
    kind: 'incident',
    notes: incident.notes,
    preview: previewIncident(incident, timezone),
    publication: planPublication({
      start: incident.started,
      end: incident.ended,
      timezone,
      windowDays: settings['incident-window-days'],
      now,
    }),
  }
}

function checkHighlight(
  issue: GitHubIssue,
  template: FormTemplate,
  settings: CheckSettings,
  now: Date,
): IssueCheck {
  const { timezone } = settings
  const form = parseIssueForm(issue.body, template)
  const conversion = toHighlight({ issue, form, timezone, labels: fieldLabels(template) })
  if (!conversion.ok) {
    return { outcome: 'invalid', kind: 'highlight', problems: conversion.reasons, notes: [] }
  }
  const highlight = conversion.value
  // The report counts a highlight at the first moment of the day it shipped.
  const shippedAt = DateTime.fromISO(highlight.shipped, { zone: timezone }).toISO()
  if (shippedAt === null) {
    return {
      outcome: 'invalid',
      kind: 'highlight',
      problems: [`${highlight.shipped} is not a day in the time zone ${timezone}`],
      notes: highlight.notes,
    }
  }
  return {
    outcome: 'valid',
    kind: 'highlight',
    notes: highlight.notes,
    preview: previewHighlight(highlight),
    publication: planPublication({
      start: shippedAt,
      end: shippedAt,
      timezone,
      windowDays: settings['highlight-window-days'],
      now,
    }),
  }
}

/**
 * The notes on Started and Resolved when the incident has problems: the conversion only gives
 * notes with a usable incident, and an out-of-season abbreviation is worth fixing at the same time.
 */
function timeNotes(form: ParsedForm, labels: Record<string, string>, timezone: string): string[] {
  return (['started', 'resolved'] as const).flatMap((id) => {
    const text = readText(fieldValue(form.fields, id))
    const time = text === null ? null : parseTime(text, timezone)
    const label = labels[id] ?? INCIDENT_FIELD_LABELS[id]
    return time?.ok === true ? time.notes.map((note) => fieldReason(label, note)) : []
  })
}
