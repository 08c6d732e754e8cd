import type { FormProblem } from '../forms/form-template.js'

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

/** The parser's problems, sorted into what makes an issue unusable and what only informs. */
export type SortedFormProblems = {
  /** Reasons the issue cannot be used. */
  reasons: string[]
  /** Worth telling the filer, but the issue stays usable: sections twice or out of order. */
  notes: string[]
  /** Field ids the parser already reported as missing or empty: the model adds no second reason. */
  reported: Set<string>
}

/**
 * Sorts the parser's problems for a model: a duplicate or out-of-order section is a note (every
 * value was still read), a missing or empty required field a reason, except for the fields in
 * `optionalHere`, which the model fills in itself (an empty Who credits the author).
 */
export function sortFormProblems(
  problems: readonly FormProblem[],
  optionalHere: readonly string[] = [],
): SortedFormProblems {
  const sorted: SortedFormProblems = { reasons: [], notes: [], reported: new Set() }
  for (const problem of problems) {
    const text =
      problem.field === undefined ? problem.message : fieldReason(problem.field, problem.message)
    const required = problem.kind === 'missing' || problem.kind === 'empty'
    if (required && problem.fieldId !== undefined) {
      sorted.reported.add(problem.fieldId)
      if (optionalHere.includes(problem.fieldId)) continue
    }
    if (problem.kind === 'duplicate' || problem.kind === 'order') sorted.notes.push(text)
    else sorted.reasons.push(text)
  }
  return sorted
}
