import { getProxyUrl } from '@actions/http-client/lib/proxy'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { Octokit } from '@octokit/rest'
import Bottleneck from 'bottleneck'

/** Where the adapter reports what it does; the action passes `@actions/core`'s functions. */
export type Logger = {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
}

// @octokit/rest (REST methods and pagination) with retries and GitHub's rate limits; the two
// plugins add no method the adapter calls.
const ActionOctokit: typeof Octokit = Octokit.plugin(retry, throttling)

/** The Octokit instance every function in `github/` takes. */
export type GitHubClient = Octokit

/** A rate-limited request is retried this many times, and only when the wait is short. */
const RATE_LIMIT_RETRIES = 2
const LONGEST_RATE_LIMIT_WAIT_SECONDS = 60

/** Options for {@link createGitHubClient}. */
export type GitHubClientParams = {
  token: string
  /** The REST API root: `GITHUB_API_URL` (GitHub Enterprise Server), default `https://api.github.com`. */
  baseUrl?: string
  log: Logger
  /** Retries of a failed request (5xx and other retryable statuses); default 3. */
  retries?: number
  /** Milliseconds per unit of a retry wait (retry-after seconds, backoff steps); default 1000. Tests pass 1. */
  retryAfterBaseValue?: number
  /**
   * Milliseconds between two writes. Default: the throttling plugin's, which follows GitHub's
   * advice for avoiding secondary rate limits (1 s between writes, 3 s between ones that notify).
   * Tests pass 0.
   */
  writeIntervalMs?: number
}

/**
 * Creates an Octokit client that retries server errors and waits out short rate limits,
 * logging every wait through `log.warning`.
 */
export function createGitHubClient(params: GitHubClientParams): GitHubClient {
  const { log } = params
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      options: { method: string; url: string },
      _octokit: unknown,
      retryCount: number,
    ) => {
      const request = `${options.method} ${options.url}`
      if (retryCount < RATE_LIMIT_RETRIES && retryAfter <= LONGEST_RATE_LIMIT_WAIT_SECONDS) {
        log.warning(
          `GitHub ${kind} hit by ${request}: retrying in ${retryAfter} s (retry ${retryCount + 1} of ${RATE_LIMIT_RETRIES}).`,
        )
        return true
      }
      log.warning(
        `GitHub ${kind} hit by ${request}: giving up after ${retryCount} ${retryCount === 1 ? 'retry' : 'retries'} (the limit resets in ${retryAfter} s).`,
      )
      return false
    }
  const writeGroups =
    params.writeIntervalMs === undefined
      ? {}
      : {
          write: new Bottleneck.Group({ maxConcurrent: 1, minTime: params.writeIntervalMs }),
          notifications: new Bottleneck.Group({
            maxConcurrent: 1,
            minTime: params.writeIntervalMs,
          }),
        }
  const baseUrl = (params.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '')
  return new ActionOctokit({
    auth: params.token,
    baseUrl,
    userAgent: userAgent(process.env.ACTIONS_ORCHESTRATION_ID),
    request: { fetch: fetchFor(baseUrl) },
    log: {
      debug: (message: string) => log.debug(message),
      info: (message: string) => log.debug(message),
      warn: (message: string) => log.warning(message),
      // @octokit/rest logs every failed request as an error, the expected ones too (a branch
      // that does not exist yet); a failure that matters reaches the run as an exception.
      error: (message: string) => log.debug(message),
    },
    retry: {
      ...(params.retries === undefined ? {} : { retries: params.retries }),
      ...(params.retryAfterBaseValue === undefined
        ? {}
        : { retryAfterBaseValue: params.retryAfterBaseValue }),
    },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      ...(params.retryAfterBaseValue === undefined
        ? {}
        : { retryAfterBaseValue: params.retryAfterBaseValue }),
      ...writeGroups,
    },
  })
}

/**
 * Node's own `fetch`, unless the runner sets a proxy for the API (`HTTPS_PROXY`, `NO_PROXY`, as
 * @actions/http-client reads them): then @actions/github's proxy-aware fetch, loaded only then.
 * Loading it always (it bundles its own HTTP client) was a third of the action's start-up.
 */
export function fetchFor(baseUrl: string): typeof fetch {
  if (getProxyUrl(new URL(baseUrl)) === undefined) return globalThis.fetch
  let proxied: Promise<typeof fetch> | undefined
  return async (input, init) => {
    proxied ??= import('@actions/github/lib/utils').then(
      ({ defaults }) => (defaults.request?.fetch as typeof fetch | undefined) ?? globalThis.fetch,
    )
    return (await proxied)(input, init)
  }
}

/** `infra-log`, tagged with the runner's orchestration id as @actions/github tags its requests. */
function userAgent(orchestrationId: string | undefined): string {
  const id = orchestrationId?.trim()
  return id === undefined || id === ''
    ? 'infra-log'
    : `infra-log actions_orchestration_id/${id.replace(/[^a-z0-9_.-]/gi, '_')}`
}
