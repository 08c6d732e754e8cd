import { IMPACT_LEVELS, IMPACT_NAMES } from '../model/impact.js'
import { inlineText } from '../render/markdown-inline.js'
import { formatDateRange, formatDuration } from '../report/format-time.js'
import type { Report } from '../report/report.js'

/** GitHub refuses a pull request body of 65,536 characters or more; the rest is a safety margin. */
export const PULL_REQUEST_BODY_LIMIT = 65_000

/** Parameters of {@link buildPullRequestBody}. */
export type PullRequestBodyParams = {
  report: Report
  /** The files the commit writes. */
  files: string[]
  /** Files in which a person's edits to a generated region were kept. */
  keptEdits: string[]
  /** Files in which a person's edits were overwritten (`overwrite-edits: true`). */
  overwritten: string[]
  dryRun?: boolean
  /** The workflow run, linked at the end. It differs on every run, so a body with it always differs. */
  runUrl?: string
}

/** The pull request's title: `Infra Log: Apr 24 – May 7, 2024`. */
export function buildPullRequestTitle(report: Report): string {
  return `Infra Log: ${formatDateRange(report.window.incidents, report.window.timezone)}`
}

/**
 * The pull request's body: counts, the issues included, every skipped issue with its reasons,
 * the human edits kept and how to review. Stays under {@link PULL_REQUEST_BODY_LIMIT} by
 * dropping detail in stages; the skipped issues' numbers are the last thing to go.
 */
export function buildPullRequestBody(params: PullRequestBodyParams): string {
  for (const detail of DETAIL_STAGES) {
    const body = renderBody(params, detail, 0)
    if (body !== null && body.length < PULL_REQUEST_BODY_LIMIT) return body
  }
  // The numbers alone, as many as fit in the room the rest of the body leaves.
  const frame = renderBody(params, NUMBERS_ONLY, 0) ?? ''
  const body = renderBody(params, NUMBERS_ONLY, PULL_REQUEST_BODY_LIMIT - 1 - frame.length)
  if (body !== null && body.length < PULL_REQUEST_BODY_LIMIT) return body
  return renderBody(params, LAST_RESORT, 0) ?? ''
}

/** How much of each list one stage shows. */
type Detail = {
  /** Included issues: one line each, or only the counts. */
  included: 'list' | 'counts'
  /** Skipped issues: every reason; the first reason on one line; numbers only; a count only. */
  skipped: 'reasons' | 'first-reason' | 'numbers' | 'count'
  /** Longest title or reason shown, in characters of the issue's text. */
  textLimit: number
  /** Most reasons shown per skipped issue. */
  reasonLimit: number
}

const DETAIL_STAGES: Detail[] = [
  { included: 'list', skipped: 'reasons', textLimit: Infinity, reasonLimit: Infinity },
  { included: 'list', skipped: 'reasons', textLimit: 200, reasonLimit: 5 },
  { included: 'counts', skipped: 'reasons', textLimit: 200, reasonLimit: 5 },
  { included: 'counts', skipped: 'first-reason', textLimit: 120, reasonLimit: 1 },
  { included: 'counts', skipped: 'first-reason', textLimit: 50, reasonLimit: 1 },
]
const NUMBERS_ONLY: Detail = {
  included: 'counts',
  skipped: 'numbers',
  textLimit: 0,
  reasonLimit: 0,
}
const LAST_RESORT: Detail = { included: 'counts', skipped: 'count', textLimit: 0, reasonLimit: 0 }

/** An issue as the body refers to it. */
type Entry = { number: number; url: string; repository?: string | undefined }

/** How the body shows an issue's reference, its link and its text. */
type Show = {
  ref: (entry: Entry) => string
  link: (entry: Entry) => string
  text: (value: string) => string
}

// null as soon as a list outgrows the limit, so that a stage that cannot fit is not rendered in
// full (5,000 skipped issues with long reasons would be megabytes). `room`: characters the
// skipped numbers may take, in the numbers-only stage.
function renderBody(params: PullRequestBodyParams, detail: Detail, room: number): string | null {
  const { report } = params
  const severalRepositories =
    new Set(
      [...report.incidents, ...report.highlights, ...report.skipped].map(
        (entry) => entry.repository ?? '',
      ),
    ).size > 1
  const ref = (entry: Entry): string =>
    severalRepositories && entry.repository !== undefined
      ? `${entry.repository}#${entry.number}`
      : `#${entry.number}`
  const show: Show = {
    ref,
    link: (entry) => {
      const url = safeUrl(entry.url)
      return url === null ? ref(entry) : `[${ref(entry)}](${url})`
    },
    text: (value) => inlineText(truncate(value, detail.textLimit)),
  }

  const sections: string[] = []
  if (params.dryRun === true) {
    sections.push(
      '> [!NOTE]\n> Dry run: nothing was committed and no pull request was opened or changed.',
    )
  }
  sections.push(summary(report))
  if (detail.included === 'list') {
    const included = includedSections(report, show)
    if (included === null) return null
    sections.push(...included)
  }
  const skipped = skippedSection(report, detail, room, show)
  if (skipped === null) return null
  sections.push(...skipped)

  if (params.keptEdits.length > 0) {
    sections.push(
      `### Edits kept\n\nA person changed generated text in these files on this branch; the run kept their version (set \`overwrite-edits: true\` to replace it):\n\n${fileList(params.keptEdits)}`,
    )
  }
  if (params.overwritten.length > 0) {
    sections.push(
      `### Edits overwritten\n\n\`overwrite-edits\` is on, so a person's changes to generated text were replaced in:\n\n${fileList(params.overwritten)}`,
    )
  }
  if (params.files.length > 0) sections.push(`### Files\n\n${fileList(params.files)}`)
  sections.push(HOW_TO_REVIEW)
  const runUrl =
    params.runUrl === undefined || params.runUrl.length > 500 ? null : safeUrl(params.runUrl)
  if (runUrl !== null) {
    sections.push(`<sub>Written by infra-log in [this workflow run](${runUrl}).</sub>`)
  }
  return `${sections.join('\n\n')}\n`
}

function includedSections(report: Report, show: Show): string[] | null {
  const sections: string[] = []
  if (report.incidents.length > 0) {
    const lines = linesWithin(report.incidents, (incident) => {
      const facts = [
        IMPACT_NAMES[incident.impact],
        incident.ongoing ? 'ongoing' : formatDuration(incident.durationMinutes),
      ]
      return `- ${show.link(incident)} ${show.text(incident.title)} (${facts.join(', ')})`
    })
    if (lines === null) return null
    sections.push(`### Incidents\n\n${lines}`)
  }
  if (report.highlights.length > 0) {
    const lines = linesWithin(report.highlights, (highlight) => {
      const who = highlight.who.length > 0 ? ` (${show.text(highlight.who.join(', '))})` : ''
      return `- ${show.link(highlight)} ${show.text(highlight.title)}${who}`
    })
    if (lines === null) return null
    sections.push(`### Highlights\n\n${lines}`)
  }
  return sections
}

function summary(report: Report): string {
  const { totals, window } = report
  const levels = [...IMPACT_LEVELS]
    .reverse()
    .filter((level) => totals.byImpact[level] > 0)
    .map((level) => `${totals.byImpact[level]} ${IMPACT_NAMES[level]}`)
  const incidents =
    totals.incidents === 0
      ? '0 incidents'
      : `${plural(totals.incidents, 'incident')} (impact: ${levels.join(', ')}; ${formatDuration(totals.incidentMinutes)} in all)`
  const range = (span: Report['window']['incidents']): string =>
    formatDateRange(span, window.timezone)
  return [
    `The infra log as of ${window.asOf}: incidents from ${range(window.incidents)}, highlights from ${range(window.highlights)}.`,
    '',
    `**${incidents}** · **${plural(totals.highlights, 'highlight')}** · **${plural(totals.skipped, 'skipped issue')}**`,
  ].join('\n')
}

function skippedSection(report: Report, detail: Detail, room: number, show: Show): string[] | null {
  const { skipped } = report
  if (skipped.length === 0) return []
  const heading = `### Skipped issues\n\nThese labelled issues are not in the report. Fix each one (edit the issue so its form is complete) and run the workflow again.`
  const label = (value: string): string => `\`${value.replace(/[`\r\n]/g, "'")}\``
  switch (detail.skipped) {
    case 'reasons': {
      const lines = linesWithin(skipped, (entry) => {
        const shown = entry.reasons.slice(0, detail.reasonLimit)
        const more = entry.reasons.length - shown.length
        return [
          `- ${show.link(entry)} ${show.text(entry.title)} (${label(entry.label)})`,
          ...shown.map((reason) => `  - ${show.text(reason)}`),
          ...(more > 0 ? [`  - …and ${plural(more, 'more reason')}`] : []),
        ].join('\n')
      })
      return lines === null ? null : [`${heading}\n\n${lines}`]
    }
    case 'first-reason': {
      const lines = linesWithin(skipped, (entry) => {
        const more = entry.reasons.length - 1
        return `- ${show.link(entry)}: ${show.text(entry.reasons[0] ?? '')}${more > 0 ? ` (+${more})` : ''}`
      })
      return lines === null
        ? null
        : [
            `${heading} Their reasons are shortened here; the job summary has them in full.\n\n${lines}`,
          ]
    }
    case 'numbers': {
      // GitHub links a bare `#123` (or `owner/name#123`) by itself, so numbers alone still link.
      const intro = `${heading} There are too many to give reasons here; the job summary has them.\n\n`
      const refs: string[] = []
      let length = 0
      for (const entry of skipped) {
        const next = show.ref(entry)
        // Room for this one, its separator and the "and N more." after it.
        if (length + next.length + 2 + 20 > room) break
        refs.push(next)
        length += next.length + 2
      }
      const rest = skipped.length - refs.length
      return [`${intro}${refs.join(', ')}${rest > 0 ? ` and ${rest} more.` : ''}`]
    }
    case 'count':
      return [
        `### Skipped issues\n\n${plural(skipped.length, 'labelled issue')} could not be used; see the job summary of the workflow run for each one and why.`,
      ]
  }
}

// The rendered lines, or null once they alone pass the limit.
function linesWithin<T>(items: T[], render: (item: T) => string): string | null {
  const lines: string[] = []
  let length = 0
  for (const item of items) {
    const line = render(item)
    length += line.length + 1
    if (length >= PULL_REQUEST_BODY_LIMIT) return null
    lines.push(line)
  }
  return lines.join('\n')
}

const HOW_TO_REVIEW = `### How to review

- Read the page as it will be published: **Files changed**, then *Display the rich diff* on the report.
- Write the editor's note between the \`infra-log:editor-note\` markers, and polish any wording: running the workflow again keeps your edits.
- A skipped issue is fixed on the issue itself; then run the workflow again to pick it up.
- Merge to publish.`

// A report commits a handful of files; the cap only keeps a runaway list from taking the body.
const FILES_SHOWN = 50

function fileList(paths: string[]): string {
  const shown = paths
    .slice(0, FILES_SHOWN)
    .map((path) => `- \`${truncate(path, 200).replace(/[`\r\n]/g, "'")}\``)
  const more = paths.length - FILES_SHOWN
  return [...shown, ...(more > 0 ? [`- …and ${plural(more, 'more file')}`] : [])].join('\n')
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

// Cut by code points, so that an emoji is not split in half.
function truncate(value: string, limit: number): string {
  if (value.length <= limit) return value
  const points = [...value]
  return points.length <= limit ? value : `${points.slice(0, Math.max(0, limit - 1)).join('')}…`
}

// Only web links, with the characters that would end a markdown link destination encoded.
function safeUrl(url: string): string | null {
  if (!/^https?:\/\//i.test(url)) return null
  return url.replace(
    /[\s()<>\\[\]`]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  )
}
