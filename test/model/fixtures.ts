import type { FieldValue, FormProblem, ParsedForm } from '../../src/forms/form-template.js'
import type { GitHubIssue } from '../../src/model/issue.js'

/** A closed incident issue as the REST API returns it, with the fields changed that a case needs. */
export function makeIssue(overrides: Partial<GitHubIssue> = {}): GitHubIssue {
  return {
    number: 12,
    title: '[Incident]: Request routing 502s',
    html_url: 'https://github.com/acme/platform/issues/12',
    state: 'closed',
    created_at: '2024-04-24T17:00:00Z',
    closed_at: '2024-04-25T18:00:00Z',
    labels: [{ name: 'incident' }],
    user: { login: 'ana' },
    ...overrides,
  }
}

/** A complete, valid Incident form, with the fields changed that a case needs. */
export function makeIncidentForm(
  fields: Record<string, FieldValue> = {},
  problems: FormProblem[] = [],
): ParsedForm {
  return {
    fields: {
      started: '2024-04-24 12:30 America/New_York',
      resolved: '2024-04-24 13:15 America/New_York',
      duration: null,
      impact: ['Severe: fleetwide or critical path down'],
      services: ['Request routing', 'DNS'],
      regions: 'sjc, ams',
      summary: 'Routers in sjc dropped half the requests after a config push. Rolled back.',
      'customer-impact': 'Brief but severe impact to request routing.',
      postmortem: null,
      ...fields,
    },
    problems,
  }
}

/** A complete, valid Highlight form, with the fields changed that a case needs. */
export function makeHighlightForm(
  fields: Record<string, FieldValue> = {},
  problems: FormProblem[] = [],
): ParsedForm {
  return {
    fields: {
      who: 'Ana Lima, @bkumar',
      summary: 'CI runs in half the time: the cache now survives runner restarts.',
      shipped: '2024-05-02',
      links: '- https://github.com/acme/platform/pull/123',
      ...fields,
    },
    problems,
  }
}
