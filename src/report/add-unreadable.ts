import type { Skipped } from '../model/skipped.js'
import type { Report } from './report.js'
import { compareSkipped } from './sort-entries.js'

/**
 * Adds the items GitHub listed that infra-log could not read as issues to the skipped list,
 * so that they are reported like any other unusable issue rather than lost.
 */
export function addUnreadable(report: Report, unreadable: Skipped[]): Report {
  if (unreadable.length === 0) return report
  const skipped = [...report.skipped, ...unreadable].sort(compareSkipped)
  return { ...report, skipped, totals: { ...report.totals, skipped: skipped.length } }
}
