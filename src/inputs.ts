import { isAbsolute, relative, resolve, sep } from 'node:path'
import * as core from '@actions/core'
import { isKnownZone } from './model/zone-names.js'
import * as z from 'zod'

/** Site presets the page's front matter can be written for. */
export const SITE_PRESETS = [
  'plain',
  'jekyll',
  'docusaurus',
  'mkdocs',
  'hugo',
  'vitepress',
] as const

/** A site preset. */
export type SitePreset = (typeof SITE_PRESETS)[number]

const list = z.string().transform((text) =>
  text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== ''),
)

const bool = (name: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((text) => ['true', 'false'].includes(text), {
      message: `Input \`${name}\`: expected \`true\` or \`false\``,
    })
    .transform((text) => text === 'true')

const days = (name: string) =>
  z
    .string()
    .trim()
    .refine((text) => /^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 366, {
      message: `Input \`${name}\`: expected a whole number of days from 1 to 366`,
    })
    .transform(Number)

const repositoryName = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/

/**
 * The action's inputs, keyed by their kebab-case names in action.yml. Every input is a string
 * as the runner gives it (empty when not set), parsed and checked here and nowhere else.
 */
export const InputsSchema = z.object({
  token: z.string(),
  mode: z.enum(['report', 'validate'], {
    error: 'Input `mode`: expected `report` or `validate`',
  }),
  repository: list.pipe(
    z
      .array(
        z.string().regex(repositoryName, {
          message: 'Input `repository`: expected `owner/name`, or several separated by commas',
        }),
      )
      .min(1, { message: 'Input `repository`: expected at least one `owner/name`' }),
  ),
  'incident-label': z
    .string()
    .trim()
    .min(1, { message: 'Input `incident-label`: must not be empty' }),
  'highlight-label': z
    .string()
    .trim()
    .min(1, { message: 'Input `highlight-label`: must not be empty' }),
  'incident-template': z.string().trim(),
  'highlight-template': z.string().trim(),
  'as-of': z
    .string()
    .trim()
    .refine((text) => text === '' || isCalendarDate(text), {
      message:
        'Input `as-of`: expected a date `YYYY-MM-DD` (e.g. `2024-05-07`), or empty for today',
    }),
  timezone: z
    .string()
    .trim()
    .refine((zone) => isKnownZone(zone), {
      error: (issue) =>
        `Input \`timezone\`: \`${String(issue.input)}\` is not an IANA time zone (e.g. \`America/New_York\`, \`UTC\`)`,
    }),
  'incident-window-days': days('incident-window-days'),
  'highlight-window-days': days('highlight-window-days'),
  'output-dir': z.string().trim().min(1, { message: 'Input `output-dir`: must not be empty' }),
  site: z.enum(SITE_PRESETS, {
    error: `Input \`site\`: expected one of ${SITE_PRESETS.map((s) => `\`${s}\``).join(', ')}`,
  }),
  intro: z.string(),
  'base-branch': z.string().trim(),
  'branch-prefix': z
    .string()
    .trim()
    .refine((prefix) => prefix === '' || isBranchPrefix(prefix), {
      message:
        'Input `branch-prefix`: not a valid branch name prefix (no spaces, `..`, `~^:?*[\\`, or leading `/`)',
    }),
  'pr-labels': list,
  reviewers: list,
  'team-reviewers': list,
  assignees: list,
  draft: bool('draft'),
  'author-associations': list.pipe(
    z
      .array(
        z
          .string()
          .transform((s) => s.toUpperCase())
          .pipe(
            z.enum(
              [
                'OWNER',
                'MEMBER',
                'COLLABORATOR',
                'CONTRIBUTOR',
                'FIRST_TIME_CONTRIBUTOR',
                'FIRST_TIMER',
                'MANNEQUIN',
                'NONE',
              ],
              {
                error: (issue) =>
                  `Input \`author-associations\`: \`${String(issue.input)}\` is not one of OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, FIRST_TIME_CONTRIBUTOR, FIRST_TIMER, MANNEQUIN, NONE`,
              },
            ),
          ),
      )
      .min(1, { message: 'Input `author-associations`: expected at least one association' }),
  ),
  'confirmed-label': z.string().trim(),
  'needs-details-label': z.string().trim(),
  'comment-on-valid': bool('comment-on-valid'),
  'overwrite-edits': bool('overwrite-edits'),
  'dry-run': bool('dry-run'),
})

/** The action's inputs, parsed. */
export type Inputs = z.infer<typeof InputsSchema>

/** Every input's name, as in action.yml; a missing one is a compile error. */
export const INPUT_DEFAULTS: Record<keyof Inputs, string> = {
  token: '',
  mode: 'report',
  repository: '',
  'incident-label': 'incident',
  'highlight-label': 'highlight',
  'incident-template': '',
  'highlight-template': '',
  'as-of': '',
  timezone: 'UTC',
  'incident-window-days': '14',
  'highlight-window-days': '7',
  'output-dir': 'docs/infra-log',
  site: 'plain',
  intro: '',
  'base-branch': '',
  'branch-prefix': 'infra-log/',
  'pr-labels': 'infra-log',
  reviewers: '',
  'team-reviewers': '',
  assignees: '',
  draft: 'false',
  'author-associations': 'OWNER,MEMBER,COLLABORATOR',
  'confirmed-label': 'infra-log:confirmed',
  'needs-details-label': '',
  'comment-on-valid': 'false',
  'overwrite-edits': 'false',
  'dry-run': 'false',
}

/** Thrown when an input is invalid; the message names the input and what is accepted. */
export class InputError extends Error {
  override name = 'InputError'
}

/**
 * Parses raw input strings (empty = not set) against the schema, falling back to the defaults.
 * `context` supplies what the runner knows: the workflow's repository and the workspace.
 */
export function parseInputs(
  raw: Partial<Record<keyof Inputs, string>>,
  context: { repository: string; workspace: string },
): Inputs {
  const merged = Object.fromEntries(
    (Object.keys(INPUT_DEFAULTS) as (keyof Inputs)[]).map((name) => {
      const given = raw[name] ?? ''
      const fallback = name === 'repository' ? context.repository : INPUT_DEFAULTS[name]
      return [name, given.trim() === '' ? fallback : given]
    }),
  )
  const parsed = InputsSchema.safeParse(merged)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    const name = String(first?.path[0] ?? 'input')
    const message = first?.message ?? 'invalid'
    throw new InputError(message.startsWith('Input `') ? message : `Input \`${name}\`: ${message}`)
  }
  const inputs = parsed.data
  const inRepository = (name: 'output-dir' | 'incident-template' | 'highlight-template') =>
    inputs[name] === '' ? '' : toRepositoryPath(name, inputs[name], context.workspace)
  return {
    ...inputs,
    'output-dir': inRepository('output-dir'),
    'incident-template': inRepository('incident-template'),
    'highlight-template': inRepository('highlight-template'),
  }
}

/** Reads every input from the runner's environment through @actions/core. */
export function readInputs(context: { repository: string; workspace: string }): Inputs {
  const raw = Object.fromEntries(
    (Object.keys(INPUT_DEFAULTS) as (keyof Inputs)[]).map((name) => [
      name,
      core.getInput(name, { trimWhitespace: name !== 'intro' }),
    ]),
  ) as Record<keyof Inputs, string>
  if (raw.token !== '') core.setSecret(raw.token)
  return parseInputs(raw, context)
}

/**
 * The path as the repository knows it: `/`-separated and relative to its root (`.` for the root
 * itself, which only `output-dir` may be), as the Git Data and contents APIs take it. An
 * absolute path inside the workspace is made relative; a backslash is a separator, as
 * `reportPaths` reads it. A path that leads outside the repository is an InputError.
 */
function toRepositoryPath(name: string, path: string, workspace: string): string {
  const root = resolve(workspace)
  const rel = relative(root, resolve(root, path.replace(/\\/g, '/')))
    .split(sep)
    .join('/')
  const outside = rel === '..' || rel.startsWith('../') || isAbsolute(rel)
  if (outside || (rel === '' && name !== 'output-dir')) {
    throw new InputError(
      `Input \`${name}\`: \`${path}\` is outside the repository; give a path inside it, e.g. \`docs/infra-log\``,
    )
  }
  return rel === '' ? '.' : rel
}

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (match === null) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  )
}

function isBranchPrefix(prefix: string): boolean {
  return !/[\s~^:?*[\\]|\.\.|^\/|\/\/|@\{/.test(prefix) && !prefix.startsWith('-')
}
