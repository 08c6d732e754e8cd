import type { SitePreset } from '../inputs.js'
import { renderFrontMatter } from './front-matter.js'
import {
  compareIndexEntries,
  formatIndexEntry,
  parseIndexEntry,
  type IndexEntry,
} from './index-entry.js'
import { inlineText } from './markdown-inline.js'

export type { IndexEntry } from './index-entry.js'

/** The line that opens the list of reports in `index.md`. */
export const INDEX_START = '<!-- infra-log:index:start -->'
/** The line that closes the list of reports in `index.md`. */
export const INDEX_END = '<!-- infra-log:index:end -->'

const DEFAULT_TITLE = 'Infra Log'
const DESCRIPTION =
  'Weekly reports from the infrastructure team: every incident, however small, and what the team shipped.'

/** The entries found in an index, and the lines of its list that were not entries. */
export type IndexEntries = {
  entries: IndexEntry[]
  /** Lines of the generated list that do not read as an entry, without line endings; worth a warning. */
  dropped: string[]
}

/**
 * Renders `index.md`. Only the list between `INDEX_START` and `INDEX_END` is rewritten, one line
 * per entry, newest first; the rest of an existing page belongs to people and is kept byte for
 * byte. An existing page without the markers gets the list appended at its end. With no page yet,
 * a fresh one: front matter for the site preset, a `# <title>` heading (not for `jekyll`, whose
 * layout shows the title), a sentence, a link to the feed, and the list.
 */
export function renderIndex(params: {
  existing: string | null
  entries: IndexEntry[]
  site: SitePreset
  title?: string
}): string {
  const { existing, site } = params
  const entries = [...params.entries].sort(compareIndexEntries)
  if (existing === null || existing.trim() === '') {
    const title = params.title ?? DEFAULT_TITLE
    // No date: the front matter is written once, and any date in it would go stale.
    const frontMatter = renderFrontMatter({ site, title, description: DESCRIPTION })
    // As on the report pages: Jekyll's page layout shows the title itself.
    const heading = site === 'jekyll' ? '' : `# ${inlineText(title)}\n\n`
    return `${frontMatter}${heading}${DESCRIPTION} Newest first; also as an [Atom feed](feed.xml).\n\n${renderList(entries, '\n')}`
  }

  const lines = splitLines(existing)
  const region = findRegion(lines)
  if (region === null) {
    const eol = dominantLineEnding(existing)
    const separator = existing.endsWith('\n') ? eol : `${eol}${eol}`
    return `${existing}${separator}${renderList(entries, eol)}`
  }
  const eol = lines[region.start]?.endsWith('\r\n') === true ? '\r\n' : '\n'
  const list = entries.map((entry) => `${formatIndexEntry(entry)}${eol}`).join('')
  return [...lines.slice(0, region.start + 1), list, ...lines.slice(region.end)].join('')
}

/**
 * Reads the entries back from an index's list, in the order they appear, so that the next run
 * can add its report to them. Blank lines are skipped; any other line that is not an entry is
 * returned in `dropped`, since the list is rewritten without it.
 */
export function readIndexEntries(existing: string | null): IndexEntries {
  if (existing === null) return { entries: [], dropped: [] }
  const lines = splitLines(existing)
  const region = findRegion(lines)
  if (region === null) return { entries: [], dropped: [] }
  const entries: IndexEntry[] = []
  const dropped: string[] = []
  for (const line of lines.slice(region.start + 1, region.end)) {
    const text = line.replace(/\r?\n$/, '')
    if (text.trim() === '') continue
    const entry = parseIndexEntry(text)
    if (entry === null) dropped.push(text)
    else entries.push(entry)
  }
  return { entries, dropped }
}

function renderList(entries: IndexEntry[], eol: string): string {
  return [INDEX_START, ...entries.map(formatIndexEntry), INDEX_END]
    .map((line) => `${line}${eol}`)
    .join('')
}

/** Lines with their terminators, so that joining them gives the text back. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? []
}

/**
 * The list: the first end marker that has a start marker before it (the last one, if several).
 * Stray markers elsewhere are people's text; the list is never taken to span them.
 */
function findRegion(lines: string[]): { start: number; end: number } | null {
  let start: number | null = null
  for (const [at, line] of lines.entries()) {
    const text = line.replace(/\r?\n$/, '').trimEnd()
    if (text === INDEX_START) start = at
    else if (text === INDEX_END && start !== null) return { start, end: at }
  }
  return null
}

function dominantLineEnding(text: string): string {
  const crlf = text.match(/\r\n/g)?.length ?? 0
  const lf = text.match(/\n/g)?.length ?? 0
  return crlf > lf - crlf ? '\r\n' : '\n'
}
