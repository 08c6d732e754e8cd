import type {
  Html,
  Image,
  ImageReference,
  Link,
  LinkReference,
  List,
  ListItem,
  Nodes,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Table,
} from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { codeBlock, codeSpan, escapeText, guardLineStarts } from './markdown-escape.js'
import { prepareMarkdownSource } from './prepare-markdown-source.js'
import { safeUrl } from './safe-url.js'

/** How long one untrusted value may be, in characters, before it is cut. */
export const DEFAULT_MAX_LENGTH = 20_000

/** What ends a value that was cut at `maxLength`. */
export const TRUNCATION_NOTE = '… (truncated; see the issue)'

/** Options of `safeMarkdown` and `inlineMarkdown`. */
export type SafeMarkdownOptions = {
  /** Characters of source kept; the rest is dropped and `TRUNCATION_NOTE` added. Default 20,000. */
  maxLength?: number
}

// Deeper containers are flattened to their text: no issue needs more, and it bounds recursion.
const MAX_DEPTH = 24

// Issue bodies are GitHub Flavored Markdown: without GFM a table, a `~~strike~~` or a bare URL
// would be misread, and bare URLs would not become links on sites that do not autolink them.
const PARSE_OPTIONS = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }

type Context = {
  /** Link reference definitions of the value, by normalized identifier; the first one wins. */
  definitions: Map<string, string>
  /** One line: no block structure, no line breaks. */
  inline: boolean
  inLink: boolean
  inDelete: boolean
  inTableCell: boolean
  depth: number
}

/**
 * Turns an untrusted markdown value (a field of an issue, the configured intro) into markdown
 * that is safe to place in the page as block content, as is or indented under a list item.
 *
 * It is parsed (CommonMark and GFM) and written back from a safe subset: paragraphs, emphasis,
 * strong, strikethrough, inline code, fenced code, lists and task lists, block quotes, tables,
 * and links and images (as links) whose URL is `http:`, `https:` or `mailto:` (otherwise the
 * text alone). Headings become bold paragraphs, so a `#` never reaches the page's outline;
 * thematic breaks (and with them a `---` front matter fence) are dropped; HTML becomes visible,
 * escaped text (`&lt;script&gt;`), except HTML comments, which GitHub does not show either and
 * which are dropped, and `<br>`, which stays a line break. All text is escaped so that it
 * cannot form syntax, mentions are neutralized, template openers (`{{`, `{%`) are broken, and
 * nothing outside code holds a raw `<`. Reference definitions are resolved into inline links,
 * so one value's definitions cannot hijack another's. Soft line breaks are kept.
 *
 * The work is linear in the length: the value is cut at `maxLength` characters first.
 */
export function safeMarkdown(source: string, options: SafeMarkdownOptions = {}): string {
  const { root, truncated, definitions } = parse(source, options)
  const ctx: Context = { ...BASE_CONTEXT, definitions, inline: false }
  const blocks = renderBlocks(root.children, ctx)
  if (truncated) blocks.push(escapeText(TRUNCATION_NOTE))
  return blocks.join('\n\n')
}

/**
 * Like `safeMarkdown`, for a one-line context (a summary after a list item's lead): the same
 * safe subset with no block structure. Paragraphs are joined with a space, headings become bold
 * text, code blocks inline code, list items and table rows are joined with `; `, and line
 * breaks become spaces. The result holds no line break.
 */
export function inlineMarkdown(source: string, options: SafeMarkdownOptions = {}): string {
  const { root, truncated, definitions } = parse(source, options)
  const ctx: Context = { ...BASE_CONTEXT, definitions, inline: true }
  const pieces = renderInlineBlocks(root.children, ctx)
  if (truncated) pieces.push(escapeText(TRUNCATION_NOTE))
  return guardLineStarts(
    pieces
      .join(' ')
      .replace(/\s*\n\s*/g, ' ')
      .trim(),
  )
}

const BASE_CONTEXT = { inLink: false, inDelete: false, inTableCell: false, depth: 0 }

function parse(
  source: string,
  options: SafeMarkdownOptions,
): { root: Root; truncated: boolean; definitions: Map<string, string> } {
  const prepared = prepareMarkdownSource(source, options.maxLength ?? DEFAULT_MAX_LENGTH)
  const root =
    plainProseTree(prepared.source) ??
    linkListTree(prepared.source) ??
    fromMarkdown(prepared.source, PARSE_OPTIONS)
  return { root, truncated: prepared.truncated, definitions: collectDefinitions(root) }
}

// A line of plain prose: it starts with a letter, so it opens no block (list, heading, quote,
// code, table, HTML), and holds no character that can start inline syntax (emphasis, code,
// links, autolinks, entities, escapes, strikethrough). Without a trailing space it ends in no
// hard break. `@` is plain too (a mention is escaped like any text) unless it could end the
// local part of one of GFM's bare e-mail addresses, which BARE_LINK rules out.
const PLAIN_LINE =
  /^\p{L}(?:[\p{L}\p{N} \u00A0,.;:'"?%$/=+#!()@\u2010-\u2027\u2030-\u205E-]*[\p{L}\p{N},.;:'"?%$/=+#!()@\u2010-\u2027\u2030-\u205E-])?$/u
// GFM's bare links: `www.example.com`, `https://example.com`, `ana@example.com`.
const BARE_LINK = /www\.|https?:\/\/|[\w.+-]@/i

/**
 * The tree the parser would build for text that is only paragraphs of plain prose, built
 * without the parser (most incident summaries are; the parser costs a tenth of a millisecond
 * per value, which thousands of entries add up); null when any line is more than that. A test
 * compares this tree with the parser's on generated text.
 */
export function plainProseTree(source: string): Root | null {
  if (BARE_LINK.test(source)) return null
  const paragraphs = source.replace(/^\n+|\n+$/g, '').split(/\n{2,}/)
  const children: RootContent[] = []
  for (const paragraph of paragraphs) {
    if (paragraph === '') continue
    const lines = paragraph.split('\n')
    if (!lines.every((line) => PLAIN_LINE.test(line))) return null
    children.push({ type: 'paragraph', children: [{ type: 'text', value: paragraph }] })
  }
  return { type: 'root', children }
}

// A bare http(s) address that GFM links whole and as written: a domain of dot-separated labels
// of letters, digits and inner hyphens, then a path of those and `/`, `.`, `-` that ends in a
// letter, digit or `/` (GFM leaves trailing punctuation out of a link).
const SIMPLE_URL =
  /^https?:\/\/[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+(?:\/(?:[A-Za-z0-9./-]*[A-Za-z0-9/])?)?$/

/**
 * The parser's tree for the other common shape of a field, a bare address or a tight `- `
 * list of bare addresses (a highlight's links), built without the parser; null for anything
 * else. A test compares this tree with the parser's on generated text.
 */
export function linkListTree(source: string): Root | null {
  const lines = source.replace(/^\n+|\n+$/g, '').split('\n')
  const link = (url: string): Paragraph => ({
    type: 'paragraph',
    children: [{ type: 'link', title: null, url, children: [{ type: 'text', value: url }] }],
  })
  if (lines.length === 1 && SIMPLE_URL.test(lines[0] ?? '')) {
    return { type: 'root', children: [link(lines[0] ?? '')] }
  }
  const items: ListItem[] = []
  for (const line of lines) {
    const url = line.startsWith('- ') ? line.slice(2) : ''
    if (!SIMPLE_URL.test(url)) return null
    items.push({ type: 'listItem', spread: false, checked: null, children: [link(url)] })
  }
  return {
    type: 'root',
    children: [{ type: 'list', ordered: false, start: null, spread: false, children: items }],
  }
}

function collectDefinitions(root: Root): Map<string, string> {
  const definitions = new Map<string, string>()
  // Iterative: the tree can be deeper than the call stack is comfortable with.
  const stack: Nodes[] = [root]
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'definition' && !definitions.has(node.identifier)) {
      definitions.set(node.identifier, node.url)
    }
    if ('children' in node) pushChildren(stack, node.children)
  }
  return definitions
}

function deeper(ctx: Context): Context {
  return { ...ctx, depth: ctx.depth + 1 }
}

// ---------------------------------------------------------------------------------------------
// Blocks

function renderBlocks(nodes: RootContent[], ctx: Context): string[] {
  const blocks: string[] = []
  let previous: RootContent | undefined
  for (const node of nodes) {
    const block = renderBlock(node, ctx, previous)
    if (block !== '') {
      blocks.push(block)
      previous = node
    }
  }
  return blocks
}

function renderBlock(node: RootContent, ctx: Context, previous: RootContent | undefined): string {
  if (ctx.depth > MAX_DEPTH) return guardLineStarts(escapeText(plainText(node)))
  switch (node.type) {
    case 'paragraph':
      return guardLineStarts(renderPhrasing(node.children, ctx).trim())
    case 'heading': {
      const text = renderPhrasing(node.children, deeper(ctx)).trim()
      return text === '' ? '' : guardLineStarts(`**${text}**`)
    }
    case 'blockquote': {
      const inner = renderBlocks(node.children, deeper(ctx)).join('\n\n')
      return inner === ''
        ? ''
        : inner
            .split('\n')
            .map((line) => (line === '' ? '>' : `> ${line}`))
            .join('\n')
    }
    case 'list':
      return renderList(node, ctx, previous?.type === 'list' && previous.ordered === node.ordered)
    case 'code':
      return codeBlock(node.value, node.lang)
    case 'html': {
      const lines = htmlAsText(node.value)
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !BREAK_TAG.test(line))
      return guardLineStarts(lines.map(escapeText).join('\n'))
    }
    case 'table':
      return renderTable(node, ctx)
    case 'footnoteDefinition': {
      const label = escapeText(`[^${node.label ?? node.identifier}]:`)
      const blocks = renderBlocks(node.children, deeper(ctx))
      const [first, ...rest] = blocks
      return first !== undefined && node.children[0]?.type === 'paragraph'
        ? [`${label} ${first}`, ...rest].join('\n\n')
        : [label, ...blocks].join('\n\n')
    }
    case 'thematicBreak':
    case 'definition':
      return ''
    default:
      return guardLineStarts(escapeText(plainText(node)))
  }
}

// A nested list takes the next bullet, so that a line of empty nested items (`- * +`) can never
// read as a thematic break (`- - -`).
const BULLETS = ['-', '*', '+']

/**
 * A list, every item's content indented to a content column of at least 4, which both
 * CommonMark and Python-Markdown (MkDocs) read as inside the item. An adjacent list of the same
 * kind gets the next bullet or the other delimiter (`)`), or the two would merge into one.
 */
function renderList(list: List, ctx: Context, followsSameKind: boolean): string {
  const loose = list.spread === true || list.children.some((item) => item.spread === true)
  const start = Math.min(list.start ?? 1, 999_999_999 - list.children.length)
  const items = list.children.map((item, index) => {
    const marker = list.ordered
      ? `${start + index}${followsSameKind ? ')' : '.'}`
      : (BULLETS[(ctx.depth + (followsSameKind ? 1 : 0)) % BULLETS.length] ?? '-')
    const width = Math.max(4, marker.length + 1)
    const body = renderItemBody(item, ctx, loose)
    if (body === '') return marker
    return body
      .split('\n')
      .map((line, at) =>
        at === 0
          ? `${marker.padEnd(width)}${line}`
          : line === ''
            ? ''
            : `${' '.repeat(width)}${line}`,
      )
      .join('\n')
  })
  return items.join(loose ? '\n\n' : '\n')
}

function renderItemBody(item: ListItem, ctx: Context, loose: boolean): string {
  const inner = deeper(ctx)
  let body = ''
  let previous: RootContent | undefined
  for (const child of item.children) {
    let block = renderBlock(child, inner, previous)
    if (block === '') continue
    if (previous === undefined && child.type === 'paragraph' && typeof item.checked === 'boolean') {
      block = `${item.checked ? '[x]' : '[ ]'} ${block}`
    }
    // In a tight item a block follows a paragraph on the next line, which only a bullet list
    // or a list starting at 1 may do; anything else needs a blank line to stay a block.
    const canInterrupt =
      child.type === 'list' && (child.ordered !== true || (child.start ?? 1) === 1)
    const separator = loose || (previous?.type === 'paragraph' && !canInterrupt) ? '\n\n' : '\n'
    body = previous === undefined ? block : `${body}${separator}${block}`
    previous = child
  }
  return body
}

function renderTable(table: Table, ctx: Context): string {
  // GFM gives a table as many columns as its header row, and drops any excess cell of a row.
  const columns = table.align?.length ?? table.children[0]?.children.length ?? 0
  if (columns === 0) return ''
  const cellContext: Context = { ...deeper(ctx), inTableCell: true }
  const rows = table.children.map((row) => {
    const cells = Array.from({ length: columns }, (_, at) => {
      const cell = row.children[at]
      return cell === undefined ? '' : renderPhrasing(cell.children, cellContext).trim()
    })
    return `| ${cells.join(' | ')} |`
  })
  const delimiter = Array.from({ length: columns }, (_, at) => {
    const align = table.align?.[at]
    return align === 'left' ? ':--' : align === 'center' ? ':-:' : align === 'right' ? '--:' : '---'
  })
  const [header, ...body] = rows
  return [header, `| ${delimiter.join(' | ')} |`, ...body].join('\n')
}

// ---------------------------------------------------------------------------------------------
// One line

function renderInlineBlocks(nodes: RootContent[], ctx: Context): string[] {
  return nodes.map((node) => renderInlineBlock(node, ctx)).filter((piece) => piece !== '')
}

function renderInlineBlock(node: RootContent, ctx: Context): string {
  if (ctx.depth > MAX_DEPTH) return escapeText(plainText(node))
  const inner = deeper(ctx)
  switch (node.type) {
    case 'paragraph':
      return renderPhrasing(node.children, ctx).trim()
    case 'heading': {
      const text = renderPhrasing(node.children, inner).trim()
      return text === '' ? '' : `**${text}**`
    }
    case 'blockquote':
      return renderInlineBlocks(node.children, inner).join(' ')
    case 'list':
      return node.children
        .map((item, index) => {
          const text = renderInlineBlocks(item.children, inner).join(' ')
          const number = node.ordered === true ? `${(node.start ?? 1) + index}. ` : ''
          const box = item.checked === true ? '\\[x\\] ' : item.checked === false ? '\\[ \\] ' : ''
          return text === '' ? '' : `${number}${box}${text}`
        })
        .filter((text) => text !== '')
        .join('; ')
    case 'code':
      return codeSpan(node.value)
    case 'html':
      return escapeText(htmlAsText(node.value).replace(BREAK_TAGS, ' ')).trim()
    case 'table': {
      const columns = node.align?.length ?? node.children[0]?.children.length ?? 0
      return node.children
        .map((row) =>
          row.children
            .slice(0, columns)
            .map((cell) => renderPhrasing(cell.children, inner).trim())
            .filter((text) => text !== '')
            .join(', '),
        )
        .filter((text) => text !== '')
        .join('; ')
    }
    case 'footnoteDefinition': {
      const text = renderInlineBlocks(node.children, inner).join(' ')
      return `${escapeText(`[^${node.label ?? node.identifier}]:`)} ${text}`.trim()
    }
    case 'thematicBreak':
    case 'definition':
      return ''
    default:
      return escapeText(plainText(node))
  }
}

// ---------------------------------------------------------------------------------------------
// Phrasing

const BREAK_TAG = /^<br\s*\/?>$/i
const BREAK_TAGS = /<br\s*\/?>/gi

/** HTML with its comments removed (`<!-->` and an unclosed `<!--` included). */
function htmlAsText(html: string): string {
  return html.replace(/<!--(?:-?>|[\s\S]*?(?:-->|$))/g, '')
}

/**
 * The phrasing content as it will be written: comments dropped, `<br>` as a break, other HTML
 * as text, footnote references as text, and neighbouring text merged, so that escaping sees
 * the text a reader will see (a `1` and a `. x` around a dropped comment make `1. x`).
 */
function normalizePhrasing(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (const node of nodes) {
    let next: PhrasingContent | null = node
    if (node.type === 'html') next = htmlNode(node)
    else if (node.type === 'footnoteReference') {
      next = { type: 'text', value: `[^${node.label ?? node.identifier}]` }
    }
    if (next === null) continue
    const last = out.at(-1)
    if (next.type === 'text' && last?.type === 'text') {
      // Where a comment was dropped between two spaces, one space is enough.
      const value = /\s$/.test(last.value) ? next.value.replace(/^[ \t]+/, '') : next.value
      out[out.length - 1] = { type: 'text', value: last.value + value }
    } else out.push(next)
  }
  return out
}

function htmlNode(node: Html): PhrasingContent | null {
  if (BREAK_TAG.test(node.value.trim())) return { type: 'break' }
  const text = htmlAsText(node.value)
  return text === '' ? null : { type: 'text', value: text }
}

function renderPhrasing(nodes: PhrasingContent[], ctx: Context): string {
  let out = ''
  let afterBreak = false
  for (const node of normalizePhrasing(nodes)) {
    // Spaces around a break would only add to it (or, in one line, double the space).
    if (node.type === 'break') out = out.replace(/[ \t]+$/, '')
    const text =
      afterBreak && node.type === 'text' ? { ...node, value: node.value.trimStart() } : node
    const piece = renderPhrasingNode(text, ctx)
    // Text ending in `!` before a link would make the two an image (`![…](…)`): escapeText
    // leaves `!` alone, since only here does it meet a `[`.
    if (piece.startsWith('[') && out.endsWith('!')) out = `${out.slice(0, -1)}\\!`
    out += piece
    afterBreak = node.type === 'break'
  }
  return out
}

function renderPhrasingNode(node: PhrasingContent, ctx: Context): string {
  if (ctx.depth > MAX_DEPTH) return escapeText(plainText(node).replace(/\s*\n\s*/g, ' '))
  const oneLine = ctx.inline || ctx.inTableCell
  switch (node.type) {
    case 'text':
      return escapeText(node.value.replace(/[ \t]*\n[ \t]*/g, oneLine ? ' ' : '\n'))
    case 'emphasis':
      return wrap('*', renderPhrasing(node.children, deeper(ctx)))
    case 'strong':
      return wrap('**', renderPhrasing(node.children, deeper(ctx)))
    case 'delete': {
      // `~~~~` is no strikethrough and, at the start of a line, a code fence: never nest.
      const inner = renderPhrasing(node.children, { ...deeper(ctx), inDelete: true })
      return ctx.inDelete ? inner : wrap('~~', inner)
    }
    case 'inlineCode':
      return codeSpan(node.value, { inTableCell: ctx.inTableCell })
    case 'break':
      // Two trailing spaces: the one hard break Python-Markdown (MkDocs) knows too.
      return oneLine ? ' ' : '  \n'
    case 'link':
    case 'linkReference':
      return renderLink(node, ctx)
    case 'image':
    case 'imageReference':
      return renderImage(node, ctx)
    default:
      return escapeText(plainText(node))
  }
}

/** Delimiters around content, trimmed so that they still read as delimiters; nothing when empty. */
function wrap(delimiter: string, inner: string): string {
  const text = inner.trim()
  return text === '' ? '' : `${delimiter}${text}${delimiter}`
}

function renderLink(node: Link | LinkReference, ctx: Context): string {
  const text = renderPhrasing(node.children, { ...deeper(ctx), inLink: true }).trim()
  if (ctx.inLink) return text
  const target = node.type === 'link' ? node.url : ctx.definitions.get(node.identifier)
  if (target === undefined) return `\\[${text}\\]`
  const url = safeUrl(target)
  if (url === null) return text
  return `[${text === '' ? escapeText(url) : text}](${url})`
}

function renderImage(node: Image | ImageReference, ctx: Context): string {
  const alt = (node.alt ?? '').replace(/\s+/g, ' ').trim()
  if (ctx.inLink) return escapeText(alt)
  const target = node.type === 'image' ? node.url : ctx.definitions.get(node.identifier)
  const url = target === undefined ? null : safeUrl(target)
  if (url === null) return escapeText(alt)
  return `[${escapeText(alt === '' ? 'image' : alt)}](${url})`
}

/** The text of a subtree, iteratively, for content nested too deep to render. */
function plainText(node: Nodes): string {
  const parts: string[] = []
  const stack: Nodes[] = [node]
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next.type === 'html') parts.push(htmlAsText(next.value))
    else if ('value' in next) parts.push(next.value)
    else if (next.type === 'image' || next.type === 'imageReference') parts.push(next.alt ?? '')
    if ('children' in next) pushChildren(stack, next.children)
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim()
}

/** Pushes children so that they pop in document order; a loop, since spreading may overflow. */
function pushChildren(stack: Nodes[], children: readonly Nodes[]): void {
  for (let at = children.length - 1; at >= 0; at -= 1) {
    const child = children[at]
    if (child !== undefined) stack.push(child)
  }
}
