/** What the Actions runner tells a step through its environment. */
export type RunnerContext = {
  /** `owner/name` of the workflow's repository: where the report is committed. */
  repository: string
  workspace: string
  apiUrl: string
  serverUrl: string
  eventName: string
  eventPath: string
  /** Link to this workflow run, when the runner says which run it is. */
  runUrl: string | undefined
  /**
   * Milliseconds between two write requests; unset keeps Octokit's throttling default (1 s, as
   * GitHub advises). Only tests against a local fake set `INFRA_LOG_WRITE_INTERVAL_MS`.
   */
  writeIntervalMs: number | undefined
  /**
   * Milliseconds per unit of a retry wait (a `retry-after` second, a backoff step); unset keeps
   * Octokit's 1000. Test-only, like the interval above: `INFRA_LOG_RETRY_AFTER_BASE_MS` lets a
   * test against a local fake inject rate limits and server errors without waiting seconds.
   */
  retryAfterBaseMs: number | undefined
}

/** Reads the runner's `GITHUB_*` variables, with the defaults github.com implies. */
export function readRunnerContext(env: NodeJS.ProcessEnv): RunnerContext {
  const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '')
  const repository = env.GITHUB_REPOSITORY ?? ''
  const runId = env.GITHUB_RUN_ID
  const interval = Number(env.INFRA_LOG_WRITE_INTERVAL_MS ?? 'NaN')
  const retryBase = Number(env.INFRA_LOG_RETRY_AFTER_BASE_MS ?? 'NaN')
  return {
    repository,
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    eventPath: env.GITHUB_EVENT_PATH ?? '',
    runUrl:
      runId !== undefined && repository !== ''
        ? `${serverUrl}/${repository}/actions/runs/${runId}`
        : undefined,
    writeIntervalMs: Number.isFinite(interval) && interval >= 0 ? interval : undefined,
    retryAfterBaseMs: Number.isFinite(retryBase) && retryBase >= 0 ? retryBase : undefined,
  }
}
