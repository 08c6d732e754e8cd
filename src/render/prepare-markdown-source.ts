/** Untrusted markdown made ready to parse, and whether it had to be cut short. */
export type PreparedSource = { source: string; truncated: boolean }

/**
 * How many block containers (`>`, `-`, `1.`) one line may open. The parser's cost grows with the
 * square of the nesting on a line (20,000 `>` take half a minute), and no issue needs more.
 */
export const MAX_LINE_NESTING = 12

/**
 * Makes untrusted markdown fit to parse in time proportional to its length: line endings become
 * LF, NUL and the other C0 controls (but tab and line feed) and the bidi embeddings, overrides
 * and isolates are dropped, the text is cut at `maxLength` characters (never inside a surrogate
 * pair), and a line that opens more than `MAX_LINE_NESTING` containers has the marker after the
 * limit escaped, so it reads as text.
 */
export function prepareMarkdownSource(raw: string, maxLength: number): PreparedSource {
  const truncated = raw.length > maxLength
  let text = truncated ? raw.slice(0, cutPoint(raw, maxLength)) : raw
  // Bidi embeddings, overrides and isolates too: an unclosed U+202E would show the rest of the
  // entry reversed.
  text = text
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex -- dropping control characters is the point
    .replace(/[\x00-\x08\x0B-\x1F\x7F\u202A-\u202E\u2066-\u2069]/g, '')
  return { source: limitNesting(text), truncated }
}

function cutPoint(text: string, maxLength: number): number {
  const at = Math.max(0, Math.floor(maxLength))
  const code = text.charCodeAt(at - 1)
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at
}

function limitNesting(text: string): string {
  if (!/[>*+\-\d]/.test(text)) return text
  const lines = text.split('\n')
  return lines.map(limitLineNesting).join('\n')
}

/** The line with the container marker past the limit escaped; the line itself when within it. */
function limitLineNesting(line: string): string {
  let at = 0
  let depth = 0
  for (;;) {
    while (line[at] === ' ' || line[at] === '\t') at += 1
    const marker = readContainerMarker(line, at)
    if (marker === null) return line
    if (depth === MAX_LINE_NESTING) {
      return `${line.slice(0, marker.escapeAt)}\\${line.slice(marker.escapeAt)}`
    }
    depth += 1
    at = marker.end
  }
}

/** A block-container marker at `at`: where it ends, and where a backslash turns it into text. */
function readContainerMarker(line: string, at: number): { end: number; escapeAt: number } | null {
  const char = line[at]
  if (char === '>') return { end: at + 1, escapeAt: at }
  const next = line[at + 1]
  const endsMarker = (c: string | undefined) => c === undefined || c === ' ' || c === '\t'
  if ((char === '-' || char === '+' || char === '*') && endsMarker(next)) {
    return { end: at + 1, escapeAt: at }
  }
  let digits = at
  while (digits - at < 9 && /\d/.test(line[digits] ?? '')) digits += 1
  const delimiter = line[digits]
  if (digits > at && (delimiter === '.' || delimiter === ')') && endsMarker(line[digits + 1])) {
    return { end: digits + 1, escapeAt: digits }
  }
  return null
}
