/** How many characters of a bad value a reason quotes. */
const QUOTE_LIMIT = 60

/**
 * Quotes an untrusted value for a reason: one line, at most 60 characters (then `…`),
 * in double quotes. Line breaks become spaces; other control and bidirectional-override
 * characters become `�`, so a reason reads the same wherever it is shown.
 */
export function quoteValue(value: string): string {
  // Slice before splitting into code points: a value can be megabytes long.
  const flat = value
    .slice(0, QUOTE_LIMIT * 4)
    .replace(/\r\n|[\r\n\t\u2028\u2029]/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD')
  const characters = Array.from(flat)
  const shown = characters.slice(0, QUOTE_LIMIT).join('')
  return `"${shown}${characters.length > QUOTE_LIMIT ? '…' : ''}"`
}

/** A reason about one field, named as the form shows it: `Started: …`. */
export function fieldReason(label: string, message: string): string {
  return `${label}: ${message}`
}
