import { codeSpan, escapeInlineText } from '../render/markdown-escape.js'
import { formatDateRange } from '../report/format-time.js'
import type { IssueCheck, IssueKind } from './check-issue.js'
import type { Publication } from './plan-publication.js'

/** The hidden first line that marks infra-log's one comment on an issue. */
export const VALIDATION_MARKER = '<!-- infra-log:validate -->'

/** GitHub refuses comment bodies longer than this many characters. */
export const MAX_COMMENT_CHARACTERS = 65_536

// Problems and notes share this many characters; the rest of the comment is short and fixed.
const LIST_BUDGET = 60_000
// A reason quotes at most 60 characters of a value, so a longer line is a parser message gone wild.
const LINE_LIMIT = 500

const FOOTER = '<sub>infra-log updates this comment each time the issue is edited.</sub>'

/** What the comment says about who may confirm an outsider's issue. */
export type CommentSettings = { confirmedLabel: string; authorAssociations: string[] }

/**
 * The body of infra-log's comment for a check, starting with {@link VALIDATION_MARKER}. Issue
 * text reaches it only escaped, with mentions neutralized, and an outsider's issue is not echoed
 * at all. Stays under GitHub's limit by cutting the lists of problems and notes.
 */
export function renderValidationComment(
  check: Exclude<IssueCheck, { outcome: 'ignored' }>,
  settings: CommentSettings,
): string {
  const blocks = ((): string[] => {
    switch (check.outcome) {
      case 'needs-confirmation':
        return confirmationBlocks(check.kind, settings)
      case 'invalid':
        return invalidBlocks(check)
      case 'valid':
        return validBlocks(check)
    }
  })()
  return [VALIDATION_MARKER, ...blocks, FOOTER].join('\n\n') + '\n'
}

function confirmationBlocks(kind: IssueKind, settings: CommentSettings): string[] {
  const associations = settings.authorAssociations.map((association) => codeSpan(association))
  const who =
    associations.length <= 1
      ? associations.join('')
      : `${associations.slice(0, -1).join(', ')} or ${associations.at(-1) ?? ''}`
  const intro =
    `**infra-log:** thanks for filing this ${kind}. The infra log only publishes issues whose ` +
    `author has one of these author associations with this repository: ${who}; this issue's ` +
    `author has another.`
  const next =
    settings.confirmedLabel === ''
      ? 'It will not be published: this repository has set no label for confirming such issues (the `confirmed-label` input).'
      : `A maintainer can confirm it by adding the ${codeSpan(settings.confirmedLabel)} label. Then infra-log checks the form and updates this comment; until then, the weekly report leaves the issue out.`
  return [intro, next]
}

function invalidBlocks(check: Extract<IssueCheck, { outcome: 'invalid' }>): string[] {
  const noun = check.kind ?? 'issue'
  const { problems, notes } = fitLists(check.problems, check.notes)
  return [
    `**infra-log:** this ${noun} cannot go in the infra log yet. Please edit the issue to fix ${check.problems.length === 1 ? 'this' : 'these'}:`,
    problems,
    ...(notes === '' ? [] : ['Also note:', notes]),
    `Until then, the weekly report leaves it out and, while it falls in the report's period, lists it with ${check.problems.length === 1 ? 'this problem' : 'these problems'} among the issues it could not use.`,
  ]
}

function validBlocks(check: Extract<IssueCheck, { outcome: 'valid' }>): string[] {
  const { notes } = fitLists([], check.notes)
  return [
    `**infra-log:** this ${check.kind} is ready for the infra log. Its entry will read:`,
    `> ${check.preview}`,
    describePublication(check.publication, check.kind),
    ...(notes === '' ? [] : ['Please check:', notes]),
  ]
}

/**
 * When the entry is published, by report date: every report whose window overlaps it, since
 * the action cannot know the report workflow's schedule.
 */
export function describePublication(publication: Publication, kind: IssueKind): string {
  const { first, last, windowDays, today } = publication
  const covers = `each report covers the ${windowDays === 1 ? 'day' : `${windowDays} days`} up to its date`
  if (last === null) {
    return `It will be in every infra log dated ${formatDay(first)} or later while the ${kind} is ongoing (${covers}).`
  }
  const dates = formatDateRange({ start: midnight(first), end: midnight(nextDay(last)) }, 'UTC')
  const single = first === last
  const lead = single
    ? `It will be in the infra log dated ${dates} (${covers}).`
    : `It will be in every infra log dated ${dates} (${covers}).`
  if (last < today) {
    return `${lead} ${single ? 'That date is' : 'Those dates are'} past (today is ${formatDay(today)}), so only a report made again for ${single ? 'it' : 'one of them'}, with the report workflow's \`as-of\` input, will include it.`
  }
  if (first > today) return lead
  return `${lead} A report made today would include it.`
}

/** Problems and notes as markdown lists, cut to fit the comment; either may be empty. */
function fitLists(
  problems: readonly string[],
  notes: readonly string[],
): { problems: string; notes: string } {
  let budget = LIST_BUDGET
  const fit = (items: readonly string[], noun: string): string => {
    const lines: string[] = []
    for (const item of items) {
      const line = `- ${escapeInlineText(cut(item))}`
      if (line.length + 1 > budget) break
      lines.push(line)
      budget -= line.length + 1
    }
    const left = items.length - lines.length
    if (left > 0) lines.push(`- … and ${left} more ${noun}${left === 1 ? '' : 's'}, not shown.`)
    return lines.join('\n')
  }
  return { problems: fit(problems, 'problem'), notes: fit(notes, 'note') }
}

/** One line at most LINE_LIMIT characters long, without direction overrides that would reorder it. */
function cut(text: string): string {
  const characters = Array.from(text.slice(0, LINE_LIMIT * 2))
  const line =
    characters.length > LINE_LIMIT ? `${characters.slice(0, LINE_LIMIT).join('')}…` : text
  return line.replace(/[\u202a-\u202e\u2066-\u2069]/g, '\uFFFD')
}

function formatDay(date: string): string {
  return formatDateRange({ start: midnight(date), end: midnight(nextDay(date)) }, 'UTC')
}

function midnight(date: string): string {
  return `${date}T00:00:00Z`
}

function nextDay(date: string): string {
  const next = new Date(Date.parse(midnight(date)) + 86_400_000)
  return next.toISOString().slice(0, 10)
}
