/**
 * A bracketed word, optionally followed by a colon (`[Incident]:`, `[INC] `, `[Highlight]`), or
 * one of the forms' own words followed by a colon (`Incident:`). Other `Word:` starts are kept:
 * `DNS: resolver outage` is a name, not a prefix.
 */
const PREFIX_PATTERN = /^\s*(?:\[[\p{L}\p{N}_-]+\]\s*:?|(?:incident|inc|highlight)\s*:)\s*/iu

/** The issue title without a leading `[Incident]:`-style prefix; a title that is only a prefix stays as it is. */
export function stripTitlePrefix(title: string): string {
  const stripped = title.replace(PREFIX_PATTERN, '').trim()
  return stripped === '' ? title.trim() : stripped
}
