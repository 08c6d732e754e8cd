import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** How one run of the action ended, as the Actions runner would see it. */
export type ActionRun = {
  /** The exit code; null when the process was killed (see `signal`). */
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** What the action wrote to `GITHUB_OUTPUT`, by output name. */
  outputs: Record<string, string>
  /** What the action wrote to `GITHUB_STEP_SUMMARY` ('' when it wrote nothing). */
  summary: string
}

/** What {@link runAction} needs; everything the runner would set comes from here, nothing from the caller's environment. */
export type RunActionParams = {
  /** The bundled action, e.g. `dist/index.js`. */
  entry: string
  /** The node binary to run it with; default the one running the tests. */
  node?: string
  /** Inputs by their kebab-case names in action.yml (`as-of`, `dry-run`, ...). */
  inputs: Record<string, string>
  /** `GITHUB_REPOSITORY`: the workflow's `owner/name`. */
  repository: string
  /** `GITHUB_API_URL`: the fake's URL. */
  apiUrl: string
  /** `GITHUB_SERVER_URL`; default `https://github.com`. */
  serverUrl?: string
  /**
   * `GITHUB_EVENT_NAME` and the JSON written to `GITHUB_EVENT_PATH`; default a `workflow_dispatch`
   * with no inputs on the default branch, its payload carrying the repository as GitHub's does.
   */
  event?: { name: string; payload: unknown }
  /** The repository's default branch, for `GITHUB_REF` and the default event; default `main`. */
  defaultBranch?: string
  /** Extra variables on top of the runner's (e.g. `GITHUB_TOKEN`). */
  env?: Record<string, string>
  /** The process is killed after this long; default 30 s. */
  timeoutMs?: number
}

/**
 * The environment variable @actions/core reads an input from: `INPUT_` and the name upper-cased
 * with spaces turned into `_` (dashes are kept: `INPUT_AS-OF`).
 */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** The parts of a `workflow_dispatch` payload a step can read: inputs, ref, repository. */
function dispatchPayload(params: RunActionParams): unknown {
  const branch = params.defaultBranch ?? 'main'
  return {
    inputs: {},
    ref: `refs/heads/${branch}`,
    repository: { full_name: params.repository, default_branch: branch },
  }
}

/** The files and folders a runner gives a step, under one folder. */
export type RunnerPaths = {
  workspace: string
  temp: string
  output: string
  summary: string
  event: string
}

/**
 * Makes what the runner makes before a step starts, in `dir`: the workspace and `RUNNER_TEMP`
 * folders, empty `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY` files, and the event payload.
 */
export async function prepareRunnerFiles(dir: string, eventPayload: unknown): Promise<RunnerPaths> {
  const paths = {
    workspace: join(dir, 'workspace'),
    temp: join(dir, 'runner-temp'),
    output: join(dir, 'github-output'),
    summary: join(dir, 'step-summary'),
    event: join(dir, 'event.json'),
  }
  await Promise.all([
    mkdir(paths.workspace),
    mkdir(paths.temp),
    writeFile(paths.output, ''),
    writeFile(paths.summary, ''),
    writeFile(paths.event, JSON.stringify(eventPayload)),
  ])
  return paths
}

/**
 * Runs the bundled action in a child process the way the Actions runner does: inputs and the
 * `GITHUB_*` context in the environment (none inherited from the developer's), `GITHUB_OUTPUT`
 * and `GITHUB_STEP_SUMMARY` files out. Asynchronous, because the fake GitHub the action talks to
 * runs in this process.
 */
export async function runAction(params: RunActionParams): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'infra-log-e2e-'))
  try {
    const paths = await prepareRunnerFiles(dir, params.event?.payload ?? dispatchPayload(params))
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      // A zone far from UTC: the report must follow the `timezone` input, never the machine's.
      TZ: 'Pacific/Chatham',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      RUNNER_OS: 'Linux',
      RUNNER_TEMP: paths.temp,
      GITHUB_REPOSITORY: params.repository,
      GITHUB_REPOSITORY_OWNER: params.repository.split('/')[0] ?? '',
      GITHUB_API_URL: params.apiUrl,
      GITHUB_SERVER_URL: params.serverUrl ?? 'https://github.com',
      GITHUB_GRAPHQL_URL: `${params.apiUrl}/graphql`,
      GITHUB_WORKSPACE: paths.workspace,
      GITHUB_OUTPUT: paths.output,
      GITHUB_STEP_SUMMARY: paths.summary,
      GITHUB_EVENT_NAME: params.event?.name ?? 'workflow_dispatch',
      GITHUB_EVENT_PATH: paths.event,
      GITHUB_REF: `refs/heads/${params.defaultBranch ?? 'main'}`,
      GITHUB_RUN_ID: '4242',
      INFRA_LOG_WRITE_INTERVAL_MS: '0',
      ...Object.fromEntries(
        Object.entries(params.inputs).map(([name, value]) => [inputVariable(name), value]),
      ),
      ...params.env,
    }
    const ended = await spawnCollecting(
      params.node ?? process.execPath,
      [params.entry],
      { cwd: paths.workspace, env },
      params.timeoutMs ?? 30_000,
    )
    return {
      ...ended,
      outputs: parseOutputFile(await readFile(paths.output, 'utf8')),
      summary: await readFile(paths.summary, 'utf8'),
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * Reads a `GITHUB_OUTPUT` file: `name<<DELIMITER`, the value's lines, `DELIMITER`, as
 * @actions/core writes it, or the one-line `name=value`. Anything else throws, so a malformed
 * file fails the test instead of losing an output.
 */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? ''
    if (line === '' && index === lines.length - 1) break
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc !== null) {
      const [, name = '', delimiter] = heredoc
      const end = lines.indexOf(delimiter ?? '', index + 1)
      if (end === -1) throw new Error(`GITHUB_OUTPUT: \`${name}\` has no closing ${delimiter}`)
      outputs[name] = lines.slice(index + 1, end).join('\n')
      index = end
      continue
    }
    const single = /^([^=]+)=(.*)$/.exec(line)
    if (single === null) throw new Error(`GITHUB_OUTPUT: cannot read line ${index + 1}: ${line}`)
    outputs[single[1] ?? ''] = single[2] ?? ''
  }
  return outputs
}

function spawnCollecting(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
  timeoutMs: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    // Killed by its own pid: a hung action must fail its test, not the whole suite.
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      })
    })
  })
}
