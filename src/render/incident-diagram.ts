import { IMPACT_LABELS, IMPACT_LEVELS, type Impact } from '../model/impact.js'
import type { Report } from '../report/report.js'
import {
  BOX_LABEL_FONT_SIZE,
  EMPTY_NOTE,
  formatDuration,
  layoutIncidentDiagram,
  MARKER_WIDTH,
  type DiagramBox,
  type DiagramLayout,
  type DiagramRow,
} from './diagram-layout.js'
import { escapeXml, stripIllegalXmlChars } from './xml-escape.js'

/**
 * Box fills, lightest (no customer impact) to darkest (severe): ColorBrewer's five-class
 * "Reds", a single-hue ramp that reads by lightness alone, so it survives colour blindness.
 */
export const IMPACT_SHADES: Record<Impact, string> = {
  none: '#fee5d9',
  low: '#fcae91',
  moderate: '#fb6a4a',
  high: '#de2d26',
  severe: '#a50f15',
}

/** One border for every box: dark enough to outline the palest fill on the white panel. */
const BOX_BORDER = '#67000d'
/**
 * The diagram brings its own white panel, so its text and boxes read the same on a light or a
 * dark page; the panel's border keeps its edge visible on a white page.
 */
const PANEL_FILL = '#ffffff'
const PANEL_BORDER = '#d1d9e0'
const TEXT = '#1f2328'
const MUTED_TEXT = '#59636e'
const GRID = '#d1d9e0'
const WEEKEND_FILL = '#f6f8fa'
const SAMPLE_FILL = '#eaeef2'
/** Text inside a box: dark on the three light shades, white on the two dark ones (contrast ≥ 4.5). */
const LABEL_ON: Record<Impact, string> = {
  none: TEXT,
  low: TEXT,
  moderate: TEXT,
  high: '#ffffff',
  severe: '#ffffff',
}
const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Noto Sans', Helvetica, Arial, sans-serif"
/**
 * Explicit embeddings, overrides and isolates: an unclosed U+202E in a title would reverse the
 * rest of the tooltip (time, duration, impact). Right-to-left letters need none of them.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g
/** Titles are untrusted and may be megabytes; a tooltip needs the first words only. */
const MAX_TITLE_CHARS = 200

/** A fixed format for every coordinate, so the same report gives the same bytes. */
function num(value: number): string {
  const rounded = Math.round(value * 10) / 10
  return Object.is(rounded, -0) ? '0' : String(rounded)
}

/** One line of at most MAX_TITLE_CHARS code points, cut on a code point, not a surrogate half. */
function shortTitle(title: string): string {
  const flat = stripIllegalXmlChars(title).replace(BIDI_CONTROLS, '').replace(/\s+/g, ' ').trim()
  const chars = Array.from(flat)
  const short =
    chars.length > MAX_TITLE_CHARS ? `${chars.slice(0, MAX_TITLE_CHARS).join('')}…` : flat
  return short === '' ? '(untitled)' : short
}

function issueRef(box: { number: number; repository?: string | undefined }): string {
  return `${box.repository ?? ''}#${box.number}`
}

function describeBox(box: DiagramBox): string {
  const start = box.beganBeforeWindow
    ? `began ${box.startLabel}, before this window`
    : box.startLabel
  const duration = box.ongoing
    ? `ongoing, ${formatDuration(box.minutes)} so far`
    : formatDuration(box.minutes)
  return `${shortTitle(box.title)} — ${start}, ${duration}, ${IMPACT_LABELS[box.impact]}, ${issueRef(box)}`
}

/** The text alternative: how many, how many at each level, the longest, any still ongoing. */
function describeDiagram(report: Report, layout: DiagramLayout): string {
  const where = `${layout.period} (${layout.timezone})`
  const incidents = report.incidents
  if (incidents.length === 0) return `No incidents in this window, ${where}.`
  const counts = [...IMPACT_LEVELS]
    .reverse()
    .map((level) => ({ level, count: incidents.filter((i) => i.impact === level).length }))
    .filter(({ count }) => count > 0)
    .map(({ level, count }) =>
      level === 'none' ? `${count} with no customer impact` : `${count} ${level}`,
    )
  let longest = incidents[0]
  for (const incident of incidents) {
    if (longest === undefined || incident.durationMinutes > longest.durationMinutes)
      longest = incident
  }
  const plural = incidents.length === 1 ? 'incident' : 'incidents'
  const parts = [`${incidents.length} ${plural}, ${where}: ${counts.join(', ')}.`]
  if (longest !== undefined) {
    parts.push(
      `Longest: ${shortTitle(longest.title)} (${formatDuration(longest.durationMinutes)}, ` +
        `${IMPACT_LABELS[longest.impact]}, ${issueRef(longest)}).`,
    )
  }
  const ongoing = incidents.filter((i) => i.ongoing).length
  if (ongoing > 0) parts.push(`${ongoing} still ongoing.`)
  parts.push(
    'Each incident is a box placed at its start time; larger boxes last longer, darker boxes had more impact.',
  )
  return parts.join(' ')
}

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${num(x)}" y="${num(y)}"${attributes}>${escapeXml(content)}</text>`
}

/** A small triangle beside a box: pointing left for "began before", right for "still ongoing". */
function marker(kind: 'before' | 'ongoing', x: number, centerY: number): string {
  const half = 4
  const [base, tip] = kind === 'before' ? [x - 1, x - MARKER_WIDTH] : [x + 1, x + MARKER_WIDTH]
  const points = `${num(base)},${num(centerY - half)} ${num(base)},${num(centerY + half)} ${num(tip)},${num(centerY)}`
  return `<polygon points="${points}" fill="${MUTED_TEXT}"/>`
}

function renderRow(row: DiagramRow): string[] {
  const lines = [`<g class="week">`, text(row.left, row.top + 13, row.label, ' font-weight="600"')]
  for (const day of row.days) {
    if (day.weekend) {
      lines.push(
        `<rect x="${num(day.x)}" y="${num(row.bandTop)}" width="${num(day.width)}" height="${num(row.bottom - row.bandTop)}" fill="${WEEKEND_FILL}"/>`,
      )
    }
  }
  for (const day of row.days) {
    lines.push(text(day.x + 4, row.bandTop + 14, day.label, ` font-size="11" fill="${MUTED_TEXT}"`))
  }
  const edges = [...row.days.map((day) => day.x), row.right]
  for (const x of edges) {
    lines.push(
      `<line x1="${num(x)}" y1="${num(row.bandTop)}" x2="${num(x)}" y2="${num(row.bottom)}" stroke="${GRID}"/>`,
    )
  }
  lines.push(
    `<line x1="${num(row.left)}" y1="${num(row.bottom)}" x2="${num(row.right)}" y2="${num(row.bottom)}" stroke="${GRID}"/>`,
  )
  lines.push('</g>')
  return lines
}

function renderBox(box: DiagramBox): string[] {
  const lines = ['<g>', `<title>${escapeXml(describeBox(box))}</title>`]
  lines.push(
    `<rect class="incident" x="${num(box.x)}" y="${num(box.y)}" width="${num(box.size)}" height="${num(box.size)}" ` +
      `fill="${IMPACT_SHADES[box.impact]}" stroke="${BOX_BORDER}" ` +
      `data-impact="${box.impact}" data-minutes="${num(box.minutes)}" data-number="${box.number}"/>`,
  )
  const centerY = box.y + box.size / 2
  if (box.label !== null) {
    lines.push(
      text(
        box.x + box.size / 2,
        centerY + BOX_LABEL_FONT_SIZE * 0.35,
        box.label,
        ` text-anchor="middle" font-size="${BOX_LABEL_FONT_SIZE}" fill="${LABEL_ON[box.impact]}"`,
      ),
    )
  }
  if (box.beganBeforeWindow) lines.push(marker('before', box.x, centerY))
  if (box.ongoing) lines.push(marker('ongoing', box.x + box.size, centerY))
  lines.push('</g>')
  return lines
}

function square(x: number, y: number, size: number, fill: string, stroke: string): string {
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(size)}" height="${num(size)}" fill="${fill}" stroke="${stroke}"/>`
}

function renderLegend(layout: DiagramLayout): string[] {
  const { legend } = layout
  const caption = ' font-weight="600"'
  const lines = [
    '<g class="legend">',
    text(legend.captionX, legend.shadesY + 11, 'Impact', caption),
  ]
  for (const swatch of legend.shades) {
    lines.push(
      square(swatch.x, swatch.y, swatch.size, IMPACT_SHADES[swatch.impact], BOX_BORDER),
      text(swatch.x + swatch.size + 6, swatch.y + 11, swatch.label),
    )
  }
  const baseline = legend.sizesBaseline
  lines.push(text(legend.captionX, baseline - 1, 'Duration', caption))
  for (const swatch of legend.sizes) {
    lines.push(
      square(swatch.x, swatch.y, swatch.size, SAMPLE_FILL, MUTED_TEXT),
      text(swatch.x + swatch.size + 6, baseline - 1, swatch.label),
    )
  }
  lines.push(
    text(
      legend.sizesNoteX,
      baseline - 1,
      'larger boxes last longer, up to a day',
      ` fill="${MUTED_TEXT}"`,
    ),
  )
  for (const entry of legend.markers) {
    const x = entry.kind === 'before' ? entry.x + MARKER_WIDTH : entry.x
    lines.push(
      marker(entry.kind, x, legend.markersY + 7),
      text(entry.x + MARKER_WIDTH + 6, legend.markersY + 11, entry.label, ` fill="${MUTED_TEXT}"`),
    )
  }
  lines.push('</g>')
  return lines
}

/**
 * Renders the incident diagram as a standalone SVG 1.1 document: one row per week, one box per
 * incident with its own tooltip, a legend, and a text alternative. No scripts, no external
 * references, the same bytes for the same report.
 */
export function renderIncidentDiagram(report: Report): string {
  const layout = layoutIncidentDiagram(report)
  const id = `infra-log-incidents-${report.window.asOf.replace(/[^A-Za-z0-9-]/g, '')}`
  const { width, height } = layout
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${num(width)}" height="${num(height)}" ` +
      `viewBox="0 0 ${num(width)} ${num(height)}" role="img" aria-labelledby="${id}-title ${id}-desc" ` +
      `font-family="${FONT_FAMILY}" font-size="12" fill="${TEXT}">`,
    `<title id="${id}-title">${escapeXml(`Incidents, ${layout.period}`)}</title>`,
    `<desc id="${id}-desc">${escapeXml(describeDiagram(report, layout))}</desc>`,
    `<rect x="0.5" y="0.5" width="${num(width - 1)}" height="${num(height - 1)}" rx="6" fill="${PANEL_FILL}" stroke="${PANEL_BORDER}"/>`,
    text(
      layout.rows[0]?.left ?? 0,
      layout.headingY,
      `Incidents, ${layout.period}`,
      ' font-size="14" font-weight="600"',
    ),
    text(
      width - 16,
      layout.headingY,
      `times in ${layout.timezone}`,
      ` text-anchor="end" fill="${MUTED_TEXT}"`,
    ),
  ]
  for (const row of layout.rows) lines.push(...renderRow(row))
  if (layout.emptyNote) {
    const note = layout.emptyNote
    lines.push(
      `<rect x="${num(note.x - note.width / 2)}" y="${num(note.y - 12)}" width="${num(note.width)}" height="24" rx="12" fill="${PANEL_FILL}" stroke="${GRID}"/>`,
      text(note.x, note.y + 4, EMPTY_NOTE, ` text-anchor="middle" fill="${MUTED_TEXT}"`),
    )
  }
  lines.push('<g class="incidents">')
  for (const box of layout.boxes) lines.push(...renderBox(box))
  lines.push('</g>')
  lines.push(...renderLegend(layout))
  lines.push('</svg>', '')
  return lines.join('\n')
}
