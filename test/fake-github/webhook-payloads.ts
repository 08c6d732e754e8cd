import { createRequire } from 'node:module'
import type { Issue } from './index.js'

// Real webhook payloads, as GitHub sends them, from @octokit/webhooks-examples.
const require = createRequire(import.meta.url)
const definitions = require('@octokit/webhooks-examples') as {
  name: string
  examples: Record<string, unknown>[]
}[]

/** The first example payload of a webhook event with this action, deep-copied. */
export function examplePayload(event: string, action: string): Record<string, unknown> {
  const example = definitions
    .find((definition) => definition.name === event)
    ?.examples.find((candidate) => candidate.action === action)
  if (example === undefined)
    throw new Error(`No ${event}.${action} example in @octokit/webhooks-examples`)
  return structuredClone(example)
}

/**
 * An `issues` payload for an issue of the fake: GitHub's example for `action` with the issue's
 * number, title, body, labels, author, association, state and dates, the repository's full
 * name, and `extra` on top.
 */
export function issuesPayload(
  action: string,
  issue: Issue,
  repository: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const payload = examplePayload('issues', action)
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
  return { ...payload, ...extra }
}
