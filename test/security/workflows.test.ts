// The example workflows are what users copy: they must ask for the least the action needs.
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const WORKFLOWS = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'),
  '.github',
  'workflows',
)

type Permissions = Record<string, string> | string | undefined
type Workflow = {
  permissions?: Permissions
  jobs: Record<
    string,
    { permissions?: Permissions; steps?: { uses?: string; with?: Record<string, unknown> }[] }
  >
}

function readWorkflow(name: string): Workflow {
  return parse(readFileSync(join(WORKFLOWS, name), 'utf8')) as Workflow
}

/** The permissions each job runs with: its own block, else the workflow's. */
function jobPermissions(workflow: Workflow): Record<string, Permissions> {
  return Object.fromEntries(
    Object.entries(workflow.jobs).map(([name, job]) => [
      name,
      job.permissions ?? workflow.permissions,
    ]),
  )
}

describe('example workflows', () => {
  it('infra-log.yml asks for exactly contents: write, issues: read, pull-requests: write', () => {
    const workflow = readWorkflow('infra-log.yml')
    expect(workflow.permissions).toEqual({
      contents: 'write',
      issues: 'read',
      'pull-requests': 'write',
    })
    for (const [job, permissions] of Object.entries(jobPermissions(workflow))) {
      expect({ job, permissions }).toEqual({ job, permissions: workflow.permissions })
    }
  })

  it('infra-log-validate.yml asks for issues: write and at most contents: read', () => {
    const workflow = readWorkflow('infra-log-validate.yml')
    for (const [job, permissions] of Object.entries(jobPermissions(workflow))) {
      expect(typeof permissions).toBe('object')
      const { issues, contents, ...rest } = permissions as Record<string, string>
      expect({ job, issues, rest }).toEqual({ job, issues: 'write', rest: {} })
      expect({ job, contents: contents ?? 'none' }).toMatchObject({
        job,
        contents: expect.stringMatching(/^(none|read)$/),
      })
    }
  })

  it('neither checks out with persisted credentials nor passes a token other than the workflow default', () => {
    for (const name of ['infra-log.yml', 'infra-log-validate.yml']) {
      const workflow = readWorkflow(name)
      for (const job of Object.values(workflow.jobs)) {
        for (const step of job.steps ?? []) {
          if (step.uses?.startsWith('actions/checkout') === true) {
            expect({ name, persist: step.with?.['persist-credentials'] }).toEqual({
              name,
              persist: false,
            })
          }
          const token = step.with?.token
          if (token !== undefined)
            expect({ name, token }).toEqual({ name, token: '${{ github.token }}' })
        }
      }
    }
  })
})
