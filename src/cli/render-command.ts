import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, posix, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import * as z from 'zod'
import { loadTemplates } from '../forms/load-templates.js'
import { InputsSchema, INPUT_DEFAULTS } from '../inputs.js'
import { GitHubIssueSchema, type GitHubIssue } from '../model/issue.js'
import { buildReport } from '../report/build-report.js'
import { formatDuration } from '../report/format-time.js'
import { computeWindow, defaultAsOf } from '../report/window.js'
import { renderReportFiles, reportPaths } from '../render/render-report-files.js'
import { renderReportJson } from '../render/report-json.js'
import { SAMPLE_AS_OF, SAMPLE_ISSUES, SAMPLE_TIMEZONE } from '../sample/sample-issues.js'
import type { CliIo } from './parse-command.js'

const OPTIONS = {
  issues: { type: 'string' },
  'as-of': { type: 'string' },
  timezone: { type: 'string' },
  site: { type: 'string' },
  out: { type: 'string' },
  'incident-label': { type: 'string' },
  'highlight-label': { type: 'string' },
  'author-associations': { type: 'string' },
  'incident-window-days': { type: 'string' },
  'highlight-window-days': { type: 'string' },
  intro: { type: 'string' },
  'incident-template': { type: 'string' },
  'highlight-template': { type: 'string' },
  'confirmed-label': { type: 'string' },
  'overwrite-edits': { type: 'boolean' },
} as const

/** The flags `render` shares with the action's inputs, checked by the same schema. */
const RenderFlagsSchema = InputsSchema.pick({
  'as-of': true,
  timezone: true,
  site: true,
  'incident-label': true,
  'highlight-label': true,
  'author-associations': true,
  'incident-window-days': true,
  'highlight-window-days': true,
  intro: true,
  'confirmed-label': true,
})

/**
 * `infra-log render`: the report from a JSON file of issues (or the embedded sample) into a
 * folder. Exits 1 on bad arguments or unreadable input only: unusable issues are listed.
 */
export async function runRenderCommand(
  args: string[],
  io: CliIo,
  now: () => Date = () => new Date(),
): Promise<number> {
  let flags: ReturnType<typeof parseRenderArgs>
  try {
    flags = parseRenderArgs(args)
  } catch (error) {
    io.stderr(`infra-log render: ${(error as Error).message}\n`)
    return 1
  }

  const useSample = flags.values.issues === undefined
  const raw = {
    ...Object.fromEntries(
      Object.keys(RenderFlagsSchema.shape).map((k) => [
        k,
        INPUT_DEFAULTS[k as keyof typeof INPUT_DEFAULTS],
      ]),
    ),
    ...(useSample ? { 'as-of': SAMPLE_AS_OF, timezone: SAMPLE_TIMEZONE } : {}),
    ...definedOnly(flags.values),
  }
  const parsed = RenderFlagsSchema.safeParse(raw)
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'invalid arguments'
    io.stderr(`infra-log render: ${message.replace(/^Input `([^`]+)`/, 'Option `--$1`')}\n`)
    return 1
  }
  const options = parsed.data

  let issues: GitHubIssue[]
  let templates: Awaited<ReturnType<typeof loadTemplates>>
  try {
    issues = useSample ? SAMPLE_ISSUES : await readIssuesFile(flags.values.issues as string)
    templates = await loadTemplates({
      incidentPath: flags.values['incident-template'] ?? '',
      highlightPath: flags.values['highlight-template'] ?? '',
      read: (path) => readFile(path, 'utf8'),
    })
  } catch (error) {
    io.stderr(`infra-log render: ${(error as Error).message}\n`)
    return 1
  }

  const asOf = options['as-of'] === '' ? defaultAsOf(now(), options.timezone) : options['as-of']
  const window = computeWindow({
    asOf,
    timezone: options.timezone,
    incidentWindowDays: options['incident-window-days'],
    highlightWindowDays: options['highlight-window-days'],
  })
  const { report, outOfWindow } = buildReport({
    issues,
    templates,
    labels: { incident: options['incident-label'], highlight: options['highlight-label'] },
    window,
    authorAssociations: options['author-associations'],
    confirmedLabel: options['confirmed-label'],
  })

  const outDir = resolve(flags.values.out ?? 'infra-log-preview')
  const rendered = await renderIntoFolder({
    outDir,
    render: (existing) =>
      renderReportFiles({
        report,
        site: options.site,
        intro: options.intro,
        outputDir: '',
        existing,
        overwriteEdits: flags.values['overwrite-edits'] === true,
      }),
    asOf,
  })
  const reportJsonPath = join(outDir, 'report.json')
  await writeFile(reportJsonPath, renderReportJson(report, { pretty: true }))

  io.stdout(
    `Wrote ${[...rendered.files.keys(), 'report.json'].map((p) => join(outDir, p)).join('\n      ')}\n\n`,
  )
  io.stdout(summarize(report, outOfWindow.length, useSample))
  for (const section of rendered.keptEdits) {
    io.stdout(
      `Kept your edits to the \`${section}\` section (use --overwrite-edits to replace them).\n`,
    )
  }
  return 0
}

function parseRenderArgs(args: string[]) {
  return parseArgs({ args, options: OPTIONS, allowPositionals: false, strict: true })
}

function definedOnly(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  )
}

async function readIssuesFile(path: string): Promise<GitHubIssue[]> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new Error(
      `cannot read --issues file \`${path}\`: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    )
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new Error(
      `--issues file \`${path}\` is not JSON: expected an array of issues as GitHub's REST API returns them`,
    )
  }
  const parsed = z.array(GitHubIssueSchema).safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(
      `--issues file \`${path}\`: ${issue?.path.length ? `at [${issue.path.join('].[')}]: ` : ''}${issue?.message ?? 'invalid'}; expected an array of issues as \`GET /repos/{owner}/{repo}/issues\` returns them`,
    )
  }
  return parsed.data
}

async function renderIntoFolder(params: {
  outDir: string
  asOf: string
  render: (existing: Map<string, string | null>) => ReturnType<typeof renderReportFiles>
}) {
  const names = Object.values(reportPaths('', params.asOf))
  const existing = new Map<string, string | null>()
  for (const name of names) {
    existing.set(name, await readFile(join(params.outDir, name), 'utf8').catch(() => null))
  }
  const rendered = params.render(existing)
  await mkdir(params.outDir, { recursive: true })
  for (const [path, content] of rendered.files) {
    await writeFile(join(params.outDir, ...path.split(posix.sep)), content)
  }
  return rendered
}

function summarize(
  report: ReturnType<typeof buildReport>['report'],
  outOfWindow: number,
  sample: boolean,
): string {
  const { window, totals } = report
  const lines = [
    `${sample ? 'Sample data, as of' : 'As of'} ${window.asOf} (${window.timezone})`,
    `Incidents: ${totals.incidents} (${Object.entries(totals.byImpact)
      .map(([level, n]) => `${n} ${level}`)
      .join(', ')}), ${formatDuration(totals.incidentMinutes)} in total`,
    `Highlights: ${totals.highlights}`,
    `Skipped: ${totals.skipped}`,
    ...report.skipped.map(
      (s) =>
        `  #${s.number} (${s.label}) ${s.title.slice(0, 60)}: ${s.reasons.join('; ').slice(0, 200)}`,
    ),
    `Outside the window: ${outOfWindow}`,
  ]
  return `${lines.join('\n')}\n`
}
