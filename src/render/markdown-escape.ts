import { breakTemplateOpeners, neutralizeMentions } from './markdown-inline.js'

// The replacements are chosen to read the same on every renderer a site preset implies:
// CommonMark/GFM (GitHub, Docusaurus, VitePress, Hugo), kramdown (Jekyll) and Python-Markdown
// (MkDocs). Backslash escapes are used only for characters all of them accept (`\`*_{}[]()#+-.!`);
// everything else becomes a numeric character reference, which they all decode.
const TEXT_SPECIALS = /[\\`*_[\]{}<>&|~]/g
const ENTITIES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '|': '&#124;',
  '~': '&#126;',
}
const WORD_CHARACTER = /[\p{L}\p{N}]/u
// C0 controls that are not whitespace (whitespace is folded into spaces instead), DEL, and the
// explicit bidi embeddings, overrides and isolates: an unclosed U+202E in a title would show the
// rest of its line (time, duration, impact) reversed. Right-to-left letters need none of them.
// eslint-disable-next-line no-control-regex -- dropping control characters is the point
const CONTROL_CHARACTERS = /[\x00-\x08\x0E-\x1F\x7F\u202A-\u202E\u2066-\u2069]/g

/**
 * Escapes a run of literal text so that no character in it can start markdown or HTML syntax
 * where it is placed in the middle of a line, and neutralizes its mentions. An underscore inside
 * a word (`snake_case`) is left alone: CommonMark never reads it as emphasis. What a line may
 * not start with is `guardLineStarts`' job, since only the finished line knows where it starts.
 */
export function escapeText(text: string): string {
  const escaped = breakTemplateOpeners(text).replace(
    TEXT_SPECIALS,
    (char, at: number, whole: string) => {
      const entity = ENTITIES[char]
      if (entity !== undefined) return entity
      if (char === '_' && isWordCharacter(whole[at - 1]) && isWordCharacter(whole[at + 1]))
        return '_'
      return `\\${char}`
    },
  )
  return neutralizeMentions(escaped)
}

/**
 * Escapes untrusted plain text (a title, a service name) for one line of markdown: control
 * characters dropped, whitespace runs as one space, then `escapeText` and `guardLineStarts`.
 * Lighter than `inlineText`, which escapes every punctuation mark: this one leaves what cannot
 * form syntax in the middle of a line (`api-gateway`, `v1.2`) as it is. A bare `http(s)` URL
 * becomes an autolink (`<https://…>`): GFM reads a bare URL as a link up to the next space,
 * escapes included, so escaping its characters would show the backslashes and break the link.
 */
export function escapeInlineText(text: string): string {
  const flat = text.replace(CONTROL_CHARACTERS, '').replace(/\s+/g, ' ').trim()
  let out = ''
  let from = 0
  for (const match of flat.matchAll(BARE_URL)) {
    const url = trimUrlEnd(match[0])
    if (!isAutolinkable(url)) continue
    out += `${escapeText(flat.slice(from, match.index))}<${url}>`
    from = match.index + url.length
  }
  return guardLineStarts(out + escapeText(flat.slice(from)))
}

/** A URL as GFM finds one in text: a scheme at a word boundary, up to a space or `<`. */
const BARE_URL = /\bhttps?:\/\/[^\s<>]+/gi

/** GFM's rule for where a bare URL ends: not on trailing punctuation, nor an unmatched `)`. */
function trimUrlEnd(url: string): string {
  let end = url.length
  for (;;) {
    const last = url[end - 1]
    if (last !== undefined && /[?!.,:;*_~'"]/.test(last)) end -= 1
    else if (last === ')' && count(url.slice(0, end), ')') > count(url.slice(0, end), '(')) end -= 1
    else return url.slice(0, end)
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1
}

// An autolink shows its content as it is: no escapes, so no template opener may be in it, and
// it must be a URL a reader may follow.
function isAutolinkable(url: string): boolean {
  if (/[{}\\`]/.test(url) || !/^https?:\/\/[^/?#]*[A-Za-z0-9]/i.test(url)) return false
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:'
  } catch {
    return false
  }
}

function isWordCharacter(char: string | undefined): boolean {
  return char !== undefined && WORD_CHARACTER.test(char)
}

/**
 * Makes sure no line of a run of inline markdown starts a block: leading whitespace is dropped
 * and a leading `#`, `-`, `+`, `=`, `1.`, `1)` or `:` (definition lists in kramdown and
 * Python-Markdown, directives and admonitions in Docusaurus) is escaped. Safe on output of
 * `escapeText` and of this module, which never start a line with one of those themselves.
 */
export function guardLineStarts(markdown: string): string {
  return markdown.replace(/^[ \t]*(?:([#+-])|(=)|(:)|(\d{1,9})([.)]))?/gm, guardLineStart)
}

function guardLineStart(
  _match: string,
  marker: string | undefined,
  equals: string | undefined,
  colon: string | undefined,
  digits: string | undefined,
  delimiter: string | undefined,
): string {
  if (marker !== undefined) return `\\${marker}`
  if (equals !== undefined) return '&#61;'
  if (colon !== undefined) return '&#58;'
  if (digits !== undefined) return `${digits}\\${delimiter ?? ''}`
  return ''
}

/**
 * Breaks, with a zero-width space, what site tooling acts on even inside code, where no
 * escaping applies: infra-log's own page markers (`<!-- infra-log:…`, which a quoted marker
 * could otherwise fake), VitePress includes (`<!--@include: …-->`) and MkDocs snippets
 * (`--8<-- "file"`), both of which would pull a file of the docs repository into the page.
 * Outside code the escaped `<` already breaks them.
 */
export function breakSiteDirectives(code: string): string {
  return code
    .replace(/<!--(?=[ \t]*(?:infra-log:|@include))/g, '<!\u200B--')
    .replace(/-8</g, '-8\u200B<')
}

/**
 * Inline code holding `value` on one line: a backtick fence longer than any run of backticks in
 * it, padded when the value starts or ends with a backtick or a space. Empty code is nothing.
 */
export function codeSpan(value: string, options: { inTableCell?: boolean } = {}): string {
  let code = breakSiteDirectives(breakTemplateOpeners(value.replace(/\r?\n/g, ' ')))
  // In a GFM table a `|` ends the cell even inside code; `\|` is the one escape it honours there.
  if (options.inTableCell === true) code = code.replace(/\|/g, '\\|')
  if (code === '') return ''
  const fence = '`'.repeat(longestRun(code, '`') + 1)
  const pad =
    code.startsWith('`') ||
    code.endsWith('`') ||
    (code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '')
      ? ' '
      : ''
  return `${fence}${pad}${code}${pad}${fence}`
}

/**
 * A fenced code block: a backtick fence longer than any run of backticks in the code, and an
 * info string cut down to a language name (no `{…}` attributes, no VitePress `-vue` suffix,
 * which would turn interpolation back on).
 */
export function codeBlock(value: string, language: string | null | undefined): string {
  const code = breakSiteDirectives(breakTemplateOpeners(value))
  const fence = '`'.repeat(Math.max(3, longestRun(code, '`') + 1))
  const info = (language ?? '')
    .replace(/[^\w+#.-]/g, '')
    .slice(0, 32)
    .replace(/-vue$/i, '')
  return code === '' ? `${fence}${info}\n${fence}` : `${fence}${info}\n${code}\n${fence}`
}

function longestRun(text: string, char: string): number {
  let longest = 0
  let current = 0
  for (const c of text) {
    current = c === char ? current + 1 : 0
    if (current > longest) longest = current
  }
  return longest
}
