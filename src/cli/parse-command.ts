import { parseArgs } from 'node:util'
import { isKnownZone } from '../model/zone-names.js'
import type { FormTemplate, ParsedForm } from '../forms/form-template.js'
import { parseFormTemplate } from '../forms/parse-form-template.js'
import { parseIssueForm } from '../forms/parse-issue-form.js'
import { shippedTemplate, type ShippedFormKind } from '../forms/shipped-forms.js'
import type { GitHubIssue } from '../model/issue.js'
import { toHighlight } from '../model/to-highlight.js'
import { toIncident } from '../model/to-incident.js'
import { fieldLabels } from '../report/selection.js'

/** What a command of the command-line tool may touch: its output streams and input files. */
export type CliIo = {
  stdout: (text: string) => void
  stderr: (text: string) => void
  readFile: (path: string) => Promise<string>
  readStdin: () => Promise<string>
}

const USAGE =
  'Usage: infra-log parse [--template FILE.yml] [--kind incident|highlight] [--timezone TZ] [--title TITLE] [BODY.md | -]'

const OPTIONS = {
  template: { type: 'string' },
  kind: { type: 'string' },
  timezone: { type: 'string' },
  title: { type: 'string' },
} as const

type ParseOptions = {
  templatePath: string | undefined
  kind: ShippedFormKind | undefined
  timezone: string
  title: string
  bodyPath: string
}

/**
 * `infra-log parse`: reads one issue body (a file, or standard input for `-` or no argument)
 * against a form and prints `{ fields, problems }` as JSON; with `--kind`, also the `incident`
 * or `highlight` the action would publish, or `skipped: { reasons }`. Exit code 0 when the body
 * is usable, 2 when it has problems, 1 for a bad argument or an unreadable file.
 */
export async function runParseCommand(
  args: string[],
  io: CliIo,
  now: () => Date = () => new Date(),
): Promise<number> {
  const fail = (message: string): number => {
    io.stderr(`infra-log parse: ${message}\n${USAGE}\n`)
    return 1
  }
  const options = readOptions(args)
  if (typeof options === 'string') return fail(options)

  let template: FormTemplate
  let body: string
  try {
    template =
      options.templatePath === undefined
        ? shippedTemplate(options.kind ?? 'incident')
        : parseFormTemplate(
            await read(io.readFile, options.templatePath, 'option `--template`'),
            options.templatePath,
          )
    body =
      options.bodyPath === '-'
        ? await io.readStdin()
        : await read(io.readFile, options.bodyPath, 'body file')
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error))
  }

  const form = parseIssueForm(body, template)
  const output: Record<string, unknown> = { fields: form.fields, problems: form.problems }
  let usable = form.problems.length === 0
  if (options.kind !== undefined) {
    const conversion = convert({ ...options, kind: options.kind, form, template, body, now })
    if (conversion.ok) output[options.kind] = conversion.value
    else output['skipped'] = { reasons: conversion.reasons }
    usable &&= conversion.ok
  }
  io.stdout(`${JSON.stringify(output, null, 2)}\n`)
  return usable ? 0 : 2
}

/** The options, or a message naming the argument that is wrong and what it accepts. */
function readOptions(args: string[]): ParseOptions | string {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const unknown = /^Unknown option '([^']+)'/.exec(message)
    return unknown === null
      ? message
      : `unknown option \`${unknown[1]}\` (options: ${Object.keys(OPTIONS)
          .map((name) => `\`--${name}\``)
          .join(', ')})`
  }
  const { values, positionals } = parsed
  if (positionals.length > 1) {
    return `expected one body file (or \`-\` for standard input), got ${positionals.length}: ${positionals.map((p) => `\`${p}\``).join(' ')}`
  }
  const kind = values.kind
  if (kind !== undefined && kind !== 'incident' && kind !== 'highlight') {
    return `option \`--kind\`: \`${kind}\` is not a form kind; use \`incident\` or \`highlight\``
  }
  const timezone = values.timezone ?? 'UTC'
  if (!isKnownZone(timezone)) {
    return `option \`--timezone\`: \`${timezone}\` is not an IANA time zone (e.g. \`America/New_York\`, \`UTC\`)`
  }
  return {
    templatePath: values.template,
    kind,
    timezone,
    title: values.title ?? 'Untitled',
    bodyPath: positionals[0] ?? '-',
  }
}

async function read(readFile: CliIo['readFile'], path: string, argument: string): Promise<string> {
  try {
    return await readFile(path)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`${argument}: \`${path}\` cannot be read (${reason})`)
  }
}

/** The entry the action would make of this body, filed now as an open issue by `you`. */
function convert(params: {
  kind: ShippedFormKind
  form: ParsedForm
  template: FormTemplate
  body: string
  title: string
  timezone: string
  now: () => Date
}) {
  const { kind, form, template, body, title, timezone, now } = params
  const issue: GitHubIssue = {
    number: 0,
    title,
    body,
    html_url: '',
    state: 'open',
    created_at: now().toISOString(),
    labels: [kind],
    user: { login: 'you' },
  }
  const labels = fieldLabels(template)
  return kind === 'incident'
    ? toIncident({ issue, form, timezone, labels })
    : toHighlight({ issue, form, timezone, labels })
}
