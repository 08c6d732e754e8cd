import { inlineText } from './markdown-inline.js'
import { stripIllegalXmlChars } from './xml-escape.js'

/** One report as the index and the feed list it. `title` and `summary` are plain text. */
export type IndexEntry = {
  /** `YYYY-MM-DD`, the report's as-of date; the path holds it too (`2024-05-07.md`). */
  asOf: string
  title: string
  summary: string
  /** The page, relative to the index (and to the feed, which sits beside it). */
  path: string
}

const SEPARATOR = ' — '
const ENTRY_LINE = /^- \[((?:\\[\s\S]|[^\\\]])*)\]\(([^\s()<>]*)\)(?: — (.*))?$/
const DATE = /\d{4}-\d{2}-\d{2}/g
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>' }

/** Newest first; ties (which a caller should not pass) by path, then title, so the order is total. */
export function compareIndexEntries(a: IndexEntry, b: IndexEntry): number {
  return compareText(b.asOf, a.asOf) || compareText(a.path, b.path) || compareText(a.title, b.title)
}

/** One entry as an index line: `- [<title>](<path>) — <summary>`, untrusted text escaped. */
export function formatIndexEntry(entry: IndexEntry): string {
  const link = `- [${inlineText(entry.title)}](${encodePath(entry.path)})`
  const summary = inlineText(entry.summary)
  return summary === '' ? link : `${link}${SEPARATOR}${summary}`
}

/**
 * Reads an index line back into its entry, undoing the escaping of `formatIndexEntry`; the as-of
 * date is the last `YYYY-MM-DD` in the path. Null for a line that is not an entry.
 */
export function parseIndexEntry(line: string): IndexEntry | null {
  const match = ENTRY_LINE.exec(line.replace(/\r$/, ''))
  if (match === null) return null
  const [, title = '', destination = '', summary = ''] = match
  const path = decodePath(destination)
  const asOf = path === null ? undefined : [...path.matchAll(DATE)].at(-1)?.[0]
  if (path === null || asOf === undefined || !isCalendarDate(asOf)) return null
  return { asOf, title: readInlineText(title), summary: readInlineText(summary), path }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** A link destination with no space, parenthesis or angle bracket left to end it early. */
function encodePath(path: string): string {
  return encodeURI(stripIllegalXmlChars(path)).replace(
    /[()]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

function decodePath(destination: string): string | null {
  try {
    return decodeURI(destination)
  } catch {
    return null
  }
}

/**
 * Undoes `inlineText`: the zero-width space that breaks a template opener (`{{`, `{%`, `{#`),
 * backslash escapes, the three entities, and the mark that neutralizes mentions.
 */
function readInlineText(markdown: string): string {
  return markdown.replace(
    /\\\{\u200B(?=\\\{|%|\\#)|\\([\s\S])|&(amp|lt|gt);|@&#8203;/g,
    (match, escaped: string | undefined, entity: string | undefined) => {
      if (match.startsWith('\\{\u200B')) return '{'
      if (escaped !== undefined) return escaped
      return entity === undefined ? '@' : (ENTITIES[entity] ?? '')
    },
  )
}

function isCalendarDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date)
}
