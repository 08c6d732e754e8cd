import { GitHubIssueSchema, type GitHubIssue } from '../model/issue.js'
import type { GitHubClient, Logger } from './client.js'
import { listPages } from './list-pages.js'
import { splitRepository } from './repository.js'

/** A listed item that is not an issue infra-log can read; reported, never dropped. */
export type InvalidIssue = {
  /** null when GitHub's item has no usable number either. */
  number: number | null
  url: string | null
  /** The label whose listing returned it. */
  label: string
  /** What is wrong with it, field by field. */
  reason: string
}

/** The labelled issues of one repository, and the items that could not be read. */
export type FetchedIssues = { issues: GitHubIssue[]; invalid: InvalidIssue[] }

/**
 * Lists the issues carrying any of `labels` and updated since `since` (ISO 8601), open or
 * closed, one paginated listing per label because GitHub ANDs a comma-separated `labels`.
 * For each of `openLabels`, the open issues are listed too whenever they were last updated:
 * an ongoing incident nobody touched for weeks is still in the window. Pull requests are left
 * out; an issue carrying several labels is returned once. Costs ⌈N/100⌉ requests per listing.
 * Issues are in number order.
 *
 * `onPage`, when given, is handed each page's issues not returned before, as the page arrives
 * and while GitHub serves the next one; the listing waits for it before going on.
 */
export async function fetchLabelledIssues(params: {
  client: GitHubClient
  repository: string
  labels: string[]
  since: string
  openLabels?: string[]
  log?: Logger
  onPage?: (issues: GitHubIssue[]) => Promise<void> | void
}): Promise<FetchedIssues> {
  const { client, repository, since } = params
  const { owner, repo } = splitRepository(repository)
  const issues = new Map<number, GitHubIssue>()
  const invalid = new Map<number | string, InvalidIssue>()
  const listings = [
    ...[...new Set(params.labels)].map((label) => ({ label, state: 'all' as const, since })),
    ...[...new Set(params.openLabels ?? [])].map((label) => ({ label, state: 'open' as const })),
  ]
  for (const { label, ...filter } of listings) {
    let count = 0
    const pages = listPages(client, {
      url: '/repos/{owner}/{repo}/issues',
      owner,
      repo,
      labels: label,
      ...filter,
      per_page: 100,
    })
    for await (const items of pages) {
      count += items.length
      const added: GitHubIssue[] = []
      for (const item of items) {
        const raw = asRecord(item)
        if (raw.pull_request !== undefined && raw.pull_request !== null) continue
        // The endpoint can carry a `repository` object; infra-log's field is the `owner/name`
        // string.
        const parsed = GitHubIssueSchema.safeParse({ ...raw, repository })
        if (parsed.success) {
          if (!issues.has(parsed.data.number)) {
            issues.set(parsed.data.number, parsed.data)
            added.push(parsed.data)
          }
          continue
        }
        const number =
          typeof raw.number === 'number' && Number.isInteger(raw.number) ? raw.number : null
        const reason = parsed.error.issues
          .map(
            (problem) =>
              `${problem.path.length > 0 ? problem.path.join('.') : 'item'}: ${problem.message}`,
          )
          .join('; ')
        const key = number ?? `${label}#${invalid.size}`
        if (!invalid.has(key)) {
          invalid.set(key, {
            number,
            url: typeof raw.html_url === 'string' ? raw.html_url : null,
            label,
            reason: `GitHub returned an item that infra-log cannot read (${reason})`,
          })
        }
      }
      if (added.length > 0) await params.onPage?.(added)
    }
    params.log?.debug(
      `${repository}: ${count} ${filter.state} items labelled \`${label}\`${'since' in filter ? ` updated since ${since}` : ''}`,
    )
  }
  return {
    issues: [...issues.values()].sort((a, b) => a.number - b.number),
    // An item read once as a valid issue is that issue, whatever another listing returned.
    invalid: [...invalid.values()]
      .filter((item) => item.number === null || !issues.has(item.number))
      .sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity)),
  }
}

function asRecord(item: unknown): Record<string, unknown> {
  return typeof item === 'object' && item !== null
    ? (item as Record<string, unknown>)
    : { value: item }
}
