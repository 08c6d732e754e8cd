/** What the Actions runner tells a step through its environment. */
export type RunnerContext = {
  /** `owner/name` of the workflow's repository: where the report is committed. */
  repository: string
  workspace: string
  apiUrl: string
  serverUrl: string
  eventName: string
  eventPath: string
  /** `GITHUB_REF`: for a scheduled run, the default branch (`refs/heads/main`). */
  ref: string
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
    ref: env.GITHUB_REF ?? '',
    runUrl:
      runId !== undefined && repository !== ''
        ? `${serverUrl}/${repository}/actions/runs/${runId}`
        : undefined,
    writeIntervalMs: Number.isFinite(interval) && interval >= 0 ? interval : undefined,
    retryAfterBaseMs: Number.isFinite(retryBase) && retryBase >= 0 ? retryBase : undefined,
  }
}

/**
 * `repository`'s default branch as the runner already says it, so that publishing need not ask
 * GitHub: the event's `repository.default_branch` (every event about a repository carries it),
 * else, for a scheduled run of the same repository (whose payload has no `repository`), the
 * branch in `GITHUB_REF`, which GitHub sets to the default branch for `schedule`. Undefined when
 * neither says (a report committed to another repository, a run outside Actions).
 */
export function defaultBranchFromRunner(
  context: RunnerContext,
  event: unknown,
  repository: string,
): string | undefined {
  const same = (name: unknown) =>
    typeof name === 'string' && name.toLowerCase() === repository.toLowerCase()
  const payload = event as { repository?: { full_name?: unknown; default_branch?: unknown } }
  const branch = payload?.repository?.default_branch
  if (same(payload?.repository?.full_name) && typeof branch === 'string' && branch !== '') {
    return branch
  }
  if (context.eventName === 'schedule' && same(context.repository)) {
    const scheduled = /^refs\/heads\/(.+)$/.exec(context.ref)?.[1]
    if (scheduled !== undefined) return scheduled
  }
  return undefined
}
