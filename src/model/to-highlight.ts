import { DateTime } from 'luxon'
import type { ParsedForm } from '../forms/form-template.js'
import { fieldReason, quoteValue, sortFormProblems } from './format-problem.js'
import type { Highlight } from './highlight.js'
import type { GitHubIssue } from './issue.js'
import { fieldValue, readText } from './read-field.js'
import type { Conversion } from './skipped.js'
import { stripTitlePrefix } from './strip-title-prefix.js'

/** The Highlight form's field ids and their labels in the shipped template. */
export const HIGHLIGHT_FIELD_LABELS = {
  who: 'Who',
  summary: 'What shipped',
  shipped: 'Shipped on',
  links: 'Links',
} as const

/** A field id of the Highlight form. */
export type HighlightFieldId = keyof typeof HIGHLIGHT_FIELD_LABELS

/** What toHighlight reads. */
export type ToHighlightParams = {
  issue: GitHubIssue
  form: ParsedForm
  /** IANA zone whose calendar gives the day an issue was closed or opened. */
  timezone: string
  /** The labels a repository's own template gives the fields, so reasons name them as shown. */
  labels?: Partial<Record<HighlightFieldId, string>>
}

type ShippedResult = { ok: true; day: string } | { ok: false; reason: string }

/**
 * Turns a parsed Highlight form and its issue into a highlight, or every reason it cannot be
 * one: the parser's problems first, then each field's. Never throws.
 */
export function toHighlight({
  issue,
  form,
  timezone,
  labels,
}: ToHighlightParams): Conversion<Highlight> {
  const label = (id: HighlightFieldId): string => labels?.[id] ?? HIGHLIGHT_FIELD_LABELS[id]
  const text = (id: HighlightFieldId): string | null => readText(fieldValue(form.fields, id))
  // An empty Who credits the issue's author, so the form's `required` does not bind here.
  const parsed = sortFormProblems(form.problems, ['who'])
  const reasons = parsed.reasons
  const author = issue.user?.login ?? 'ghost'

  const named = (text('who') ?? '')
    .split(/[,\n]/)
    .map((name) => name.trim())
    .filter((name) => name !== '')
  const who = named.length > 0 ? named : [author]

  const summary = text('summary')
  if (summary === null && !parsed.reported.has('summary')) {
    reasons.push(
      fieldReason(label('summary'), 'missing (required); describe what shipped and why it matters'),
    )
  }

  const shipped = readShipped(text('shipped'), issue, timezone)
  if (!shipped.ok) reasons.push(fieldReason(label('shipped'), shipped.reason))

  if (reasons.length > 0 || summary === null || !shipped.ok) {
    const unique = [...new Set(reasons)]
    return {
      ok: false,
      reasons: unique.length > 0 ? unique : ['the issue could not be read as a highlight'],
    }
  }
  return {
    ok: true,
    value: {
      number: issue.number,
      url: issue.html_url,
      ...(issue.repository !== undefined && { repository: issue.repository }),
      title: stripTitlePrefix(issue.title),
      author,
      who,
      summary,
      shipped: shipped.day,
      links: text('links'),
      notes: parsed.notes,
    },
  }
}

/** The day it shipped: as written (`YYYY-MM-DD`), else the day the issue was closed, else opened. */
function readShipped(written: string | null, issue: GitHubIssue, timezone: string): ShippedResult {
  const accepted =
    'write it as YYYY-MM-DD, e.g. 2024-05-02, or leave it empty for the day the issue was closed'
  if (written === null) {
    const fallback = typeof issue.closed_at === 'string' ? issue.closed_at : issue.created_at
    const day = DateTime.fromISO(fallback, { zone: 'utc' }).setZone(timezone).toISODate()
    return day === null
      ? {
          ok: false,
          reason: `empty, and the issue's date ${quoteValue(fallback)} has no day in the time zone ${quoteValue(timezone)}; ${accepted}`,
        }
      : { ok: true, day }
  }
  const day = written
    .trim()
    .replace(/^`([^`]*)`$/, '$1')
    .trim()
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (match === null) return { ok: false, reason: `${quoteValue(day)} is not a date; ${accepted}` }
  const date = DateTime.fromObject(
    { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) },
    { zone: 'utc' },
  )
  return date.isValid
    ? { ok: true, day }
    : { ok: false, reason: `${quoteValue(day)} is not a day on the calendar; ${accepted}` }
}
