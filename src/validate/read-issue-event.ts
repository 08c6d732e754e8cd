import * as z from 'zod'
import { GitHubIssueSchema, labelNames } from '../model/issue.js'

/** The `issues` actions that can change what an issue says or whether it is checked. */
export const VALIDATED_ACTIONS = [
  'opened',
  'edited',
  'labeled',
  'unlabeled',
  'reopened',
  'closed',
] as const

/** The parts of an `issues` webhook payload that decide whether and what to validate. */
const IssueEventSchema = z.object({
  action: z.string(),
  issue: z.object({
    number: z.number().int().positive(),
    labels: GitHubIssueSchema.shape.labels,
    pull_request: z.unknown().optional(),
  }),
  /** The label added or removed, on `labeled` and `unlabeled`. */
  label: z.object({ name: z.string() }).nullable().optional(),
  repository: z.object({ full_name: z.string() }).optional(),
})

/** An `issues` event worth validating. */
export type IssueEvent = {
  kind: 'issue'
  action: (typeof VALIDATED_ACTIONS)[number]
  number: number
  /** The issue's labels when the event fired. */
  labels: string[]
  /** The label added or removed by a `labeled`/`unlabeled` event, else null. */
  changedLabel: string | null
  /** `owner/name` the event says the issue is in, when it says. */
  repository: string | null
}

/** An event that is not validated, and why (one line). */
export type IgnoredEvent = { kind: 'ignored'; number: number | null; reason: string }

/**
 * Reads the event a workflow run was started by. Only `issues` events with an action in
 * {@link VALIDATED_ACTIONS} on an issue (not a pull request) are validated; anything else is
 * ignored with the reason. Never throws.
 */
export function readIssueEvent(params: {
  event: unknown
  eventName: string
}): IssueEvent | IgnoredEvent {
  const { event, eventName } = params
  if (eventName !== 'issues') {
    return ignored(null, `the \`${eventName || '(none)'}\` event is not an \`issues\` event`)
  }
  if (isObject(event) && event.pull_request != null) {
    return ignored(null, 'the event is about a pull request')
  }
  const parsed = IssueEventSchema.safeParse(event)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    const where = first === undefined ? '' : ` (\`${first.path.join('.')}\`: ${first.message})`
    return ignored(null, `the event payload has no readable issue${where}`)
  }
  const { action, issue, label, repository } = parsed.data
  if (issue.pull_request != null) return ignored(issue.number, 'the event is about a pull request')
  const validated: readonly string[] = VALIDATED_ACTIONS
  if (!validated.includes(action)) {
    return ignored(issue.number, `issues action \`${action}\` does not change the form`)
  }
  return {
    kind: 'issue',
    action: action as IssueEvent['action'],
    number: issue.number,
    labels: labelNames(issue),
    changedLabel: label?.name ?? null,
    repository: repository?.full_name ?? null,
  }
}

function ignored(number: number | null, reason: string): IgnoredEvent {
  return { kind: 'ignored', number, reason }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}
