import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { defaultBranchFromRunner, readRunnerContext } from '../src/runner-context.js'

// A real `workflow_dispatch` payload as GitHub sends it, from @octokit/webhooks-examples.
const require = createRequire(import.meta.url)
const definitions = require('@octokit/webhooks-examples') as {
  name: string
  examples: { repository?: { full_name: string; default_branch: string } }[]
}[]
const dispatch = definitions.find((definition) => definition.name === 'workflow_dispatch')
  ?.examples[0]

describe('defaultBranchFromRunner', () => {
  const context = (env: Record<string, string>) =>
    readRunnerContext({ GITHUB_REPOSITORY: 'acme/infra', ...env })

  it("reads the event's repository.default_branch when the event is about that repository", () => {
    const repository = dispatch?.repository
    expect(repository?.default_branch).toEqual(expect.any(String))
    const ctx = context({ GITHUB_EVENT_NAME: 'workflow_dispatch' })
    expect(defaultBranchFromRunner(ctx, dispatch, repository?.full_name ?? '')).toBe(
      repository?.default_branch,
    )
    expect(
      defaultBranchFromRunner(
        ctx,
        { repository: { full_name: 'Acme/Infra', default_branch: 'trunk' } },
        'acme/infra',
      ),
    ).toBe('trunk')
  })

  it('takes GITHUB_REF for a scheduled run of the same repository, whose payload has no repository', () => {
    const ctx = context({ GITHUB_EVENT_NAME: 'schedule', GITHUB_REF: 'refs/heads/main' })
    expect(defaultBranchFromRunner(ctx, { schedule: '0 9 * * 1' }, 'acme/infra')).toBe('main')
  })

  it('says nothing when the runner does not know', () => {
    // Another repository's event, a report committed elsewhere, a manual run on a feature branch.
    expect(
      defaultBranchFromRunner(
        context({ GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REF: 'refs/heads/feature' }),
        { repository: { full_name: 'acme/other', default_branch: 'main' } },
        'acme/infra',
      ),
    ).toBeUndefined()
    const scheduled = context({ GITHUB_EVENT_NAME: 'schedule', GITHUB_REF: 'refs/heads/main' })
    expect(defaultBranchFromRunner(scheduled, {}, 'acme/elsewhere')).toBeUndefined()
    expect(
      defaultBranchFromRunner(
        context({ GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REF: 'refs/heads/main' }),
        {},
        'acme/infra',
      ),
    ).toBeUndefined()
    expect(
      defaultBranchFromRunner(
        context({ GITHUB_EVENT_NAME: 'schedule', GITHUB_REF: 'refs/tags/v1' }),
        {},
        'acme/infra',
      ),
    ).toBeUndefined()
    expect(defaultBranchFromRunner(context({}), null, 'acme/infra')).toBeUndefined()
    expect(
      defaultBranchFromRunner(
        context({}),
        { repository: { full_name: 'acme/infra', default_branch: '' } },
        'acme/infra',
      ),
    ).toBeUndefined()
  })
})
