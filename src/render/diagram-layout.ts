import { DateTime } from 'luxon'
import { IMPACT_LEVELS, IMPACT_NAMES, type Impact } from '../model/impact.js'
import { zoneAbbreviation } from '../model/zone-names.js'
import type { Report, ReportIncident } from '../report/report.js'

/** Durations at or under this many minutes all get the smallest box, so a blip stays visible. */
export const MIN_BOX_MINUTES = 15
/** Durations at or over this many minutes (a day) all get the largest box, so an outage cannot swallow its row. */
export const MAX_BOX_MINUTES = 24 * 60
/** Side of the smallest box, in pixels. */
const MIN_BOX_SIDE = 8
/** Box side per square root of a minute: a box's area grows in proportion to its duration. */
const SIDE_PER_ROOT_MINUTE = MIN_BOX_SIDE / Math.sqrt(MIN_BOX_MINUTES)

const DAYS_PER_ROW = 7
const DAY_WIDTH = 110
/** Room left of the first day for the "began before this window" marker. */
const PLOT_LEFT = 24
const PLOT_RIGHT_MARGIN = 16
/** The whole diagram's width; rows of fewer days are left-aligned in it. */
const WIDTH = PLOT_LEFT + DAYS_PER_ROW * DAY_WIDTH + PLOT_RIGHT_MARGIN
const HEADING_HEIGHT = 40
/** From a row's top: its label, then the day band with the day names, then the boxes. */
const ROW_LABEL_HEIGHT = 20
const DAY_LABEL_HEIGHT = 22
const ROW_MIN_BOX_AREA = 40
const ROW_BOTTOM_PADDING = 8
const ROW_GAP = 14
/** Space kept between any two boxes, so each one's border stays visible. */
const BOX_GAP = 2
/** Width of the triangle beside a box that began before the window or is still ongoing. */
export const MARKER_WIDTH = 6
const LEGEND_GAP = 18
const LEGEND_LINE = 22
const LEGEND_SWATCH = 14
/** Where legend entries start, after the captions. */
const LEGEND_ENTRIES_LEFT = PLOT_LEFT + 72
/** Font size of the duration written inside a large box. */
export const BOX_LABEL_FONT_SIZE = 10
/** A generous average advance of the 12px sans-serif labels, to space legend entries. */
const CHAR_WIDTH = 7
const BOTTOM_MARGIN = 16
/** A window longer than this is not a weekly report; it bounds the loop over days. */
const MAX_WINDOW_DAYS = 3660
const LOCALE = 'en-US'
/** What the first row says when the window has no incidents. */
export const EMPTY_NOTE = 'No incidents in this window'

/** One local day of the window: a column in its row. */
export interface DiagramDay {
  /** `Wed Apr 24` */
  label: string
  x: number
  width: number
  weekend: boolean
}

/** One week of the window: a row of up to seven days, oldest row on top. */
export interface DiagramRow {
  /** `Week of Apr 24` */
  label: string
  top: number
  /** Where the day band (day names, grid, boxes) begins. */
  bandTop: number
  /** Where the first lane of boxes begins. */
  boxTop: number
  bottom: number
  left: number
  right: number
  days: DiagramDay[]
}

/** One incident's box, placed by start time and sized by duration. */
export interface DiagramBox {
  number: number
  repository: string | undefined
  /** Untrusted issue title, as given: the renderer escapes it. */
  title: string
  impact: Impact
  minutes: number
  ongoing: boolean
  /** The incident began before the window: the box sits at the window's start. */
  beganBeforeWindow: boolean
  /** Local start with the zone's abbreviation, `Wed Apr 24 12:30 EDT`. */
  startLabel: string
  /** The duration written inside the box (`10h`), or null when the box is too small for it. */
  label: string | null
  row: number
  x: number
  y: number
  size: number
}

/** A legend entry: a square of `size` at (`x`, `y`) with its label to the right. */
export interface LegendSwatch {
  x: number
  y: number
  size: number
  label: string
}

/** Where the legend's lines go: shades, sizes, and markers when any box has one. */
export interface DiagramLegend {
  /** Left edge of the line captions ("Impact", "Duration"); the entries start after them. */
  captionX: number
  shadesY: number
  shades: (LegendSwatch & { impact: Impact })[]
  sizesY: number
  /** The size samples stand on this line, like bars, and their labels sit on it. */
  sizesBaseline: number
  sizes: (LegendSwatch & { minutes: number })[]
  /** Left edge of the "larger boxes last longer" note. */
  sizesNoteX: number
  markersY: number
  markers: { kind: 'before' | 'ongoing'; x: number; label: string }[]
}

/** Everything the diagram draws, in pixels, with its text still unescaped. */
export interface DiagramLayout {
  width: number
  height: number
  /** `Apr 24 – May 7, 2024` */
  period: string
  timezone: string
  headingY: number
  rows: DiagramRow[]
  /** In the report's incident order. */
  boxes: DiagramBox[]
  /** Where to say that the window had no incidents; null when it had some. */
  emptyNote: { x: number; y: number; width: number } | null
  legend: DiagramLegend
}

interface Rect {
  x0: number
  x1: number
  y0: number
  y1: number
}

/** Side of the square box for an incident of `minutes`: area ∝ the duration, clamped to a range. */
export function boxSide(minutes: number): number {
  const known = Number.isFinite(minutes) ? minutes : MIN_BOX_MINUTES
  const clamped = Math.min(MAX_BOX_MINUTES, Math.max(MIN_BOX_MINUTES, known))
  return SIDE_PER_ROOT_MINUTE * Math.sqrt(clamped)
}

/** The local midnights that begin each day of the window. */
function dayBoundaries(start: DateTime, end: DateTime): DateTime[] {
  const days: DateTime[] = []
  for (let i = 0; i < MAX_WINDOW_DAYS; i++) {
    // plus({ days }) keeps the wall-clock time, so a 23- or 25-hour day is still one day.
    const day = start.plus({ days: i })
    if (day >= end) break
    days.push(day)
  }
  return days
}

function parseInstant(iso: string, zone: string): DateTime {
  return DateTime.fromISO(iso, { zone, locale: LOCALE })
}

function formatPeriod(first: DateTime, last: DateTime): string {
  if (first.year !== last.year) {
    return `${first.toFormat('LLL d, yyyy')} – ${last.toFormat('LLL d, yyyy')}`
  }
  return `${first.toFormat('LLL d')} – ${last.toFormat('LLL d, yyyy')}`
}

/** The day index and the fraction of that local day at which `ms` falls. */
function locateInstant(ms: number, bounds: number[]): { day: number; fraction: number } {
  let day = 0
  while (day < bounds.length - 2 && ms >= (bounds[day + 1] ?? Infinity)) day++
  const from = bounds[day] ?? 0
  const to = bounds[day + 1] ?? from + 1
  return { day, fraction: Math.min(1, Math.max(0, (ms - from) / (to - from))) }
}

/**
 * The boxes placed in a row, found by the columns they come near: a crowded fortnight puts
 * thousands of boxes in a row, and looking at every one of them for each new box was quadratic.
 */
class PlacedBoxes {
  /** In the order they were placed. */
  readonly all: Rect[] = []
  private readonly byColumn = new Map<number, number[]>()

  add(rect: Rect): void {
    const at = this.all.push(rect) - 1
    for (const column of columns(rect.x0 - BOX_GAP, rect.x1 + BOX_GAP)) {
      const list = this.byColumn.get(column)
      if (list === undefined) this.byColumn.set(column, [at])
      else list.push(at)
    }
  }

  /** The boxes within `BOX_GAP` of `x0`–`x1` across, in the order they were placed. */
  near(x0: number, x1: number): Rect[] {
    const found = new Set<number>()
    for (const column of columns(x0, x1)) {
      for (const at of this.byColumn.get(column) ?? []) found.add(at)
    }
    return [...found]
      .sort((a, b) => a - b)
      .map((at) => this.all[at])
      .filter((p): p is Rect => p !== undefined && x0 < p.x1 + BOX_GAP && p.x0 < x1 + BOX_GAP)
  }
}

const COLUMN_WIDTH = 16

function columns(from: number, to: number): number[] {
  const found: number[] = []
  for (
    let column = Math.floor(from / COLUMN_WIDTH);
    column <= Math.floor(to / COLUMN_WIDTH);
    column++
  ) {
    found.push(column)
  }
  return found
}

/**
 * The lowest offset from the top of the row at which `footprint` touches none of `placed`:
 * boxes keep their x (it is their start time) and drop into the first gap that fits them.
 */
function lowestFreeOffset(footprint: Rect, placed: PlacedBoxes): number {
  const height = footprint.y1 - footprint.y0
  const inColumn = placed.near(footprint.x0, footprint.x1).sort((a, b) => a.y0 - b.y0)
  // Top down: a box that reaches the trial offset pushes it below itself, and every offset it
  // skips touches that box; the first box that starts below the trial box, gap included, and
  // every box after it, leave the offset free. One pass, where trying each gap was quadratic.
  let y = 0
  for (const p of inColumn) {
    if (!(p.y0 < y + height + BOX_GAP)) break
    if (y < p.y1 + BOX_GAP) y = p.y1 + BOX_GAP
  }
  return y
}

function textWidth(text: string, fontSize = 12): number {
  return (text.length * CHAR_WIDTH * fontSize) / 12
}

function layoutLegend(top: number, boxes: DiagramBox[]): { legend: DiagramLegend; bottom: number } {
  const shadesY = top
  let x = LEGEND_ENTRIES_LEFT
  const shades = IMPACT_LEVELS.map((impact) => {
    const label = IMPACT_NAMES[impact]
    const swatch = { impact, x, y: shadesY, size: LEGEND_SWATCH, label }
    x += LEGEND_SWATCH + 6 + textWidth(label) + 18
    return swatch
  })

  // A day or more is the largest box; a sample of it would make the legend taller than a row.
  const samples: [number, string][] = [
    [MIN_BOX_MINUTES, `≤${MIN_BOX_MINUTES} min`],
    [60, '1 h'],
    [4 * 60, '4 h'],
  ]
  const sizesY = shadesY + LEGEND_LINE
  const sizesBaseline = sizesY + Math.max(...samples.map(([minutes]) => boxSide(minutes)))
  x = LEGEND_ENTRIES_LEFT
  const sizes = samples.map(([minutes, label]) => {
    const size = boxSide(minutes)
    const swatch = { minutes, x, y: sizesBaseline - size, size, label }
    x += size + 6 + textWidth(label) + 18
    return swatch
  })
  const sizesNoteX = x

  const markersY = sizesBaseline + 10
  const markers: DiagramLegend['markers'] = []
  x = LEGEND_ENTRIES_LEFT
  if (boxes.some((box) => box.beganBeforeWindow)) {
    const label = 'began before this window'
    markers.push({ kind: 'before', x, label })
    x += MARKER_WIDTH + 6 + textWidth(label) + 24
  }
  if (boxes.some((box) => box.ongoing)) {
    markers.push({ kind: 'ongoing', x, label: 'still ongoing' })
  }
  const bottom = markers.length > 0 ? markersY + LEGEND_SWATCH : sizesBaseline
  const legend = {
    captionX: PLOT_LEFT,
    shadesY,
    shades,
    sizesY,
    sizesBaseline,
    sizes,
    sizesNoteX,
    markersY,
    markers,
  }
  return { legend, bottom }
}

/** `45 min`, `1 h 30 min`, `3 d 2 h`: every unit that is not zero. */
export function formatDuration(minutes: number): string {
  return durationParts(minutes, [' d', ' h', ' min']).join(' ') || '0 min'
}

/** `45m`, `1h 30m`, `3d 2h`: the short form written inside a box. */
function formatShortDuration(minutes: number): string {
  return durationParts(minutes, ['d', 'h', 'm']).join(' ') || '0m'
}

function durationParts(minutes: number, units: [string, string, string]): string[] {
  const whole = Math.max(0, Math.round(minutes))
  const amounts = [Math.floor(whole / 1440), Math.floor((whole % 1440) / 60), whole % 60]
  return amounts.flatMap((amount, i) => (amount > 0 ? [`${amount}${units[i] ?? ''}`] : []))
}

/** The short duration (`3h`, `3h+` while ongoing) when it fits inside a box of `size`. */
function boxLabel(minutes: number, size: number, ongoing: boolean): string | null {
  // An ongoing incident's duration is only how long it has lasted so far.
  const label = `${formatShortDuration(minutes)}${ongoing ? '+' : ''}`
  return textWidth(label, BOX_LABEL_FONT_SIZE) + 6 <= size && size >= 20 ? label : null
}

/**
 * Lays out the incident diagram: one row per week of the incident window (oldest on top), each
 * incident a square placed at its local start time, with an area proportional to its duration
 * (clamped), stacked so that no box overlaps another.
 */
export function layoutIncidentDiagram(report: Report): DiagramLayout {
  const zone = report.window.timezone
  const windowStart = parseInstant(report.window.incidents.start, zone)
  const windowEnd = parseInstant(report.window.incidents.end, zone)
  if (!windowStart.isValid || !windowEnd.isValid) {
    throw new Error(
      `Report window: ${report.window.incidents.start} – ${report.window.incidents.end} in ` +
        `"${zone}" is not a span of ISO 8601 instants in an IANA time zone (e.g. America/New_York)`,
    )
  }
  const days = dayBoundaries(windowStart, windowEnd)
  const bounds = [...days.map((day) => day.toMillis()), windowEnd.toMillis()]
  const rowCount = Math.max(1, Math.ceil(days.length / DAYS_PER_ROW))

  const placedByRow = Array.from({ length: rowCount }, () => new PlacedBoxes())
  const boxes = report.incidents.map((incident) => placeBox(incident, zone, bounds, days.length))
  // Largest first: small boxes then fill the gaps the large ones leave, which packs a crowded
  // day into a far shorter row than start order does. The sort is stable, so ties keep report order.
  const bySize = [...boxes].sort((a, b) => b.box.size - a.box.size)
  for (const { box, footprint } of bySize) {
    const placed = placedByRow[box.row] ?? new PlacedBoxes()
    const offset = lowestFreeOffset(footprint, placed)
    placed.add({ ...footprint, y0: offset, y1: offset + box.size })
    box.y = offset
  }

  const rows: DiagramRow[] = []
  let top = HEADING_HEIGHT
  for (let r = 0; r < rowCount; r++) {
    const rowDays = days.slice(r * DAYS_PER_ROW, (r + 1) * DAYS_PER_ROW)
    const placed = placedByRow[r]?.all ?? []
    // Whole pixels keep the grid lines crisp and the rows' positions simple numbers.
    const boxArea = Math.ceil(Math.max(ROW_MIN_BOX_AREA, ...placed.map((p) => p.y1)))
    const bandTop = top + ROW_LABEL_HEIGHT
    const boxTop = bandTop + DAY_LABEL_HEIGHT
    const bottom = boxTop + boxArea + ROW_BOTTOM_PADDING
    const first = rowDays[0] ?? windowStart
    rows.push({
      label: `Week of ${first.toFormat('LLL d')}`,
      top,
      bandTop,
      boxTop,
      bottom,
      left: PLOT_LEFT,
      right: PLOT_LEFT + Math.max(1, rowDays.length) * DAY_WIDTH,
      days: rowDays.map((day, col) => ({
        label: day.toFormat('ccc LLL d'),
        x: PLOT_LEFT + col * DAY_WIDTH,
        width: DAY_WIDTH,
        weekend: day.weekday >= 6,
      })),
    })
    top = bottom + ROW_GAP
  }
  for (const { box } of boxes) box.y += rows[box.row]?.boxTop ?? 0

  const placedBoxes = boxes.map(({ box }) => box)
  const lastRow = rows[rows.length - 1]
  const firstRow = rows[0]
  const { legend, bottom } = layoutLegend((lastRow?.bottom ?? top) + LEGEND_GAP, placedBoxes)
  const lastDay = days[days.length - 1] ?? windowStart
  return {
    width: WIDTH,
    height: Math.ceil(bottom + BOTTOM_MARGIN),
    period: formatPeriod(windowStart, lastDay),
    timezone: zone,
    headingY: 24,
    rows,
    boxes: placedBoxes,
    emptyNote:
      placedBoxes.length === 0 && firstRow
        ? {
            x: (firstRow.left + firstRow.right) / 2,
            y: firstRow.boxTop + ROW_MIN_BOX_AREA / 2 - 4,
            width: textWidth(EMPTY_NOTE) + 24,
          }
        : null,
    legend,
  }
}

/** Places one incident in its row and column; its offset down the row is found later. */
function placeBox(
  incident: ReportIncident,
  zone: string,
  bounds: number[],
  dayCount: number,
): { box: DiagramBox; footprint: Rect } {
  const started = parseInstant(incident.started, zone)
  const windowStartMs = bounds[0] ?? 0
  const windowEndMs = bounds[bounds.length - 1] ?? windowStartMs
  const startedMs = started.isValid ? started.toMillis() : windowStartMs
  const beganBeforeWindow = startedMs < windowStartMs
  const at = Math.min(Math.max(startedMs, windowStartMs), windowEndMs - 1)
  const { day, fraction } = locateInstant(at, bounds)
  const row = Math.floor(day / DAYS_PER_ROW)
  const rowDays = Math.max(1, Math.min(DAYS_PER_ROW, dayCount - row * DAYS_PER_ROW))
  const rowRight = PLOT_LEFT + rowDays * DAY_WIDTH
  const size = boxSide(incident.durationMinutes)
  const after = incident.ongoing ? MARKER_WIDTH : 0
  const before = beganBeforeWindow ? MARKER_WIDTH : 0
  const wanted = PLOT_LEFT + ((day % DAYS_PER_ROW) + fraction) * DAY_WIDTH
  // A box that starts late on the row's last day is pulled left so it stays inside the row.
  const x = Math.max(PLOT_LEFT, Math.min(wanted, rowRight - size - after))
  return {
    box: {
      number: incident.number,
      repository: incident.repository,
      title: incident.title,
      impact: incident.impact,
      minutes: incident.durationMinutes,
      ongoing: incident.ongoing,
      beganBeforeWindow,
      startLabel: started.isValid
        ? `${started.toFormat('ccc LLL d HH:mm')} ${zoneAbbreviation(started) ?? started.toFormat('ZZ')}`
        : incident.started,
      label: boxLabel(incident.durationMinutes, size, incident.ongoing),
      row,
      x,
      y: 0,
      size,
    },
    footprint: { x0: x - before, x1: x + size + after, y0: 0, y1: size },
  }
}
