import type { Highlight } from '../model/highlight.js'
import type { Skipped } from '../model/skipped.js'
import type { ReportIncident } from './report.js'

type Key = string | number

/** Incidents in start order, then repository, then issue number. */
export function compareIncidents(a: ReportIncident, b: ReportIncident): number {
  return compareEntries(a, b, (x) => [
    Date.parse(x.started),
    x.started,
    x.repository ?? '',
    x.number,
  ])
}

/** Highlights in shipped order, then repository, then issue number. */
export function compareHighlights(a: Highlight, b: Highlight): number {
  return compareEntries(a, b, (x) => [x.shipped, x.repository ?? '', x.number])
}

/** Skipped issues in issue order: repository, issue number, then label. */
export function compareSkipped<T extends Pick<Skipped, 'number' | 'repository' | 'label'>>(
  a: T,
  b: T,
): number {
  return compareEntries(a, b, (x) => [x.repository ?? '', x.number, x.label])
}

// Entries that agree on every key (the same issue twice in a hand-written file) are ordered by
// their whole content, so that any order of the input gives the same bytes.
function compareEntries<T>(a: T, b: T, keys: (entry: T) => Key[]): number {
  return compareKeys(keys(a), keys(b)) || compareKeys([JSON.stringify(a)], [JSON.stringify(b)])
}

// Code-unit order, not locale order: the same input must give the same bytes on every machine.
function compareKeys(a: readonly Key[], b: readonly Key[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? ''
    const y = b[i] ?? ''
    if (x < y) return -1
    if (x > y) return 1
  }
  return 0
}
