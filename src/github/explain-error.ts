import { gitHubMessage, isHttpError, type HttpError } from './request-error.js'

/** What was being done when an error happened, for {@link explainGitHubError}. */
export type ErrorContext = {
  /** `owner/name` */
  repository: string
  /** What infra-log was doing, as a verb phrase: `list issues`, `commit the report`, `open the pull request`. */
  action: string
  /** The branch being written, when the action writes one. */
  branch?: string
  /** The configured token, so that it is stripped even when it has no known prefix. */
  token?: string
  /** The clock, to say how long until a rate limit resets. */
  now?: Date
}

// GitHub's token formats: personal (classic and fine-grained), OAuth, user-to-server,
// server-to-server (GITHUB_TOKEN, App installations) and refresh tokens.
const TOKEN_PATTERN = /\b(?:gh[pousr]_[A-Za-z0-9_]{16,}|github_pat_[A-Za-z0-9_]{16,})/g
const AUTHORIZATION_PATTERN = /\b(authorization:?\s*(?:token|bearer|basic)?\s+)[^\s"',;]+/gi

/** Replaces anything that looks like a GitHub token, and `token` itself, with `***`. */
export function redactToken(text: string, token?: string): string {
  let redacted = text
  const secret = token?.trim()
  // A very short "token" would blank out ordinary words; GitHub's are never that short.
  if (secret !== undefined && secret.length >= 8) redacted = redacted.split(secret).join('***')
  return redacted.replace(TOKEN_PATTERN, '***').replace(AUTHORIZATION_PATTERN, '$1***')
}

/**
 * Turns an error from the REST API into one line that says what to change: the token, the
 * workflow's `permissions:`, a repository setting, the `repository` or `branch-prefix` input.
 * The token never appears in it.
 */
export function explainGitHubError(error: unknown, context: ErrorContext): string {
  const line = explain(error, context).replace(/\s*[\r\n]+\s*/g, ' ')
  return redactToken(line, context.token)
}

function explain(error: unknown, context: ErrorContext): string {
  const { repository, action } = context
  const failed = `Could not ${action} on ${repository}`
  if (!isHttpError(error)) {
    return `${failed}: ${error instanceof Error ? error.message : String(error)}`
  }
  const message = gitHubMessage(error)
  const status = error.status

  if (status === 401) {
    return `${failed}: GitHub rejected the token as bad or expired (401 ${message}). Pass a valid token in the \`token\` input (by default the workflow's \`github.token\`).`
  }
  const rateLimit = rateLimitReset(error)
  if (rateLimit !== null) {
    const wait =
      context.now === undefined
        ? ''
        : ` (in ${Math.max(1, Math.ceil((rateLimit.getTime() - context.now.getTime()) / 60_000))} min)`
    return `${failed}: the token's GitHub API rate limit is used up; it resets at ${rateLimit.toISOString()}${wait}. Run the workflow again after that, or use a token with its own limit (a GitHub App's).`
  }
  if (/secondary rate limit/i.test(message)) {
    return `${failed}: GitHub's secondary rate limit stopped the run (too many requests in a short time). Wait a few minutes and run the workflow again.`
  }
  if (status === 403 && /not permitted to create or approve pull requests/i.test(message)) {
    return `${failed}: GitHub Actions may not open pull requests in this repository. Enable Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests", or pass a GitHub App token in the \`token\` input.`
  }
  if (status === 403 && /resource not accessible by personal access token/i.test(message)) {
    const needed = neededPermission(error, action)
    return `${failed}: the personal access token lacks the \`${needed}\` permission on ${repository}. Grant it to the token (Settings → Developer settings → Fine-grained tokens), or use the workflow's \`github.token\`.`
  }
  if (status === 403 && /resource not accessible by integration/i.test(message)) {
    const needed = neededPermission(error, action)
    return `${failed}: the token lacks the \`${needed}\` permission. Add \`permissions:\` with \`${needed}\` to the workflow job (report mode needs \`contents: write\`, \`pull-requests: write\`, \`issues: read\`; validate mode needs \`issues: write\`).`
  }
  if (isBranchProtection(status, message)) {
    const branch = context.branch ?? branchOf(error)
    const named = branch === null ? 'the report branch' : `branch \`${branch}\``
    return `${failed}: a branch protection rule or ruleset refuses updates to ${named} (${message}). Set the \`branch-prefix\` input to a prefix no rule covers (e.g. \`infra-log/\`), or exempt it from the rule.`
  }
  if (status === 404) {
    return `${failed}: GitHub answered 404 Not Found, so ${repository} does not exist or the token cannot see it. Check the \`repository\` input; a workflow's \`github.token\` only reaches its own repository, so pass a token with access to ${repository} otherwise.`
  }
  return `${failed}: GitHub answered ${status}: ${message}`
}

// The primary limit: no requests left until the reset time GitHub gives.
function rateLimitReset(error: HttpError): Date | null {
  if (error.status !== 403 && error.status !== 429) return null
  const headers = error.response?.headers ?? {}
  if (String(headers['x-ratelimit-remaining']) !== '0') return null
  const reset = Number(headers['x-ratelimit-reset'])
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : null
}

function isBranchProtection(status: number, message: string): boolean {
  if (status !== 403 && status !== 409 && status !== 422) return false
  return /protected branch|repository rule violations|ruleset|cannot (?:create|update) ref|creations being restricted/i.test(
    message,
  )
}

// GitHub names it in `x-accepted-github-permissions` (`contents=write`; alternative sets
// separated by `;`, e.g. `issues=write; pull_requests=write`); else it is inferred from the
// failed request, and last from the words of the action.
function neededPermission(error: HttpError, action: string): string {
  const accepted = error.response?.headers?.['x-accepted-github-permissions']
  if (typeof accepted === 'string' && accepted.trim() !== '') {
    const sets = accepted
      .split(';')
      .map((set) =>
        set
          .split(',')
          .map((pair) => pair.trim().split('='))
          .filter((pair): pair is [string, string] => pair.length === 2 && pair[0] !== '')
          .map(([scope, level]) => `${scope.replace(/_/g, '-')}: ${level}`)
          .join(', '),
      )
      .filter((set) => set !== '')
    if (sets.length > 0) return sets.join('` or `')
  }
  return inferPermission(error, action)
}

function inferPermission(error: HttpError, action: string): string {
  const request = (error as { request?: { method?: string; url?: string } }).request
  const method = request?.method?.toUpperCase() ?? ''
  const path = request?.url === undefined ? '' : pathOf(request.url)
  const write = method !== '' && method !== 'GET' && method !== 'HEAD'
  if (/\/git\/|\/contents\//.test(path)) return write ? 'contents: write' : 'contents: read'
  if (/\/pulls(\/|$)/.test(path)) return write ? 'pull-requests: write' : 'pull-requests: read'
  if (/\/issues(\/|$)/.test(path)) {
    // Labels and assignees of a pull request go through the issues endpoints.
    if (write && /\/(labels|assignees)$/.test(path)) return 'pull-requests: write'
    return write ? 'issues: write' : 'issues: read'
  }
  if (/commit|branch|report|push|file/i.test(action)) return 'contents: write'
  if (/pull request|review|label|assign/i.test(action)) return 'pull-requests: write'
  if (/comment/i.test(action)) return 'issues: write'
  if (/issue/i.test(action)) return 'issues: read'
  return 'contents: write'
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'https://api.github.com').pathname
  } catch {
    return url
  }
}

function branchOf(error: HttpError): string | null {
  const request = (error as { request?: { url?: string; body?: unknown } }).request
  // Octokit sends `heads/a/b` as one encoded path segment: `heads%2Fa%2Fb`.
  const path = request?.url === undefined ? '' : safeDecode(pathOf(request.url))
  const fromUrl = /\/git\/refs\/heads\/(.+)$/.exec(path)
  if (fromUrl?.[1] !== undefined) return fromUrl[1]
  const body = request?.body
  const text = typeof body === 'string' ? body : ''
  const fromBody = /"ref"\s*:\s*"refs\/heads\/([^"]+)"/.exec(text)
  return fromBody?.[1] ?? null
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
