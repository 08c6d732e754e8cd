import { DateTime } from 'luxon'
import type { FieldValue, ParsedForm } from '../forms/form-template.js'
import { fieldReason, quoteValue, sortFormProblems } from './format-problem.js'
import type { Incident } from './incident.js'
import type { GitHubIssue } from './issue.js'
import { parseDuration, type DurationResult } from './parse-duration.js'
import { parseImpact } from './parse-impact.js'
import { describeTimeFormats, parseTime } from './parse-time.js'
import { fieldValue, readList, readText } from './read-field.js'
import type { Conversion } from './skipped.js'
import { stripTitlePrefix } from './strip-title-prefix.js'

/** The Incident form's field ids and their labels in the shipped template. */
export const INCIDENT_FIELD_LABELS = {
  started: 'Started',
  resolved: 'Resolved',
  duration: 'Duration',
  impact: 'Impact',
  services: 'Affected services',
  regions: 'Regions',
  summary: 'What happened',
  'customer-impact': 'Customer impact',
  postmortem: 'Post-mortem',
} as const

/** A field id of the Incident form. */
export type IncidentFieldId = keyof typeof INCIDENT_FIELD_LABELS

/** What toIncident reads. */
export type ToIncidentParams = {
  issue: GitHubIssue
  form: ParsedForm
  /** IANA zone for times written without one. */
  timezone: string
  /** The labels a repository's own template gives the fields, so reasons name them as shown. */
  labels?: Partial<Record<IncidentFieldId, string>>
}

type Label = (id: IncidentFieldId) => string

/** A time field: empty, unreadable, or read. */
type TimeField =
  | { state: 'empty' }
  | { state: 'bad'; reason: string }
  | { state: 'read'; written: string; instant: string; notes: string[] }

type ReadTime = Extract<TimeField, { state: 'read' }>

type End = Pick<Incident, 'ended' | 'endSource'>

/** An end, or why there is none; `reason` is null when a field's own reason already says why. */
type EndResult = { ok: true; end: End; notes: string[] } | { ok: false; reason: string | null }

/**
 * Turns a parsed Incident form and its issue into an incident, or every reason it cannot be
 * one: the parser's problems first, then each field's. Never throws.
 */
export function toIncident({
  issue,
  form,
  timezone,
  labels,
}: ToIncidentParams): Conversion<Incident> {
  const label: Label = (id) => labels?.[id] ?? INCIDENT_FIELD_LABELS[id]
  const text = (id: IncidentFieldId): string | null => readText(fieldValue(form.fields, id))
  const parsed = sortFormProblems(form.problems)
  const reasons = parsed.reasons
  const notes: string[] = [...parsed.notes]

  const started = readTimeField(text('started'), timezone)
  const resolved = readTimeField(text('resolved'), timezone)
  if (started.state === 'empty' && !parsed.reported.has('started')) {
    reasons.push(
      fieldReason(
        label('started'),
        `missing (required); write when the incident began, as ${describeTimeFormats(timezone)}`,
      ),
    )
  }
  for (const [id, time] of [
    ['started', started],
    ['resolved', resolved],
  ] as const) {
    if (time.state === 'bad') reasons.push(fieldReason(label(id), time.reason))
    if (time.state === 'read') notes.push(...time.notes.map((note) => fieldReason(label(id), note)))
  }

  const durationText = text('duration')
  const duration = durationText === null ? null : parseDuration(durationText)
  if (duration?.ok === false) reasons.push(fieldReason(label('duration'), duration.reason))

  const end =
    started.state === 'read'
      ? findEnd({ issue, started, resolved, duration, durationText: durationText ?? '', label })
      : null
  if (end?.ok === false && end.reason !== null) reasons.push(end.reason)
  if (end?.ok === true) notes.push(...end.notes)

  const impact = parseImpact(fieldValue(form.fields, 'impact') ?? null)
  if (!impact.ok && !(parsed.reported.has('impact') && isEmptyValue(form.fields['impact']))) {
    reasons.push(fieldReason(label('impact'), impact.reason))
  }

  const summary = text('summary')
  if (summary === null && !parsed.reported.has('summary')) {
    reasons.push(
      fieldReason(
        label('summary'),
        'missing (required); describe how it was detected, what caused it and what fixed it',
      ),
    )
  }

  if (
    reasons.length > 0 ||
    started.state !== 'read' ||
    end?.ok !== true ||
    !impact.ok ||
    summary === null
  ) {
    return { ok: false, reasons: reasonsOrFallback(reasons) }
  }
  return {
    ok: true,
    value: {
      number: issue.number,
      url: issue.html_url,
      ...(issue.repository !== undefined && { repository: issue.repository }),
      title: stripTitlePrefix(issue.title),
      author: issue.user?.login ?? 'ghost',
      started: started.instant,
      ...end.end,
      impact: impact.impact,
      services: readList(fieldValue(form.fields, 'services')),
      regions: (text('regions') ?? '').split(/[\s,]+/).filter((region) => region !== ''),
      summary,
      customerImpact: text('customer-impact'),
      postmortem: text('postmortem'),
      notes,
    },
  }
}

function isEmptyValue(value: FieldValue | undefined): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0)
}

function readTimeField(written: string | null, timezone: string): TimeField {
  if (written === null) return { state: 'empty' }
  const time = parseTime(written, timezone)
  return time.ok
    ? { state: 'read', written: written.trim(), instant: time.instant, notes: time.notes }
    : { state: 'bad', reason: time.reason }
}

/**
 * When the incident ended: Resolved when given; else Started plus Duration; else, with neither,
 * still going on while the issue is open, or over when the issue was closed.
 */
function findEnd(params: {
  issue: GitHubIssue
  started: ReadTime
  resolved: TimeField
  duration: DurationResult | null
  durationText: string
  label: Label
}): EndResult {
  const { issue, started, resolved, duration, durationText, label } = params
  if (resolved.state === 'read') {
    if (Date.parse(resolved.instant) < Date.parse(started.instant)) {
      return {
        ok: false,
        reason: `${label('resolved')} (${describeRead(resolved)}) is before ${label('started')} (${describeRead(started)}); check the dates and time zones`,
      }
    }
    const minutes = minutesBetween(started.instant, resolved.instant)
    const unused =
      duration?.ok === true && duration.minutes !== minutes
        ? [
            fieldReason(
              label('duration'),
              `${quoteValue(durationText.trim())} is not used: ${label('resolved')} is given, and makes the incident ${formatMinutes(minutes)} long`,
            ),
          ]
        : []
    return { ok: true, end: { ended: resolved.instant, endSource: 'resolved' }, notes: unused }
  }
  // An unreadable Resolved or Duration has its own reason; guessing an end around it would hide it.
  if (resolved.state === 'bad' || duration?.ok === false) return { ok: false, reason: null }
  if (duration !== null) {
    const ended = DateTime.fromISO(started.instant, { zone: 'utc' })
      .plus({ minutes: duration.minutes })
      .toISO({ suppressMilliseconds: true })
    return ended === null
      ? {
          ok: false,
          reason: fieldReason(
            label('duration'),
            `${quoteValue(durationText)} ends past the last date this can show`,
          ),
        }
      : { ok: true, end: { ended, endSource: 'duration' }, notes: [] }
  }
  if (issue.state === 'open')
    return { ok: true, end: { ended: null, endSource: 'ongoing' }, notes: [] }
  return endAtClosed(issue.closed_at, started, label)
}

/** Neither Resolved nor Duration, and the issue is closed: the incident ended when the issue was closed. */
function endAtClosed(
  closedAt: string | null | undefined,
  started: ReadTime,
  label: Label,
): EndResult {
  const closed =
    typeof closedAt === 'string'
      ? DateTime.fromISO(closedAt, { zone: 'utc' }).toUTC().toISO({ suppressMilliseconds: true })
      : null
  const advice = `write when the incident ended, or a ${label('duration')}`
  if (closed === null) {
    return {
      ok: false,
      reason: fieldReason(
        label('resolved'),
        `empty, and the issue is closed without a closing time; ${advice}`,
      ),
    }
  }
  if (Date.parse(closed) < Date.parse(started.instant)) {
    return {
      ok: false,
      reason: fieldReason(
        label('resolved'),
        `empty, and the issue was closed (${closed}) before ${label('started')} (${describeRead(started)}); ${advice}`,
      ),
    }
  }
  return { ok: true, end: { ended: closed, endSource: 'closed_at' }, notes: [] }
}

/** `"2024-04-24 12:00 EDT" = 2024-04-24T16:00:00Z`, or only the instant when that is what was written. */
function describeRead(time: ReadTime): string {
  return time.written === time.instant
    ? time.instant
    : `${quoteValue(time.written)} = ${time.instant}`
}

function minutesBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 60_000)
}

/** `1d 4h 5m`, `45m`, `0m`. */
function formatMinutes(minutes: number): string {
  const parts = [
    [Math.floor(minutes / 1440), 'd'],
    [Math.floor((minutes % 1440) / 60), 'h'],
    [minutes % 60, 'm'],
  ] as const
  const shown = parts.filter(([amount]) => amount > 0).map(([amount, unit]) => `${amount}${unit}`)
  return shown.length > 0 ? shown.join(' ') : '0m'
}

/** The reasons without repeats; a conversion that fails always says why. */
function reasonsOrFallback(reasons: string[]): string[] {
  const unique = [...new Set(reasons)]
  return unique.length > 0 ? unique : ['the issue could not be read as an incident']
}
