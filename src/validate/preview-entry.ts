import type { Highlight } from '../model/highlight.js'
import { IMPACT_LABELS } from '../model/impact.js'
import type { Incident } from '../model/incident.js'
import { escapeInlineText } from '../render/markdown-escape.js'
import { joinNames } from '../render/page-wording.js'
import { formatDuration, formatTime } from '../report/format-time.js'

/**
 * The lead of an incident's report entry, as markdown safe for one line:
 * `**Apr 24: Title** (12:30 EDT, 1h 30m, high impact)`, or `ongoing` in place of the duration.
 */
export function previewIncident(incident: Incident, timezone: string): string {
  const shown = formatTime(incident.started, timezone)
  const duration =
    incident.ended === null
      ? 'ongoing'
      : formatDuration((Date.parse(incident.ended) - Date.parse(incident.started)) / 60_000)
  return (
    `**${shown.date}: ${titleOf(incident.title)}** ` +
    `(${shown.time} ${escapeInlineText(shown.zone)}, ${duration}, ${IMPACT_LABELS[incident.impact]})`
  )
}

/** The lead of a highlight's report entry: `**Ana and Bo**: **Project**`. */
export function previewHighlight(highlight: Highlight): string {
  const who = highlight.who.map((name) => name.trim()).filter((name) => name !== '')
  const names = joinNames((who.length > 0 ? who : [highlight.author]).map(escapeInlineText))
  return `**${names}**: **${titleOf(highlight.title)}**`
}

function titleOf(title: string): string {
  const text = escapeInlineText(title)
  return text === '' ? '(untitled)' : text
}
