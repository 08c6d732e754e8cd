import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { vi } from 'vitest'
import { run } from '../../src/main.js'
import { inputVariable, parseOutputFile } from '../e2e/run-action.js'

// Runs the action in this process, as index.ts does, against the local fake. @actions/core reads
// inputs and writes outputs through process.env and process.stdout, so a run swaps them in and
// out: the runs of a file must not overlap, except the ones `runTogether` starts on purpose.

/** How one in-process run ended, as the runner would see it. */
export type InProcessRun = {
  /** Everything written to stdout: log lines and workflow commands. */
  stdout: string
  stderr: string
  /** `::error::` lines: the run failed when there is one. */
  errors: string[]
  /** The exit code the process would end with. */
  exitCode: number
  outputs: Record<string, string>
  summary: string
}

/** What the runner gives a step. */
export type RunSetup = {
  /** `GITHUB_REPOSITORY` */
  repository: string
  /** `GITHUB_API_URL`: the fake's URL. */
  apiUrl: string
  /** Inputs by their names in action.yml. */
  inputs: Record<string, string>
  /** `GITHUB_EVENT_NAME` and the payload written to `GITHUB_EVENT_PATH`; default a dispatch. */
  event?: { name: string; payload: unknown }
  /** Extra environment (e.g. `GITHUB_TOKEN`). */
  env?: Record<string, string>
  now?: () => Date
}

// One folder for the whole test file: @actions/core keeps the summary file's path once it has
// written to it, so every run of this process must use the same one.
const folder = mkdtempSync(join(tmpdir(), 'infra-log-faults-'))
const files = {
  workspace: join(folder, 'workspace'),
  output: join(folder, 'github-output'),
  summary: join(folder, 'step-summary'),
  event: join(folder, 'event.json'),
}
mkdirSync(files.workspace)

/** `GITHUB_WORKSPACE` of every run: a test may put files there (a custom issue form). */
export const WORKSPACE = files.workspace

/** Removes the folder the runs write to; call it in afterAll. */
export function cleanUpRuns(): void {
  rmSync(folder, { recursive: true, force: true })
}

/** Runs the action once; see `runTogether` for several at the same time. */
export async function runInProcess(setup: RunSetup): Promise<InProcessRun> {
  const [only] = await runTogether(setup, 1)
  if (only === undefined) throw new Error('no run')
  return only
}

/**
 * Starts `count` runs of the action at the same moment, with the same environment, and waits for
 * all of them. Their output is interleaved in one stdout, as two steps of one job would not be,
 * so each result holds all of it.
 */
export async function runTogether(setup: RunSetup, count: number): Promise<InProcessRun[]> {
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  writeFileSync(files.event, JSON.stringify(setup.event?.payload ?? { inputs: {} }))
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: folder,
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: setup.repository,
    GITHUB_API_URL: setup.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: files.workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_NAME: setup.event?.name ?? 'workflow_dispatch',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_RUN_ID: '4242',
    // Test-only knobs (src/runner-context.ts): no spacing between writes, retry waits in ms.
    INFRA_LOG_WRITE_INTERVAL_MS: '0',
    INFRA_LOG_RETRY_AFTER_BASE_MS: '1',
    ...Object.fromEntries(
      Object.entries(setup.inputs).map(([name, value]) => [inputVariable(name), value]),
    ),
    ...setup.env,
  }

  const saved = process.env
  const savedExitCode = process.exitCode
  const stdout: string[] = []
  const stderr: string[] = []
  const capture = (into: string[]) => (chunk: string | Uint8Array) => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    return true
  }
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture(stdout))
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture(stderr))
  process.env = env
  process.exitCode = 0
  let exitCode = 0
  try {
    await Promise.all(
      Array.from({ length: count }, () =>
        run({ env, ...(setup.now === undefined ? {} : { now: setup.now }) }),
      ),
    )
  } finally {
    exitCode = Number(process.exitCode ?? 0)
    process.env = saved
    process.exitCode = savedExitCode
    out.mockRestore()
    err.mockRestore()
  }
  const text = stdout.join('')
  const result: InProcessRun = {
    stdout: text,
    stderr: stderr.join(''),
    errors: text.split(/\r?\n/).filter((line) => line.startsWith('::error')),
    exitCode,
    outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
  }
  return Array.from({ length: count }, () => result)
}
