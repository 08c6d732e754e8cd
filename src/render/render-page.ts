/**
 * The report page, and the markers that let a later run carry people's edits over.
 *
 * A page is, in order: the site's front matter (if any), then five regions, each opened and
 * closed by an HTML comment on a line of its own, with blank lines around them (which
 * Python-Markdown needs to see a comment as a block):
 *
 * ```
 * <!-- infra-log:generated:start id=<section> hash=<12 hex> -->
 *
 * ...generated markdown...
 *
 * <!-- infra-log:generated:end id=<section> -->
 * ```
 *
 * - Generated regions, in page order: `header` (title heading and intro), `incidents`, then the
 *   editor's note, then `postmortems` (empty when no incident has one, so the region is always
 *   there) and `highlights`.
 * - `hash` is `hashRegion` of the region's content: every line strictly between the start
 *   marker line and the end marker line, each with its line ending, CRLF read as LF; the first
 *   12 hex digits of its SHA-256. A region whose content no longer matches was edited by a
 *   person.
 * - The editor's note sits between `<!-- infra-log:editor-note:start -->` and
 *   `<!-- infra-log:editor-note:end -->`. It belongs to people and carries no hash; a fresh page
 *   holds a placeholder comment there.
 * - The front matter is generated too but must come first, so it is outside every marker: the
 *   block from a first line `---` to the next line `---`.
 *
 * Untrusted text can never produce a marker line: outside code every `<` is escaped, and inside
 * code `<!--` before `infra-log:` is broken with a zero-width space.
 */
import { createHash } from 'node:crypto'
import type { SitePreset } from '../inputs.js'
import { formatDateRange } from '../report/format-time.js'
import type { Report } from '../report/report.js'
import { renderFrontMatter } from './front-matter.js'
import {
  renderHeaderSection,
  renderHighlightsSection,
  renderIncidentsSection,
  renderPostmortemsSection,
} from './page-sections.js'
import { DEFAULT_INTRO } from './page-wording.js'

export { DEFAULT_INTRO } from './page-wording.js'

/** The generated regions of a page, in page order (the editor's note sits after `incidents`). */
export const GENERATED_SECTIONS = ['header', 'incidents', 'postmortems', 'highlights'] as const

/** One generated region of a page. */
export type GeneratedSection = (typeof GENERATED_SECTIONS)[number]

/** How many hex digits of the SHA-256 a start marker carries. */
export const HASH_LENGTH = 12

/** The marker lines of a page (see the top of this file), written and read the same way. */
export const PAGE_MARKERS = {
  generatedStart: (id: string, hash: string) =>
    `<!-- infra-log:generated:start id=${id} hash=${hash} -->`,
  generatedEnd: (id: string) => `<!-- infra-log:generated:end id=${id} -->`,
  /** Matches a start marker line (without its line ending): id in group 1, hash in group 2. */
  generatedStartPattern:
    /^<!-- infra-log:generated:start id=([A-Za-z0-9_-]+) hash=([0-9a-f]{12}) -->$/,
  /** Matches an end marker line (without its line ending): id in group 1. */
  generatedEndPattern: /^<!-- infra-log:generated:end id=([A-Za-z0-9_-]+) -->$/,
  editorNoteStart: '<!-- infra-log:editor-note:start -->',
  editorNoteEnd: '<!-- infra-log:editor-note:end -->',
} as const

/** What the editor's note holds until a person writes it: invisible if it is never replaced. */
export const EDITOR_NOTE_PLACEHOLDER =
  "<!-- Editor's note: replace this comment with a paragraph about the period as a whole. Later runs keep what you write here. -->"

/**
 * The hash a start marker carries for `content`, the text strictly between the start and end
 * marker lines: SHA-256 of it with CRLF as LF, the first 12 hex digits.
 */
export function hashRegion(content: string): string {
  return createHash('sha256')
    .update(content.replace(/\r\n/g, '\n'), 'utf8')
    .digest('hex')
    .slice(0, HASH_LENGTH)
}

/**
 * Renders the report page for a site preset: front matter, the header (`# Infra Log: <dates>`
 * and the intro; an empty intro means `DEFAULT_INTRO`), the incidents with the diagram
 * `diagramFile` (a path relative to the page), the editor's note, the post-mortems and the
 * highlights, each in its region. Jekyll's `page` layout shows the title itself, so for
 * `jekyll` the `#` heading is left out. Byte-stable: the same report gives the same bytes;
 * the page ends with exactly one newline.
 */
export function renderPage(params: {
  report: Report
  site: SitePreset
  intro: string
  diagramFile: string
}): string {
  const { report, site, diagramFile } = params
  const { window } = report
  const dateRange = formatDateRange(window.incidents, window.timezone)
  const title = `Infra Log: ${dateRange}`
  const frontMatter = renderFrontMatter({
    site,
    title,
    date: window.asOf,
    // No counts here: the front matter is kept as it is on re-runs (see merge-page.ts), so it
    // says only what cannot change for this page.
    description: `Every incident, and the highlights of the infrastructure team, ${dateRange}.`,
    label: dateRange,
  })
  const intro = params.intro.trim() === '' ? DEFAULT_INTRO : params.intro
  const regions = [
    generatedRegion(
      'header',
      renderHeaderSection({ title, withHeading: site !== 'jekyll', intro }),
    ),
    generatedRegion('incidents', renderIncidentsSection({ report, dateRange, diagramFile })),
    editorNoteRegion(),
    generatedRegion('postmortems', renderPostmortemsSection(report)),
    generatedRegion('highlights', renderHighlightsSection(report)),
  ]
  return `${frontMatter}${regions.join('\n\n')}\n`
}

function generatedRegion(id: GeneratedSection, body: string): string {
  const content = body === '' ? '\n' : `\n${body}\n\n`
  return `${PAGE_MARKERS.generatedStart(id, hashRegion(content))}\n${content}${PAGE_MARKERS.generatedEnd(id)}`
}

function editorNoteRegion(): string {
  return `${PAGE_MARKERS.editorNoteStart}\n\n${EDITOR_NOTE_PLACEHOLDER}\n\n${PAGE_MARKERS.editorNoteEnd}`
}
