import { IMPACT_LABELS, IMPACT_LEVELS, IMPACT_NAMES } from '../model/impact.js'
import type { Report } from '../report/report.js'

/**
 * The intro used when the `intro` input is empty. Markdown, rendered like any input.
 */
export const DEFAULT_INTRO =
  '**A note on incidents:** this log lists every incident the infrastructure team handled in ' +
  'this period, however small, and whether or not anyone outside the team noticed it. An ' +
  'incident with no customer impact still gets its entry: the small ones show where the large ' +
  'ones would start, and a log that leaves things out cannot be trusted about what it keeps in.'

/** What a page says where a window had no incidents. */
export const NO_INCIDENTS = 'No incidents were filed for this period.'

/** What a page says where a window had no highlights. */
export const NO_HIGHLIGHTS = 'No highlights were filed for this period.'

/** How a window of `days` is named in a heading: `This Week`, `Trailing 2 Weeks`, `Trailing 10 Days`. */
export function windowTitle(days: number): string {
  if (days === 7) return 'This Week'
  if (days > 0 && days % 7 === 0) return `Trailing ${days / 7} Weeks`
  return days === 1 ? 'Trailing Day' : `Trailing ${days} Days`
}

/** The incident section's heading: `Trailing 2 Weeks Incidents`, and `This Week's Incidents`. */
export function incidentsHeading(days: number): string {
  return days === 7 ? "This Week's Incidents" : `${windowTitle(days)} Incidents`
}

/** The highlight section's heading: `This Week In Infra Engineering`. */
export function highlightsHeading(days: number): string {
  return `${windowTitle(days)} In Infra Engineering`
}

/** `1 incident`, `2 incidents`. */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** `Ana`, `Ana and Bo`, `Ana, Bo and Cy`. */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`
}

/** The legend under the diagram, from the lightest shade to the darkest. */
export function diagramLegend(): string {
  const shades = IMPACT_LEVELS.map((level) => IMPACT_NAMES[level]).join(', ')
  return `*Larger boxes lasted longer; darker boxes hit harder. Shades from light to dark: ${shades}.*`
}

/** The diagram's alternative text (plain text; the caller escapes it). */
export function diagramAlt(incidents: number, dateRange: string): string {
  return (
    `Diagram of ${countOf(incidents, 'incident')}, ${dateRange}: one box per incident, ` +
    'in one row per week, placed by start time; a larger box lasted longer, a darker box had ' +
    'more customer impact'
  )
}

/**
 * The line under the legend: `4 incidents: 1 severe, 1 high, 2 with no customer impact · 1d 7h
 * in total · 1 ongoing`, most severe first, levels without incidents left out.
 */
export function incidentSummary(report: Report, totalDuration: string): string {
  const { totals } = report
  const levels = [...IMPACT_LEVELS]
    .reverse()
    .filter((level) => totals.byImpact[level] > 0)
    .map((level) =>
      level === 'none'
        ? `${totals.byImpact[level]} with ${IMPACT_LABELS.none}`
        : `${totals.byImpact[level]} ${level}`,
    )
  const ongoing = report.incidents.filter((incident) => incident.ongoing).length
  const count = countOf(totals.incidents, 'incident')
  return [
    levels.length === 0 ? count : `${count}: ${levels.join(', ')}`,
    `${totalDuration} in total`,
    ...(ongoing > 0 ? [`${ongoing} ongoing`] : []),
  ].join(' · ')
}

/** Ends a run of prose with a full stop unless it already ends a sentence. */
export function endSentence(markdown: string): string {
  // Looks through closing emphasis (`*done.*`), but not through an entity's `;` (`&gt;`).
  const ended = /[.!?…:;][*~]*$/.test(markdown) && !/&#?\w+;$/.test(markdown)
  return markdown === '' || ended ? markdown : `${markdown}.`
}
