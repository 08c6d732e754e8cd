/**
 * Code units XML 1.0 does not allow anywhere in a document: C0 controls other than tab, line
 * feed and carriage return; U+FFFE and U+FFFF; and surrogates that are not part of a pair.
 * Matched without the `u` flag on purpose, so that a lone surrogate is one code unit to find.
 */
const ILLEGAL_IN_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
}

/** Removes the characters XML 1.0 forbids, so that any string can become document text. */
export function stripIllegalXmlChars(text: string): string {
  return text.replace(ILLEGAL_IN_XML, '')
}

/**
 * Makes untrusted text safe as XML character data or as a quoted attribute value: forbidden
 * characters are removed and all five markup characters become entities, so `</svg>`, `]]>`
 * and `<!--` stay text.
 */
export function escapeXml(text: string): string {
  return stripIllegalXmlChars(text).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char)
}
