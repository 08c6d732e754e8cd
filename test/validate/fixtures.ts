import { createRequire } from 'node:module'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import type { Issue } from '../fake-github/index.js'
import { parseInputs, type Inputs } from '../../src/inputs.js'

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
 * An `issues` payload for an issue of the fake: GitHub's example with the issue's number,
 * title, body, labels, author, association and state, and the repository's full name.
 */
export function issuesPayload(
  action: string,
  issue: Issue,
  repository: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const payload = examplePayload('issues', action)
  const example = payload.issue as Record<string, unknown>
  payload.issue = {
    ...example,
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
  payload.repository = { ...(payload.repository as object), full_name: repository }
  return { ...payload, ...extra }
}

/** Inputs as the runner would give them in validate mode, with `raw` on top of the defaults. */
export function validateInputs(raw: Partial<Record<keyof Inputs, string>> = {}): Inputs {
  return parseInputs(
    { token: 'fake-token', mode: 'validate', timezone: 'America/New_York', ...raw },
    { repository: 'acme/infra', workspace: process.cwd() },
  )
}

/** A body as GitHub renders an issue form: `### Label`, a blank line, the value. */
export function formBody(fields: [label: string, value: string | undefined][]): string {
  return fields.map(([label, value]) => `### ${label}\n\n${value ?? '_No response_'}`).join('\n\n')
}

/** The shipped Incident form's body; an empty field renders as GitHub renders it. */
export function incidentBody(fields: {
  started?: string
  resolved?: string
  duration?: string
  impact?: string
  summary?: string
}): string {
  return formBody([
    ['Started', fields.started],
    ['Resolved', fields.resolved],
    ['Duration', fields.duration],
    ['Impact', fields.impact ?? 'None'],
    ['Affected services', 'None'],
    ['Regions', undefined],
    ['What happened', fields.summary],
    ['Customer impact', undefined],
    ['Post-mortem', undefined],
  ])
}

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden')

/**
 * Compares `actual` with `golden/<name>`; with UPDATE=1 it writes the file instead. Read every
 * file this writes: it is the comment people will see.
 */
export async function expectGolden(name: string, actual: string): Promise<void> {
  const path = join(GOLDEN, name)
  if (process.env.UPDATE === '1') {
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, actual)
    return
  }
  const expected = await readFile(path, 'utf8').catch(() => {
    throw new Error(`Golden file golden/${name} is missing: run with UPDATE=1 and read it`)
  })
  expect(actual).toBe(expected)
}
