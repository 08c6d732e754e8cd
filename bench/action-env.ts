// The environment the Actions runner gives the action's step: every input of action.yml with its
// default (the runner passes defaults too), the benchmark's inputs on top, the GITHUB_* context.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { inputVariable } from '../test/e2e/run-action.js'

/** Where the action writes, per run: the runner's files and folders. */
export type RunnerPaths = {
  workspace: string
  temp: string
  output: string
  summary: string
  event: string
}

/** `INPUT_*` for every input of action.yml: its default, or `inputs[name]` when given. */
export function inputEnvironment(
  root: string,
  inputs: Record<string, string>,
): Record<string, string> {
  const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>
  }
  const env: Record<string, string> = {}
  for (const [name, input] of Object.entries(action.inputs)) {
    env[inputVariable(name)] = inputs[name] ?? String(input.default ?? '')
  }
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value
  return env
}

/** The runner's environment for one step; nothing is inherited from the benchmark's own. */
export function runnerEnvironment(params: {
  root: string
  inputs: Record<string, string>
  repository: string
  apiUrl: string
  paths: RunnerPaths
  /** Unset keeps Octokit's spacing of writes (1 s, 3 s for notifying ones). */
  writeIntervalMs: number | undefined
}): Record<string, string> {
  const { paths } = params
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: paths.temp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: paths.temp,
    GITHUB_REPOSITORY: params.repository,
    GITHUB_REPOSITORY_OWNER: params.repository.split('/')[0] ?? '',
    GITHUB_API_URL: params.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_GRAPHQL_URL: `${params.apiUrl}/graphql`,
    GITHUB_WORKSPACE: paths.workspace,
    GITHUB_OUTPUT: paths.output,
    GITHUB_STEP_SUMMARY: paths.summary,
    GITHUB_EVENT_NAME: 'schedule',
    // The runner always sets it; for a scheduled run it is the default branch (the fake's `main`).
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_PATH: paths.event,
    GITHUB_RUN_ID: '4242',
    ...(params.writeIntervalMs === undefined
      ? {}
      : { INFRA_LOG_WRITE_INTERVAL_MS: String(params.writeIntervalMs) }),
    ...inputEnvironment(params.root, params.inputs),
  }
}
