import { createRequire } from 'node:module'
import { labelNames } from '../../src/model/issue.js'
import { SAMPLE_ISSUES } from '../../src/sample/sample-issues.js'
import type { AuthorAssociation, FakeRepo, Issue } from '../fake-github/index.js'

/** Seeds the fake repository with the sample team's issues, numbers and dates as they are. */
export function seedSampleIssues(repo: FakeRepo): void {
  for (const issue of SAMPLE_ISSUES) {
    repo.addIssue({
      number: issue.number,
      title: issue.title,
      body: issue.body ?? null,
      labels: labelNames(issue),
      user: issue.user?.login ?? 'octocat',
      author_association: (issue.author_association ?? 'MEMBER') as AuthorAssociation,
      state: issue.state,
      created_at: issue.created_at,
      updated_at: issue.updated_at ?? issue.created_at,
      closed_at: issue.closed_at ?? null,
    })
  }
}

/** A body as GitHub renders the shipped Incident form. */
export function incidentBody(fields: {
  started: string
  resolved?: string
  duration?: string
  impact: string
  summary: string
}): string {
  return [
    ['Started', fields.started],
    ['Resolved', fields.resolved ?? '_No response_'],
    ['Duration', fields.duration ?? '_No response_'],
    ['Impact', fields.impact],
    ['Affected services', 'None'],
    ['Regions', '_No response_'],
    ['What happened', fields.summary],
    ['Customer impact', '_No response_'],
    ['Post-mortem', '_No response_'],
  ]
    .map(([label, value]) => `### ${label}\n\n${value}`)
    .join('\n\n')
}

const IMPACTS = [
  'None: no customer impact',
  'Low: a few customers, minor disruption',
  'Moderate: some customers or one region',
  'High: many customers or several regions',
  'Severe: fleetwide or critical path down',
]

/**
 * Seeds `count` valid, closed incidents numbered from 1, started one every 72 minutes from
 * `firstStart` (ISO 8601, UTC): 250 of them span 12.5 days.
 */
export function seedSyntheticIncidents(repo: FakeRepo, count: number, firstStart: string): void {
  const first = Date.parse(firstStart)
  for (let index = 0; index < count; index++) {
    const started = new Date(first + index * 72 * 60_000)
    const at = (minutes: number) =>
      new Date(started.getTime() + minutes * 60_000).toISOString().replace(/\.000Z$/, 'Z')
    repo.addIssue({
      number: index + 1,
      title: `[Incident]: Synthetic incident ${index + 1}`,
      labels: ['incident'],
      state: 'closed',
      created_at: at(5),
      closed_at: at(60),
      updated_at: at(60),
      body: incidentBody({
        started: `${at(0).slice(0, 10)} ${at(0).slice(11, 16)} UTC`,
        duration: '30m',
        impact: IMPACTS[index % IMPACTS.length] ?? 'Low',
        summary: `Synthetic incident number ${index + 1}: detected by an alert, fixed by a rollback.`,
      }),
    })
  }
}

// Real webhook payloads, as GitHub sends them.
const require = createRequire(import.meta.url)
const definitions = require('@octokit/webhooks-examples') as {
  name: string
  examples: Record<string, unknown>[]
}[]

/**
 * An `issues` webhook payload for an issue of the fake: GitHub's own example for `action`, with
 * the issue's fields and the repository's name put in.
 */
export function issuesPayload(
  action: string,
  issue: Issue,
  repository: string,
): Record<string, unknown> {
  const example = definitions
    .find((definition) => definition.name === 'issues')
    ?.examples.find((candidate) => candidate.action === action)
  if (example === undefined) {
    throw new Error(`@octokit/webhooks-examples has no issues.${action} example`)
  }
  const payload = structuredClone(example)
  payload.issue = {
    ...(payload.issue as Record<string, unknown>),
    number: issue.number,
    title: issue.title,
    body: issue.body,
    labels: issue.labels,
    user: issue.user,
    author_association: issue.author_association,
    state: issue.state,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    html_url: issue.html_url,
  }
  payload.repository = { ...(payload.repository as Record<string, unknown>), full_name: repository }
  return payload
}
