import type { Highlight } from '../model/highlight.js'
import { IMPACT_LABELS } from '../model/impact.js'
import { formatDuration, formatTime } from '../report/format-time.js'
import type { Report, ReportIncident, Window } from '../report/report.js'
import { escapeInlineText, escapeText } from './markdown-escape.js'
import { inlineText } from './markdown-inline.js'
import {
  NO_HIGHLIGHTS,
  NO_INCIDENTS,
  diagramAlt,
  diagramLegend,
  endSentence,
  highlightsHeading,
  incidentSummary,
  incidentsHeading,
  joinNames,
} from './page-wording.js'
import { inlineMarkdown, safeMarkdown } from './safe-markdown.js'
import { encodeLinkPath, safeUrl } from './safe-url.js'

// Each function below returns one section's markdown, without markers and without a trailing
// newline; render-page.ts puts them in order and wraps them.

// An entry's markdown is most of a page's cost. main.ts renders each entry while GitHub still
// serves the listing (`prerenderEntries`), and the page takes it from here: once per entry
// object (entries are never changed once made) and per `key`, what else the text depends on.
const rendered = new WeakMap<object, Map<string, string>>()

function once(entry: object, key: string, render: () => string): string {
  let texts = rendered.get(entry)
  if (texts === undefined) {
    texts = new Map()
    rendered.set(entry, texts)
  }
  let text = texts.get(key)
  if (text === undefined) {
    text = render()
    texts.set(key, text)
  }
  return text
}

/**
 * Renders the markdown of these entries ahead of the page, for a report of `window`, so that
 * it can be done while the listing still runs; `renderPage` then reuses it. Changes nothing else.
 */
export function prerenderEntries(params: {
  incidents: ReportIncident[]
  highlights: Highlight[]
  window: Window
}): void {
  const { window } = params
  for (const incident of params.incidents) {
    renderIncidentEntry(incident, { window })
    renderPostmortem(incident, window.timezone)
  }
  for (const highlight of params.highlights) renderHighlightEntry(highlight)
}

/** The page's heading (unless the site's layout shows the title) and the intro. */
export function renderHeaderSection(params: {
  title: string
  withHeading: boolean
  intro: string
}): string {
  const intro = safeMarkdown(params.intro)
  return [params.withHeading ? `# ${escapeInlineText(params.title)}` : '', intro]
    .filter((block) => block !== '')
    .join('\n\n')
}

/** The incident section: heading, diagram, legend, summary line and one entry per incident. */
export function renderIncidentsSection(params: {
  report: Report
  dateRange: string
  diagramFile: string
}): string {
  const { report, dateRange, diagramFile } = params
  const heading = `## ${incidentsHeading(report.window.incidents.days)}`
  if (report.incidents.length === 0) return `${heading}\n\n${NO_INCIDENTS}`
  const alt = escapeInlineText(diagramAlt(report.incidents.length, dateRange))
  const total = formatDuration(report.totals.incidentMinutes)
  return [
    heading,
    `![${alt}](${encodeLinkPath(diagramFile)})`,
    diagramLegend(),
    escapeInlineText(incidentSummary(report, total)),
    report.incidents.map((incident) => renderIncidentEntry(incident, report)).join('\n'),
  ].join('\n\n')
}

/**
 * One incident as a list item: a lead line `- **Apr 24: Title** (12:30 EDT, 1h 30m, high
 * impact): summary`, then, indented in the same paragraph, one line each for when it began (if
 * before the window), that it is ongoing, its scope, its customer impact and its issue.
 */
export function renderIncidentEntry(
  incident: ReportIncident,
  report: Pick<Report, 'window'>,
): string {
  const { timezone, incidents } = report.window
  return once(incident, `entry ${timezone} ${incidents.start}`, () =>
    writeIncidentEntry(incident, report.window),
  )
}

function writeIncidentEntry(incident: ReportIncident, window: Window): string {
  const { timezone } = window
  const shown = formatTime(incident.started, timezone)
  const duration = incident.ongoing ? 'ongoing' : formatDuration(incident.durationMinutes)
  const lead =
    `- **${shown.date}: ${titleOf(incident.title)}** ` +
    `(${shown.time} ${escapeInlineText(shown.zone)}, ${duration}, ${IMPACT_LABELS[incident.impact]})`
  const summary = endSentence(inlineMarkdown(incident.summary))
  const beganBefore = Date.parse(incident.started) < Date.parse(window.incidents.start)
  const customerImpact = inlineMarkdown(incident.customerImpact ?? '')
  const details = [
    beganBefore ? `Began ${shown.date}, before this period.` : '',
    incident.ongoing
      ? `Still ongoing at the end of this period: ${formatDuration(incident.durationMinutes)} so far.`
      : '',
    scopeOf(incident),
    customerImpact === '' ? '' : `Customer impact: ${endSentence(customerImpact)}`,
    issueLink(incident),
  ].filter((line) => line !== '')
  const first = summary === '' ? `${lead}.` : `${lead}: ${summary}`
  return [first, ...details.map((line) => `    ${line}`)].join('\n')
}

/** One post-mortem per incident that has one, under its title; empty when none has. */
export function renderPostmortemsSection(report: Report): string {
  const { timezone } = report.window
  const sections = report.incidents
    .map((incident) => renderPostmortem(incident, timezone))
    .filter((section) => section !== '')
  return sections.length === 0 ? '' : ['## Post-mortems', ...sections].join('\n\n')
}

/** An incident's post-mortem under its title, or nothing when it has none. */
function renderPostmortem(incident: ReportIncident, timezone: string): string {
  return once(incident, `postmortem ${timezone}`, () => {
    const body = safeMarkdown(incident.postmortem ?? '')
    if (body === '') return ''
    const shown = formatTime(incident.started, timezone)
    const about =
      `Incident of ${shown.date}, ${shown.time} ${escapeInlineText(shown.zone)}, ` +
      `${IMPACT_LABELS[incident.impact]}: ${issueLink(incident)}.`
    return `### ${headingText(incident.title)}\n\n${about}\n\n${body}`
  })
}

/** The highlights reel: one paragraph per highlight, the people first, the project as its lead. */
export function renderHighlightsSection(report: Report): string {
  const heading = `## ${highlightsHeading(report.window.highlights.days)}`
  if (report.highlights.length === 0) return `${heading}\n\n${NO_HIGHLIGHTS}`
  return [heading, ...report.highlights.map(renderHighlightEntry)].join('\n\n')
}

/** `**Ana Lima**: **Project**: summary`, then its links and its issue on lines of their own. */
export function renderHighlightEntry(highlight: Highlight): string {
  return once(highlight, 'entry', () => writeHighlightEntry(highlight))
}

function writeHighlightEntry(highlight: Highlight): string {
  const who = highlight.who.map((name) => name.trim()).filter((name) => name !== '')
  const names = joinNames((who.length > 0 ? who : [highlight.author]).map(inlineText))
  const lead = `**${names}**: **${titleOf(highlight.title)}**`
  const summary = endSentence(inlineMarkdown(highlight.summary))
  const links = inlineMarkdown(highlight.links ?? '')
  return [
    summary === '' ? `${lead}.` : `${lead}: ${summary}`,
    links === '' ? '' : `Links: ${endSentence(links)}`,
    issueLink(highlight),
  ]
    .filter((line) => line !== '')
    .join('\n')
}

function titleOf(title: string): string {
  const text = escapeInlineText(title)
  return text === '' ? '(untitled)' : text
}

/**
 * A title for a `###` heading: a trailing `#` would otherwise be read as closing the heading.
 * Left as they are: a `#` already escaped (a title's leading one), the `#` of a character
 * reference (`&#124;`, the `&#8203;` that breaks a mention) and those in an autolink, where no
 * escape is read.
 */
function headingText(title: string): string {
  return titleOf(title)
    .split(/(<https?:\/\/[^>]*>)/)
    .map((part, at) => (at % 2 === 1 ? part : part.replace(/(?<![&\\])((?:\\\\)*)#/g, '$1\\#')))
    .join('')
}

function scopeOf(incident: ReportIncident): string {
  const list = (values: string[]) =>
    values
      .map(escapeInlineText)
      .filter((value) => value !== '')
      .join(', ')
  const services = list(incident.services)
  const regions = list(incident.regions)
  return [
    services === '' ? '' : `Services: ${services}.`,
    regions === '' ? '' : `Regions: ${regions}.`,
  ]
    .filter((part) => part !== '')
    .join(' ')
}

/** `[#123](url)`, or `[owner/repo#123](url)` when the report spans several repositories. */
function issueLink(entry: {
  number: number
  url: string
  repository?: string | undefined
}): string {
  const text = escapeText(`${entry.repository ?? ''}#${entry.number}`)
  const url = safeUrl(entry.url)
  return url === null ? text : `[${text}](${url})`
}
