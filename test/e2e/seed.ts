import { labelNames } from '../../src/model/issue.js'
import { SAMPLE_ISSUES } from '../../src/sample/sample-issues.js'
import type { AuthorAssociation, FakeRepo } from '../fake-github/index.js'
import { incidentBody } from '../report/issue-bodies.js'

export { issuesPayload } from '../fake-github/webhook-payloads.js'
export { incidentBody } from '../report/issue-bodies.js'

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
