import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck'

/** Where the adapter reports what it does; the action passes `@actions/core`'s functions. */
export type Logger = {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
}

/** The Octokit instance every function in `github/` takes. */
export type GitHubClient = ReturnType<typeof getOctokit>

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
  return getOctokit(
    params.token,
    {
      ...(params.baseUrl === undefined ? {} : { baseUrl: params.baseUrl.replace(/\/+$/, '') }),
      log: {
        debug: (message: string) => log.debug(message),
        info: (message: string) => log.debug(message),
        warn: (message: string) => log.warning(message),
        error: (message: string) => log.warning(message),
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
    },
    retry,
    throttling,
  )
}
