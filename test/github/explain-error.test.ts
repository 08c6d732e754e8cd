import { describe, expect, it } from 'vitest'
import { explainGitHubError, redactToken } from '../../src/github/explain-error.js'

const TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a'
const repository = 'acme/infra'

/** An error shaped like Octokit's `RequestError`: status, the request, GitHub's response. */
function httpError(
  status: number,
  message: string,
  request: { method: string; url: string; body?: string } = {
    method: 'GET',
    url: '/repos/acme/infra',
  },
  headers: Record<string, string> = {},
): Error {
  return Object.assign(new Error(`${message} - https://docs.github.com/rest`), {
    name: 'HttpError',
    status,
    request: {
      ...request,
      url: `https://api.github.com${request.url}`,
      headers: { authorization: `token ${TOKEN}` },
    },
    response: {
      status,
      url: request.url,
      headers,
      data: { message, documentation_url: 'https://docs.github.com/rest' },
    },
  })
}

describe('explainGitHubError', () => {
  it('says a 401 is a bad or expired token and names the input', () => {
    const line = explainGitHubError(httpError(401, 'Bad credentials'), {
      repository,
      action: 'list issues',
    })
    expect(line).toBe(
      "Could not list issues on acme/infra: GitHub rejected the token as bad or expired (401 Bad credentials). Pass a valid token in the `token` input (by default the workflow's `github.token`).",
    )
  })

  it('names the permission a write to the git database needs', () => {
    const error = httpError(403, 'Resource not accessible by integration', {
      method: 'POST',
      url: '/repos/acme/infra/git/trees',
    })
    const line = explainGitHubError(error, { repository, action: 'commit the report' })
    expect(line).toContain('the token lacks the `contents: write` permission')
    expect(line).toContain('Add `permissions:` with `contents: write` to the workflow job')
  })

  it.each([
    ['POST', '/repos/acme/infra/pulls', 'open the pull request', 'pull-requests: write'],
    ['POST', '/repos/acme/infra/issues/7/labels', 'label the pull request', 'pull-requests: write'],
    ['GET', '/repos/acme/infra/issues', 'list issues', 'issues: read'],
    ['POST', '/repos/acme/infra/issues/7/comments', 'comment on issue #7', 'issues: write'],
    ['GET', '/repos/acme/infra/git/ref/heads/main', 'read the branch', 'contents: read'],
  ])('names %s %s as needing %s', (method, url, action, permission) => {
    const error = httpError(403, 'Resource not accessible by integration', { method, url })
    expect(explainGitHubError(error, { repository, action })).toContain(
      `the token lacks the \`${permission}\` permission`,
    )
  })

  it('names the permissions GitHub says it accepts, alternatives joined by or', () => {
    const error = httpError(
      403,
      'Resource not accessible by integration',
      { method: 'POST', url: '/repos/acme/infra/issues/7/labels' },
      { 'x-accepted-github-permissions': 'issues=write; pull_requests=write' },
    )
    expect(explainGitHubError(error, { repository, action: 'label the pull request' })).toContain(
      'the token lacks the `issues: write` or `pull-requests: write` permission',
    )
  })

  it('tells a fine-grained token’s owner to grant the permission', () => {
    const error = httpError(
      403,
      'Resource not accessible by personal access token',
      { method: 'POST', url: '/repos/acme/infra/git/refs' },
      { 'x-accepted-github-permissions': 'contents=write' },
    )
    expect(explainGitHubError(error, { repository, action: 'create the branch' })).toBe(
      "Could not create the branch on acme/infra: the personal access token lacks the `contents: write` permission on acme/infra. Grant it to the token (Settings → Developer settings → Fine-grained tokens), or use the workflow's `github.token`.",
    )
  })

  it('quotes the errors GitHub lists with a 422', () => {
    const error = Object.assign(new Error('Validation Failed'), {
      status: 422,
      response: {
        headers: {},
        data: {
          message: 'Validation Failed',
          errors: [
            { resource: 'PullRequest', code: 'invalid', field: 'base' },
            { message: 'No commits between main and x' },
          ],
        },
      },
    })
    expect(explainGitHubError(error, { repository, action: 'open the pull request' })).toBe(
      'Could not open the pull request on acme/infra: GitHub answered 422: Validation Failed: base invalid; No commits between main and x',
    )
  })

  it('falls back to the action when the request is unknown', () => {
    const error = Object.assign(new Error('Resource not accessible by integration'), {
      status: 403,
    })
    expect(explainGitHubError(error, { repository, action: 'open the pull request' })).toContain(
      '`pull-requests: write`',
    )
  })

  it('points at the repository setting when Actions may not create pull requests', () => {
    const error = httpError(
      403,
      'GitHub Actions is not permitted to create or approve pull requests.',
      {
        method: 'POST',
        url: '/repos/acme/infra/pulls',
      },
    )
    expect(explainGitHubError(error, { repository, action: 'open the pull request' })).toBe(
      'Could not open the pull request on acme/infra: GitHub Actions may not open pull requests in this repository. Enable Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests", or pass a GitHub App token in the `token` input.',
    )
  })

  it('names the repository on a 404', () => {
    const line = explainGitHubError(httpError(404, 'Not Found'), {
      repository: 'acme/nope',
      action: 'list issues',
    })
    expect(line).toContain('acme/nope does not exist or the token cannot see it')
    expect(line).toContain('`repository` input')
  })

  it.each([
    ['Protected branch update failed for refs/heads/infra-log/2024-05-07.', 422],
    ['Repository rule violations found\n\nCannot update this protected ref.', 422],
    ['Cannot create ref due to creations being restricted.', 422],
  ])(
    'names the branch and `branch-prefix` when protection refuses a ref update (%s)',
    (message, status) => {
      const error = httpError(status, message, {
        method: 'PATCH',
        url: '/repos/acme/infra/git/refs/heads%2Finfra-log%2F2024-05-07',
      })
      const line = explainGitHubError(error, { repository, action: 'update the report branch' })
      expect(line).toContain('refuses updates to branch `infra-log/2024-05-07`')
      expect(line).toContain('Set the `branch-prefix` input')
      expect(line).not.toMatch(/\n/)
    },
  )

  it('takes the branch from the context, or from a ref being created', () => {
    const created = httpError(422, 'Cannot create ref due to creations being restricted.', {
      method: 'POST',
      url: '/repos/acme/infra/git/refs',
      body: '{"ref":"refs/heads/infra-log/2024-05-07","sha":"abc"}',
    })
    expect(explainGitHubError(created, { repository, action: 'create the branch' })).toContain(
      'branch `infra-log/2024-05-07`',
    )
    expect(
      explainGitHubError(httpError(422, 'Protected branch update failed'), {
        repository,
        action: 'update the branch',
        branch: 'weekly/x',
      }),
    ).toContain('branch `weekly/x`')
  })

  it('says when an exhausted rate limit resets', () => {
    const error = httpError(403, 'API rate limit exceeded for installation ID 1.', undefined, {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Date.UTC(2024, 4, 7, 12, 0, 0) / 1000),
    })
    const line = explainGitHubError(error, {
      repository,
      action: 'list issues',
      now: new Date(Date.UTC(2024, 4, 7, 11, 37, 30)),
    })
    expect(line).toBe(
      "Could not list issues on acme/infra: the token's GitHub API rate limit is used up; it resets at 2024-05-07T12:00:00.000Z (in 23 min). Run the workflow again after that, or use a token with its own limit (a GitHub App's).",
    )
  })

  it('says to wait on a secondary rate limit', () => {
    const error = httpError(
      403,
      'You have exceeded a secondary rate limit. Please wait a few minutes.',
    )
    expect(explainGitHubError(error, { repository, action: 'open the pull request' })).toContain(
      "GitHub's secondary rate limit stopped the run",
    )
  })

  it('gives the status and GitHub’s message otherwise, on one line', () => {
    const error = httpError(422, 'Validation Failed\nbase: invalid', {
      method: 'POST',
      url: '/repos/acme/infra/pulls',
    })
    expect(explainGitHubError(error, { repository, action: 'open the pull request' })).toBe(
      'Could not open the pull request on acme/infra: GitHub answered 422: Validation Failed base: invalid',
    )
  })

  it('explains errors that are not HTTP errors', () => {
    expect(
      explainGitHubError(new Error('connect ECONNREFUSED'), { repository, action: 'list issues' }),
    ).toBe('Could not list issues on acme/infra: connect ECONNREFUSED')
    expect(explainGitHubError('boom', { repository, action: 'list issues' })).toBe(
      'Could not list issues on acme/infra: boom',
    )
  })

  it('never echoes a token, with or without a known prefix', () => {
    const secret = 'v1.0123456789abcdef0123456789abcdef01234567'
    const leaks = [
      httpError(500, `Server error for token ${TOKEN}`),
      httpError(422, `bad header Authorization: token ${secret}`),
      new Error(`fetch failed: https://x-access-token:${secret}@github.com`),
      httpError(401, `Bad credentials ${secret}`),
    ]
    for (const error of leaks) {
      const line = explainGitHubError(error, { repository, action: 'list issues', token: secret })
      expect(line).not.toContain(TOKEN)
      expect(line).not.toContain(secret)
      expect(line).toContain('***')
    }
    const quiet = httpError(403, `Resource not accessible by integration (${TOKEN})`)
    expect(explainGitHubError(quiet, { repository, action: 'list issues' })).not.toContain(TOKEN)
  })
})

describe('redactToken', () => {
  it('strips every GitHub token format', () => {
    const tokens = [
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'gho_abcdefghijklmnopqrstuvwxyz0123456789',
      'ghu_abcdefghijklmnopqrstuvwxyz0123456789',
      'ghs_abcdefghijklmnopqrstuvwxyz0123456789',
      'ghr_abcdefghijklmnopqrstuvwxyz0123456789',
      'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012345',
    ]
    for (const token of tokens) {
      expect(redactToken(`before ${token} after`)).toBe('before *** after')
    }
  })

  it('strips the configured token and an Authorization header value', () => {
    expect(redactToken('x my-secret-token-value y', 'my-secret-token-value')).toBe('x *** y')
    expect(redactToken('authorization: bearer abc.def')).toBe('authorization: bearer ***')
  })

  it('leaves ordinary text alone, and ignores a configured token too short to be one', () => {
    expect(redactToken('ghp_ is a prefix; sha 0123abc', 'abc')).toBe(
      'ghp_ is a prefix; sha 0123abc',
    )
  })
})
