import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { Nodes, Root } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { parse as parseYaml } from 'yaml'
import type { SitePreset } from '../../src/inputs.js'
import type { Report } from '../../src/report/report.js'
import { formatDateRange } from '../../src/report/format-time.js'
import { incidentsHeading, highlightsHeading } from '../../src/render/page-wording.js'
import { EDITOR_NOTE_PLACEHOLDER, PAGE_MARKERS } from '../../src/render/render-page.js'

// Readers of the rendered output, as a site generator or GitHub would read it: the page through
// a CommonMark + GFM parser, the diagram through an XML parser. Shared by the properties and the
// adversarial corpus.

/** Parses markdown the way GitHub and most site generators do (CommonMark and GFM). */
export function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
}

/** Every node of a tree, in document order. */
export function walk(node: Nodes): Nodes[] {
  const out: Nodes[] = []
  const stack: Nodes[] = [node]
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    out.push(next)
    if ('children' in next)
      for (let at = next.children.length - 1; at >= 0; at--) stack.push(next.children[at]!)
  }
  return out
}

/** The text a reader sees in a node. */
export function textOf(node: Nodes): string {
  return walk(node)
    .map((n) => ('value' in n && n.type !== 'html' ? n.value : ''))
    .join('')
}

/** A page read back: its front matter, its outline, and every piece of raw HTML in it. */
export type PageOutline = {
  /** The front matter block as YAML, or null when the page has none. */
  frontMatter: Record<string, unknown> | null
  headings: { depth: number; text: string }[]
  /** The value of every `html` node, trimmed. */
  html: string[]
  thematicBreaks: number
  /** The page's text outside code, as a reader sees it. */
  prose: string
}

/** Reads a rendered page back; the front matter is the block between a first `---` line and the next. */
export function readPage(page: string): PageOutline {
  let body = page
  let frontMatter: Record<string, unknown> | null = null
  if (page.startsWith('---\n')) {
    const end = page.indexOf('\n---\n', 3)
    if (end === -1) throw new Error('front matter is not closed')
    frontMatter = parseYaml(page.slice(4, end + 1), { version: '1.1' }) as Record<string, unknown>
    body = page.slice(end + 5)
  }
  const tree = parseMarkdown(body)
  const nodes = walk(tree)
  return {
    frontMatter,
    headings: nodes.flatMap((n) =>
      n.type === 'heading' ? [{ depth: n.depth, text: textOf(n) }] : [],
    ),
    html: nodes.flatMap((n) => (n.type === 'html' ? [n.value.trim()] : [])),
    thematicBreaks: nodes.filter((n) => n.type === 'thematicBreak').length,
    prose: nodes
      .map((n) => (n.type === 'text' ? n.value : n.type === 'html' ? n.value : ''))
      .join('\n'),
  }
}

/** The headings a page for `report` must have, in order, and nothing else. */
export function expectedHeadings(
  report: Report,
  site: SitePreset,
): { depth: number; text: string }[] {
  const { window } = report
  const title = `Infra Log: ${formatDateRange(window.incidents, window.timezone)}`
  const withPostmortem = report.incidents.filter((i) => (i.postmortem ?? '').trim() !== '')
  return [
    ...(site === 'jekyll' ? [] : [{ depth: 1, text: title }]),
    { depth: 2, text: incidentsHeading(window.incidents.days) },
    ...(withPostmortem.length === 0 ? [] : [{ depth: 2, text: 'Post-mortems' }]),
    ...withPostmortem.map((incident) => ({ depth: 3, text: headingTextOf(incident.title) })),
    { depth: 2, text: highlightsHeading(window.highlights.days) },
  ]
}

/**
 * What a reader sees of a title in a heading: line breaks as spaces, controls and bidi overrides
 * dropped, runs of white space as one.
 */
export function headingTextOf(title: string): string {
  const flat = title
    // eslint-disable-next-line no-control-regex -- what the renderer drops
    .replace(/[\x00-\x08\x0E-\x1F\x7F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  return flat === '' ? '(untitled)' : flat
}

/** Removes what the renderer inserts to defuse mentions and templates, for comparing text. */
export function withoutDefusers(text: string): string {
  return text
    .replace(/\u200B/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The only raw HTML a page may hold: its own markers and the editor's note placeholder. */
export function isOwnHtml(html: string): boolean {
  return (
    PAGE_MARKERS.generatedStartPattern.test(html) ||
    PAGE_MARKERS.generatedEndPattern.test(html) ||
    html === PAGE_MARKERS.editorNoteStart ||
    html === PAGE_MARKERS.editorNoteEnd ||
    html === EDITOR_NOTE_PLACEHOLDER
  )
}

/** The front matter keys each preset writes, in order. */
export const FRONT_MATTER_KEYS: Record<SitePreset, string[] | null> = {
  plain: null,
  jekyll: ['layout', 'title', 'date', 'description'],
  docusaurus: ['title', 'sidebar_label', 'description', 'mdx'],
  mkdocs: ['title', 'description'],
  hugo: ['title', 'date', 'description', 'draft'],
  vitepress: ['title', 'description', 'outline'],
}

/** What a browser or GitHub would act on in rendered markdown. */
export type MarkupFindings = {
  /**
   * Mentions GitHub would link (and notify): an `@` followed by a login character, not preceded
   * by a word character (`ana@example.com` is an address), in text outside code.
   */
  mentions: string[]
  /** Each `<script` a browser could run: in the markdown source outside code blocks and spans. */
  scripts: string[]
}

/** Reads markdown once for live mentions and raw script tags. */
export function inspectMarkup(markdown: string): MarkupFindings {
  const nodes = walk(parseMarkdown(markdown))
  const mentions: string[] = []
  for (const node of nodes) {
    if (node.type !== 'text') continue
    for (const match of node.value.matchAll(/(?:^|[^\w`/])(@[A-Za-z0-9][\w-]*(?:\/[\w-]+)?)/g)) {
      mentions.push(match[1]!)
    }
  }
  // Offsets are in UTF-16 code units, as the string's; code is blanked out from the end back.
  let outsideCode = markdown
  const code = nodes
    .filter((node) => node.type === 'code' || node.type === 'inlineCode')
    .map((node) => [node.position?.start.offset, node.position?.end.offset] as const)
    .sort((a, b) => (b[0] ?? 0) - (a[0] ?? 0))
  for (const [start, end] of code) {
    if (start === undefined || end === undefined) continue
    outsideCode = outsideCode.slice(0, start) + ' '.repeat(end - start) + outsideCode.slice(end)
  }
  const scripts = [...outsideCode.matchAll(/<script[^\n]{0,40}/gi)].map((m) => m[0])
  return { mentions, scripts }
}

/** What the diagram says about itself, read as XML. */
export type SvgReading =
  | {
      valid: true
      incidentNumbers: number[]
      /** Every element name and every attribute name used, sorted. */
      elements: string[]
      attributes: string[]
    }
  | { valid: false; error: string }

/** Validates the SVG as XML and lists the `data-number` of every `rect.incident`, in order. */
export function readSvg(svg: string): SvgReading {
  const validation = XMLValidator.validate(svg)
  if (validation !== true) return { valid: false, error: JSON.stringify(validation.err) }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    preserveOrder: true,
    processEntities: true,
  })
  const tree = parser.parse(svg) as unknown[]
  const numbers: number[] = []
  const elements = new Set<string>()
  const attributeNames = new Set<string>()
  const visit = (nodes: unknown[]) => {
    for (const node of nodes) {
      if (typeof node !== 'object' || node === null) continue
      const record = node as Record<string, unknown>
      const attributes = (record[':@'] ?? {}) as Record<string, string>
      for (const name of Object.keys(attributes)) attributeNames.add(name.replace(/^@_/, ''))
      for (const name of Object.keys(record))
        if (name !== ':@' && name !== '#text') elements.add(name)
      if ('rect' in record && attributes['@_class'] === 'incident') {
        numbers.push(Number(attributes['@_data-number']))
      }
      for (const [key, value] of Object.entries(record)) {
        if (key !== ':@' && Array.isArray(value)) visit(value)
      }
    }
  }
  visit(tree)
  return {
    valid: true,
    incidentNumbers: numbers,
    elements: [...elements].sort(),
    attributes: [...attributeNames].sort(),
  }
}

/** The elements a diagram is drawn with: no script, no link, no foreign content. */
export const SVG_ELEMENTS = ['?xml', 'desc', 'g', 'line', 'polygon', 'rect', 'svg', 'text', 'title']

/** Whether an attribute could run code or fetch something: `on*`, `href`, `style`, `src`. */
export function isActiveAttribute(name: string): boolean {
  return /^on|href$|^style$|^src$/i.test(name)
}
