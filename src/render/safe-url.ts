const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])

// Characters a WHATWG URL may keep that would end a markdown link destination early, open a
// template, or read as HTML; also any space or control character an opaque `mailto:` keeps.
// eslint-disable-next-line no-control-regex -- control characters are among what must go
const UNSAFE_IN_DESTINATION = /[\s\x00-\x1F\x7F()<>{}|\\^`"]/g

/**
 * The URL to use as a link destination in the page, or null when it must not be a link: only
 * absolute `http:`, `https:` and `mailto:` URLs pass (no `javascript:`, `data:`, or relative
 * paths, which would resolve against the docs site rather than GitHub). The result is
 * normalized and percent-encoded so that it cannot end the `(…)` of a link early.
 */
export function safeUrl(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return null
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null
  return url.href.replace(UNSAFE_IN_DESTINATION, percentEncode)
}

/**
 * A relative path (a file beside the page) as a link destination: percent-encoded like a URL
 * path, with the characters that would end a destination early encoded too.
 */
export function encodeLinkPath(path: string): string {
  return encodeURI(path).replace(UNSAFE_IN_DESTINATION, percentEncode)
}

function percentEncode(char: string): string {
  return [...new TextEncoder().encode(char)]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('')
}
