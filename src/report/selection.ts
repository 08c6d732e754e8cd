import type { FormTemplate } from '../forms/form-template.js'
import type { GitHubIssue } from '../model/issue.js'
import type { Skipped } from '../model/skipped.js'
import { stripTitlePrefix } from '../model/strip-title-prefix.js'

/** Where one labelled issue ends up: in the report, in the skipped list, or outside the window. */
export type Selection<T> =
  { kind: 'in'; entry: T } | { kind: 'skipped'; entry: Skipped } | { kind: 'out' }

/** The skipped-list entry for an issue under one of its labels; the title reads as the report's entries do. */
export function toSkipped(issue: GitHubIssue, label: string, reasons: string[]): Skipped {
  return {
    number: issue.number,
    url: issue.html_url,
    ...(issue.repository === undefined ? {} : { repository: issue.repository }),
    label,
    title: stripTitlePrefix(issue.title),
    reasons,
  }
}

/** Each field's label by id, so that reasons name fields as the repository's own form shows them. */
export function fieldLabels(template: FormTemplate): Record<string, string> {
  return Object.fromEntries(template.fields.map((field) => [field.id, field.label]))
}
