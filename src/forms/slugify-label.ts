/**
 * The id GitHub's own parser (@github/issue-parser, `formatKey`) gives a form field that has
 * no `id`: the label trimmed and lower-cased, every character other than `a-z` and `0-9`
 * turned into `_`, leading and trailing `_` removed, runs of `_` collapsed.
 * `"What's the impact?"` becomes `what_s_the_impact`.
 */
export function slugifyLabel(label: string): string {
  return label
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/_+/g, '_')
}
