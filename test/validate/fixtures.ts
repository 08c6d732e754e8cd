import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import { parseInputs, type Inputs } from '../../src/inputs.js'

export { examplePayload, issuesPayload } from '../fake-github/webhook-payloads.js'
export { formBody, incidentBody } from '../report/issue-bodies.js'

/** Inputs as the runner would give them in validate mode, with `raw` on top of the defaults. */
export function validateInputs(raw: Partial<Record<keyof Inputs, string>> = {}): Inputs {
  return parseInputs(
    { token: 'fake-token', mode: 'validate', timezone: 'America/New_York', ...raw },
    { repository: 'acme/infra', workspace: process.cwd() },
  )
}

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden')

/**
 * Compares `actual` with `golden/<name>`; with UPDATE=1 it writes the file instead. Read every
 * file this writes: it is the comment people will see.
 */
export async function expectGolden(name: string, actual: string): Promise<void> {
  const path = join(GOLDEN, name)
  if (process.env.UPDATE === '1') {
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, actual)
    return
  }
  const expected = await readFile(path, 'utf8').catch(() => {
    throw new Error(`Golden file golden/${name} is missing: run with UPDATE=1 and read it`)
  })
  expect(actual).toBe(expected)
}
