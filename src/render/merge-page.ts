import { createHash } from 'node:crypto'
import { HASH_LENGTH, PAGE_MARKERS } from './render-page.js'

/** What a merge wrote, and which generated sections it left as people had them. */
export type MergedPage = {
  content: string
  /** Sections people edited or deleted, kept as they are; `page` when the file is not a report page. */
  keptEdits: string[]
  /** Sections people edited, replaced because `overwriteEdits` was on; `page` for a whole file. */
  overwritten: string[]
}

type Line = {
  /** The line with its terminator (`\n`, `\r\n`, or none on the last line). */
  raw: string
  /** The line without its terminator, trailing `\r` included. */
  text: string
}

type Marker =
  | { kind: 'start'; id: string; hash: string }
  | { kind: 'end'; id: string }
  | { kind: 'note-start' }
  | { kind: 'note-end' }

/** A stretch of a page: people's text, the editor's note, or a well-formed generated region. */
type Segment =
  | { kind: 'text'; lines: Line[] }
  | { kind: 'note'; lines: Line[] }
  | { kind: 'region'; id: string; intact: boolean; lines: Line[] }

/**
 * Merges a freshly rendered report page into the page already on the branch, keeping what people
 * wrote. The existing file's layout wins: text outside the markers, the editor's note and the
 * front matter stay exactly where people left them (the front matter is not marked, so it belongs
 * to people after the first run). A generated region whose content still matches the hash in its
 * start marker is replaced by the new one; a region whose content no longer matches, one whose id
 * appears twice, or one people deleted or broke (a start with no end, markers interleaved) is an
 * edit: it is kept and named in `keptEdits`, unless `overwriteEdits` is on, in which case every
 * well-formed region of that section is replaced and named in `overwritten`. A deleted or broken
 * section is never brought back, since there is no telling where it should go. Sections the new
 * page no longer has are left alone. A file with no infra-log markers at all is someone else's
 * page: it is kept whole (`keptEdits: ['page']`) unless `overwriteEdits` is on.
 *
 * Pure and idempotent: merging the same page into the result again changes nothing. Replaced
 * regions take the line ending of the start marker they replace, so CRLF files stay CRLF.
 */
export function mergePage(params: {
  generated: string
  existing: string | null
  overwriteEdits: boolean
}): MergedPage {
  const { generated, existing, overwriteEdits } = params
  if (existing === null || existing.trim() === '') {
    return { content: generated, keptEdits: [], overwritten: [] }
  }
  const existingLines = splitLines(existing)
  if (!existingLines.some((line) => readMarker(line.text) !== null)) {
    return overwriteEdits
      ? { content: generated, keptEdits: [], overwritten: ['page'] }
      : { content: existing, keptEdits: ['page'], overwritten: [] }
  }

  const fresh = new Map<string, Line[]>()
  for (const segment of readSegments(splitLines(generated))) {
    if (segment.kind === 'region' && !fresh.has(segment.id)) fresh.set(segment.id, segment.lines)
  }
  const segments = readSegments(existingLines)
  const regionsOf = (id: string) =>
    segments.filter(
      (s): s is Extract<Segment, { kind: 'region' }> => s.kind === 'region' && s.id === id,
    )

  const replace = new Set<string>()
  const keptEdits: string[] = []
  const overwritten: string[] = []
  for (const id of fresh.keys()) {
    const regions = regionsOf(id)
    const untouched = regions.length === 1 && regions[0]?.intact === true
    if (untouched) replace.add(id)
    else if (regions.length === 0) keptEdits.push(id)
    else if (overwriteEdits) {
      replace.add(id)
      overwritten.push(id)
    } else keptEdits.push(id)
  }

  const content = segments
    .map((segment) => {
      const replacement =
        segment.kind === 'region' && replace.has(segment.id) ? fresh.get(segment.id) : undefined
      if (replacement === undefined) return joinLines(segment.lines)
      const first = segment.lines[0]
      const bom = first?.text.startsWith('\uFEFF') === true ? '\uFEFF' : ''
      return `${bom}${withLineEnding(replacement, lineEndingOf(first))}`
    })
    .join('')
  return { content, keptEdits, overwritten }
}

/** Splits text into lines that keep their terminators, so that joining them gives the text back. */
function splitLines(text: string): Line[] {
  return (text.match(/[^\n]*\n|[^\n]+$/g) ?? []).map((raw) => ({
    raw,
    text: raw.endsWith('\n') ? raw.slice(0, -1) : raw,
  }))
}

function joinLines(lines: Line[]): string {
  return lines.map((line) => line.raw).join('')
}

function lineEndingOf(line: Line | undefined): string {
  return line?.raw.endsWith('\r\n') === true ? '\r\n' : '\n'
}

/** The lines with one line ending throughout, the last one included, so that what follows stays on its own line. */
function withLineEnding(lines: Line[], eol: string): string {
  return lines.map((line) => `${line.text.replace(/\r$/, '')}${eol}`).join('')
}

/**
 * Reads a marker line as render-page.ts writes it, forgiving what editors do to a line: a byte
 * order mark before the first one, trailing spaces, a CR.
 */
function readMarker(text: string): Marker | null {
  const line = text.replace(/^\uFEFF/, '').replace(/[ \t\r]+$/, '')
  const start = PAGE_MARKERS.generatedStartPattern.exec(line)
  if (start?.[1] !== undefined && start[2] !== undefined) {
    return { kind: 'start', id: start[1], hash: start[2] }
  }
  const end = PAGE_MARKERS.generatedEndPattern.exec(line)
  if (end?.[1] !== undefined) return { kind: 'end', id: end[1] }
  if (line === PAGE_MARKERS.editorNoteStart) return { kind: 'note-start' }
  if (line === PAGE_MARKERS.editorNoteEnd) return { kind: 'note-end' }
  return null
}

/**
 * Cuts a page into segments. Nothing is ever dropped: a marker that does not open a well-formed
 * region is people's text like any other line. Only the first start marker of each id met
 * outside a region may look past other markers for its end (see `findRegionEnd`): that keeps
 * the cost linear however many stray markers a page holds.
 */
function readSegments(lines: Line[]): Segment[] {
  const page = indexMarkers(lines)
  const lookedAhead = new Set<string>()
  const segments: Segment[] = []
  let text: Line[] = []
  let at = 0
  while (at < lines.length) {
    const marker = page.markers[at]
    let end: { line: number; intact: boolean } | undefined
    if (marker?.kind === 'start') {
      end = findRegionEnd(page, at, marker, !lookedAhead.has(marker.id))
      lookedAhead.add(marker.id)
    } else if (marker?.kind === 'note-start') end = findNoteEnd(page, at)
    const line = lines[at]
    if (marker == null || end === undefined) {
      if (line !== undefined) text.push(line)
      at += 1
      continue
    }
    if (text.length > 0) segments.push({ kind: 'text', lines: text })
    text = []
    const span = lines.slice(at, end.line + 1)
    segments.push(
      marker.kind === 'start'
        ? { kind: 'region', id: marker.id, intact: end.intact, lines: span }
        : { kind: 'note', lines: span },
    )
    at = end.line + 1
  }
  if (text.length > 0) segments.push({ kind: 'text', lines: text })
  return segments
}

/** A page's lines with the markers read once, so that finding a region's end stays linear. */
type MarkedPage = {
  lines: Line[]
  markers: (Marker | null)[]
  /** For each line, the index of the next marker line after it. */
  nextMarker: (number | undefined)[]
  /** For each section id, the lines of its end markers, in order. */
  endsById: Map<string, number[]>
  noteEnds: number[]
}

function indexMarkers(lines: Line[]): MarkedPage {
  const markers = lines.map((line) => readMarker(line.text))
  const nextMarker: (number | undefined)[] = []
  let next: number | undefined
  for (let at = lines.length - 1; at >= 0; at -= 1) {
    nextMarker[at] = next
    if (markers[at] !== null) next = at
  }
  const endsById = new Map<string, number[]>()
  const noteEnds: number[] = []
  markers.forEach((marker, at) => {
    if (marker?.kind === 'end') {
      const ends = endsById.get(marker.id) ?? []
      ends.push(at)
      endsById.set(marker.id, ends)
    }
    if (marker?.kind === 'note-end') noteEnds.push(at)
  })
  return { lines, markers, nextMarker, endsById, noteEnds }
}

/**
 * Where the region opened at `start` ends. A region normally ends at the next marker: if that is
 * its own end marker, the region is untouched when its content matches the hash and edited when
 * not; any other marker (another start, a note marker) or none means the markers are broken, and
 * the start is just text. With `lookAhead`, the hash is tried first against every later end
 * marker of the same id, so an untouched region is found even when its content quotes marker
 * text (an issue body can hold it in a code block).
 */
function findRegionEnd(
  page: MarkedPage,
  start: number,
  marker: { id: string; hash: string },
  lookAhead: boolean,
): { line: number; intact: boolean } | undefined {
  const next = page.nextMarker[start]
  const nextMarker = next === undefined ? undefined : page.markers[next]
  const nextIsOwnEnd = nextMarker?.kind === 'end' && nextMarker.id === marker.id
  const candidates = lookAhead
    ? after(page.endsById.get(marker.id) ?? [], start)
    : nextIsOwnEnd && next !== undefined
      ? [next]
      : []
  // Hashed incrementally: many candidate end markers still cost one pass over the text.
  const hash = createHash('sha256')
  let hashed = start + 1
  for (const end of candidates) {
    for (; hashed < end; hashed += 1) {
      hash.update(normalizeLineEnding(page.lines[hashed]?.raw ?? ''), 'utf8')
    }
    if (hash.copy().digest('hex').slice(0, HASH_LENGTH) === marker.hash) {
      return { line: end, intact: true }
    }
  }
  return nextIsOwnEnd && next !== undefined ? { line: next, intact: false } : undefined
}

function findNoteEnd(
  page: MarkedPage,
  start: number,
): { line: number; intact: boolean } | undefined {
  const end = after(page.noteEnds, start)[0]
  return end === undefined ? undefined : { line: end, intact: true }
}

/** The numbers of a sorted list that are greater than `start`. */
function after(sorted: number[], start: number): number[] {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >> 1
    if ((sorted[middle] ?? Infinity) > start) high = middle
    else low = middle + 1
  }
  return sorted.slice(low)
}

/**
 * The hash is `hashRegion` of render-page.ts, taken here line by line: the content with CRLF as
 * LF, and lines only ever hold a CRLF at their end.
 */
function normalizeLineEnding(raw: string): string {
  return raw.endsWith('\r\n') ? `${raw.slice(0, -2)}\n` : raw
}
