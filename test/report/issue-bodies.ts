import type { GitHubIssue } from '../../src/model/issue.js'

// Issues with bodies exactly as GitHub renders the shipped forms, for the report's tests.

const NO_RESPONSE = '_No response_'

/** A body as GitHub renders an issue form. */
export function formBody(fields: [label: string, value: string | undefined][]): string {
  return fields.map(([label, value]) => `### ${label}\n\n${value ?? NO_RESPONSE}`).join('\n\n')
}

/** The Impact dropdown's options by level. */
export const IMPACT_OPTION = {
  none: 'None: no customer impact',
  low: 'Low: a few customers, minor disruption',
  moderate: 'Moderate: some customers or one region',
  high: 'High: many customers or several regions',
  severe: 'Severe: fleetwide or critical path down',
} as const

/** The body of the shipped Incident form. */
export function incidentBody(fields: {
  started?: string
  resolved?: string
  duration?: string
  /** A full option, or `None` for nothing chosen. */
  impact?: string
  services?: string[]
  regions?: string
  summary?: string
  customerImpact?: string
  postmortem?: string
}): string {
  return formBody([
    ['Started', fields.started],
    ['Resolved', fields.resolved],
    ['Duration', fields.duration],
    ['Impact', fields.impact ?? 'None'],
    ['Affected services', fields.services?.length ? fields.services.join(', ') : 'None'],
    ['Regions', fields.regions],
    ['What happened', fields.summary],
    ['Customer impact', fields.customerImpact],
    ['Post-mortem', fields.postmortem],
  ])
}

/** The body of the shipped Highlight form. */
export function highlightBody(fields: {
  who?: string
  summary?: string
  shipped?: string
  links?: string
}): string {
  return formBody([
    ['Who', fields.who],
    ['What shipped', fields.summary],
    ['Shipped on', fields.shipped],
    ['Links', fields.links],
  ])
}

/** An issue as the REST API returns it; open unless `closed_at` is given. */
export function makeIssue(
  fields: Partial<GitHubIssue> & { number: number; labels: GitHubIssue['labels'] },
): GitHubIssue {
  const repository = fields.repository ?? 'acme/platform'
  return {
    title: `Issue ${fields.number}`,
    body: '',
    html_url: `https://github.com/${repository}/issues/${fields.number}`,
    state: fields.closed_at ? 'closed' : 'open',
    created_at: '2024-05-01T12:00:00Z',
    closed_at: null,
    user: { login: 'ana' },
    author_association: 'MEMBER',
    ...fields,
    repository,
  }
}

/** A usable incident issue with the given times. */
export function incidentIssue(
  number: number,
  times: { started: string; resolved?: string; duration?: string },
  more: Partial<GitHubIssue> & { impact?: keyof typeof IMPACT_OPTION } = {},
): GitHubIssue {
  const { impact = 'low', ...issueFields } = more
  return makeIssue({
    number,
    labels: [{ name: 'incident' }],
    body: incidentBody({
      ...times,
      impact: IMPACT_OPTION[impact],
      services: ['API'],
      regions: 'sjc',
      summary: `What happened in incident ${number}.`,
    }),
    ...issueFields,
  })
}

/** A usable highlight issue shipped on `shipped`. */
export function highlightIssue(
  number: number,
  shipped: string | undefined,
  more: Partial<GitHubIssue> = {},
): GitHubIssue {
  return makeIssue({
    number,
    labels: [{ name: 'highlight' }],
    body: highlightBody({ who: 'Ana Lima', summary: `Project ${number} shipped.`, shipped }),
    ...more,
  })
}
